/**
 * WebGL wavefront recurrence: all layers advance together along diagonals of the (layer, time) grid.
 * Layer l at time step t depends on layer l at t − 1 and layer l − 1 at t, both of which lie on the
 * previous diagonal d − 1 (d = t + l), so one shader per diagonal computes every layer at once:
 * T + L − 1 shaders forward and T + L − 1 backward, instead of L·T each way. The state texture of a
 * diagonal is [L·b, u] (rows l·b … l·b + b − 1 hold layer l, zero where t is out of range).
 * Layer inputs (h of the layer below ⊙ its dropout mask) are projected inside the shader, so the
 * backward pass needs no separate dX product either. Packed shaders only (b and u even).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DropoutMasks } from '../../../masks';
import type { ActivationFn } from '../../activations';
import type { LayerWeights, RnnWavefront } from '../types';
import { gather, laidOut, MAX_INPUTS, run, type Program } from './program';

/** [u/2 texel] dot product of the 2 × 2 blocks: acc += A(rowA, ·) · B(·, c.y) or B(c.y, ·)ᵀ. */
function dot(
  u: number,
  aAt: (q: string) => string,
  bAt: (q: string) => string,
  transposeB: boolean,
): string {
  const [s1, s2] = transposeB ? ['w.xzxz', 'w.ywyw'] : ['w.xyxy', 'w.zwzw'];
  return `for (int q = 0; q < ${u / 2}; q++) {
          vec4 a = ${aAt('q * 2')}; vec4 w = ${bAt('q * 2')};
          acc += a.xxzz * ${s1} + a.yyww * ${s2};
        }`;
}

interface Dims {
  L: number;
  T: number;
  b: number;
  u: number;
}

function forwardProgram({ L, T, b, u }: Dims, masked: boolean, activation: ActivationFn): Program {
  const names = ['S', 'P', 'U'];
  if (L > 1) names.push('W', 'B');
  if (L > 1 && masked) names.push('M');
  const input = masked
    ? (q: string) => `getS(c.x - ${b}, ${q}) * getM(mrow, ${q})`
    : (q: string) => `getS(c.x - ${b}, ${q})`;
  return {
    variableNames: names,
    outputShape: [L * b, u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${activation.glsl.helpers('vec4')}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        vec4 acc;
        if (l == 0) {
          acc = getP(t * ${b} + i, c.y);
        } ${
          L > 1
            ? `else {
          vec4 bb = getB(l, c.y);
          acc = (l - (l / 2) * 2 == 0) ? bb.xyxy : bb.zwzw;
          int mrow = (l - 1) * ${T * b} + t * ${b} + i;
          int wrow = (l - 1) * ${u};
          ${dot(u, input, (q) => `getW(wrow + ${q}, c.y)`, false)}
        }`
            : ''
        }
        if (t > 0) {
          int urow = l * ${u};
          ${dot(
            u,
            (q) => `getS(c.x, ${q})`,
            (q) => `getU(urow + ${q}, c.y)`,
            false,
          )}
        }
        setOutput(${activation.glsl.f('acc', 'vec4')});
      }`,
  };
}

function backwardProgram({ L, T, b, u }: Dims, masked: boolean, activation: ActivationFn): Program {
  const names = ['G', 'H', 'U', 'D'];
  if (L > 1) names.push('W');
  if (L > 1 && masked) names.push('M');
  return {
    variableNames: names,
    outputShape: [L * b, u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = ${T - 1 + L - 1} - diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        vec4 acc = vec4(0.0);
        if (l == ${L - 1}) {
          if (t == ${T - 1}) acc = getD(i, c.y);
        } ${
          L > 1
            ? `else {
          // dOut = (dA of layer l + 1 at t) · W_{l+1}ᵀ ⊙ mask_l
          int wrow = l * ${u};
          ${dot(
            u,
            (q) => `getG(c.x + ${b}, ${q})`,
            (q) => `getW(wrow + c.y, ${q})`,
            true,
          )}
          ${masked ? `acc *= getM(l * ${T * b} + t * ${b} + i, c.y);` : ''}
        }`
            : ''
        }
        if (t < ${T - 1}) {
          int urow = l * ${u};
          ${dot(
            u,
            (q) => `getG(c.x, ${q})`,
            (q) => `getU(urow + c.y, ${q})`,
            true,
          )}
        }
        vec4 y = getH(l * ${T * b} + t * ${b} + i, c.y);
        setOutput(${activation.glsl.grad('acc', 'y', 'vec4')});
      }`,
  };
}

/** Rows [row, row + rows) of each block, stacked in order: [n·rows, u] (packed blocks). */
export function gatherRows(blocks: tf.Tensor2D[], row: number, rows: number): tf.Tensor2D {
  const groups: tf.Tensor2D[] = [];
  for (let g = 0; g < blocks.length; g += MAX_INPUTS) {
    const part = blocks.slice(g, g + MAX_INPUTS);
    const branches = part.map(
      (_, i) =>
        `${i ? 'else ' : ''}if (c.x < ${(i + 1) * rows}) v = getX${i}(c.x - ${i * rows - row}, c.y);`,
    );
    groups.push(
      run(
        {
          variableNames: part.map((_, i) => `X${i}`),
          outputShape: [part.length * rows, blocks[0].shape[1]],
          packedInputs: true,
          packedOutput: true,
          userCode: `void main() { ivec2 c = getOutputCoords(); vec4 v = vec4(0.0); ${branches.join(' ')} setOutput(v); }`,
        },
        part,
      ),
    );
  }
  return gather(groups, true);
}

/** Whether the wavefront shaders apply (packed layout needs even batch and units). */
function waveApplies(b: number, u: number): boolean {
  return b % 2 === 0 && u % 2 === 0;
}

/** Stacked weights the shaders read: W of layers 1…L−1, U of all layers, biases [L, u]. */
export function stacks(layers: LayerWeights[]): {
  W: tf.Tensor2D | null;
  U: tf.Tensor2D;
  B: tf.Tensor2D;
} {
  const W =
    layers.length > 1 ? (tf.concat(layers.slice(1).map((x) => x.kernel)) as tf.Tensor2D) : null;
  const U = tf.concat(layers.map((x) => x.recurrent)) as tf.Tensor2D;
  const B = tf.stack(layers.map((x) => x.bias)) as tf.Tensor2D;
  return { W: W && laidOut(W, true), U: laidOut(U, true), B: laidOut(B, true) };
}

export function maskStack(masks: DropoutMasks, L: number): tf.Tensor2D | null {
  if (!masks || L < 2) return null;
  return laidOut(tf.concat(masks.slice(0, L - 1)) as tf.Tensor2D, true);
}

/**
 * Forward recurrence of every layer. `proj0` is layer 0's input projection plus bias [T·b, u].
 * Returns each layer's hidden states stacked [T·b, u].
 */
function waveForward(
  proj0: tf.Tensor2D,
  layers: LayerWeights[],
  masks: DropoutMasks,
  steps: number,
  activation: ActivationFn,
): tf.Tensor2D[] {
  const L = layers.length;
  const [rows, u] = proj0.shape;
  const dims = { L, T: steps, b: rows / steps, u };
  const { W, U, B } = stacks(layers);
  const M = maskStack(masks, L);
  const program = forwardProgram(dims, M !== null, activation);
  let s = tf.zeros([L * dims.b, u]) as tf.Tensor2D;
  const diagonals: tf.Tensor2D[] = [];
  const p = laidOut(proj0, true);
  for (let d = 0; d < steps + L - 1; d++) {
    const inputs: tf.Tensor2D[] = [s, p, U];
    if (W) inputs.push(W, B);
    if (W && M) inputs.push(M);
    s = run(program, inputs, [[d]]);
    diagonals.push(s);
  }
  return layers.map((_, l) => gatherRows(diagonals.slice(l, l + steps), l * dims.b, dims.b));
}

/**
 * Backward recurrence of every layer: dA (gradient w.r.t. pre-activations) stacked [T·b, u] per layer.
 * `dLast` [b, u] is dLoss/dh_T of the top layer (dropout already applied).
 */
function waveBackward(
  states: tf.Tensor2D[],
  layers: LayerWeights[],
  masks: DropoutMasks,
  dLast: tf.Tensor2D,
  steps: number,
  activation: ActivationFn,
): tf.Tensor2D[] {
  const L = layers.length;
  const [rows, u] = states[0].shape;
  const b = rows / steps;
  const dims = { L, T: steps, b, u };
  const { W, U } = stacks(layers);
  const M = maskStack(masks, L);
  const H = laidOut(L > 1 ? (tf.concat(states) as tf.Tensor2D) : states[0], true);
  const D = laidOut(dLast, true);
  const program = backwardProgram(dims, M !== null, activation);
  let g = tf.zeros([L * b, u]) as tf.Tensor2D;
  const diagonals: tf.Tensor2D[] = [];
  for (let e = 0; e < steps + L - 1; e++) {
    const inputs: tf.Tensor2D[] = [g, H, U, D];
    if (W) inputs.push(W);
    if (W && M) inputs.push(M);
    g = run(program, inputs, [[e]]);
    diagonals.push(g);
  }
  // Layer l at step t sits on diagonal (T − 1 − t) + (L − 1 − l).
  return layers.map((_, l) => {
    const blocks: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) blocks.push(diagonals[steps - 1 - t + (L - 1 - l)]);
    return gatherRows(blocks, l * b, b);
  });
}

/** See {@link RnnWavefront}: packed shaders, T + L − 1 per direction. */
export const webglWavefront: RnnWavefront = {
  applies: waveApplies,
  forward: waveForward,
  backward: waveBackward,
};
