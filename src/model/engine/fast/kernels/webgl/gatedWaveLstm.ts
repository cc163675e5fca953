/**
 * LSTM on the webgl wavefront (gatedWaveShared.ts): one packed shader per diagonal each way.
 * Forward: the diagonal texture [L·b, 2u] holds h_t and c_t of every layer side by side (rows
 * l·b … l·b + b − 1 layer l, zero where t is out of range); each texel computes its unit's four gates
 * i, f, c, o (Keras order) from h_{t−1}, the layer input (layer 0: the driver's projection; above:
 * h of the layer below ⊙ its dropout mask, times W inside) and c_{t−1}.
 * Backward: the diagonal holds dZ [4u] (all gates) and dc_t ⊙ f_t [u], what step t − 1 needs; the
 * gates are recomputed from the forward's h and c rather than stored.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ACTIVATIONS, type ActivationFn } from '../../activations';
import type { DropoutMasks } from '../../../masks';
import type { GatedWavefront, LayerWeights, LstmWaveRun } from '../types';
import {
  BIAS_AT,
  dotInto,
  dotTransposed,
  gatherBlock,
  type At,
  type Dims,
} from './gatedWaveShared';
import { laidOut, run, type Program } from './program';
import { gatherRows, maskStack, stacks } from './wave';

const SIGMOID = ACTIVATIONS.sigmoid;
const GATES = ['zi', 'zf', 'zc', 'zo'];

/**
 * GLSL: the four pre-activations zi, zf, zc, zo at unit column j of layer l, step t: the projection
 * (layer 0: P row `prow`; above: bias + input · W_l, the input texel `input`) plus h_{t−1} · U_l when
 * t > 0 (`prev`, the texel of h_{t−1}).
 */
function gatePreActivations({ L, u }: Dims, input: At, prev: At): string {
  const at = (g: number): string => (g ? `j + ${g * u}` : 'j');
  return `vec4 zi, zf, zc, zo;
        if (l == 0) {
          ${GATES.map((z, g) => `${z} = getP(prow, ${at(g)});`).join(' ')}
        } ${
          L > 1
            ? `else {
          ${GATES.map((z, g) => `${z} = biasAt(l, ${at(g)});`).join(' ')}
          int wrow = (l - 1) * ${u};
          ${dotInto(
            u,
            input,
            GATES.map((z, g): [string, At] => [z, (q) => `getW(wrow + ${q}, ${at(g)})`]),
          )}
        }`
            : ''
        }
        if (t > 0) {
          int urow = l * ${u};
          ${dotInto(
            u,
            prev,
            GATES.map((z, g): [string, At] => [z, (q) => `getU(urow + ${q}, ${at(g)})`]),
          )}
        }
        vec4 ig = ${SIGMOID.glsl.f('zi', 'vec4')};
        vec4 fg = ${SIGMOID.glsl.f('zf', 'vec4')};
        vec4 og = ${SIGMOID.glsl.f('zo', 'vec4')};`;
}

function forwardProgram(dims: Dims, masked: boolean, act: ActivationFn): Program {
  const { L, T, b, u } = dims;
  const names = ['S', 'P', 'U'];
  if (L > 1) names.push('W', 'B');
  if (L > 1 && masked) names.push('M');
  const input: At = masked
    ? (q) => `getS(c.x - ${b}, ${q}) * getM(mrow, ${q})`
    : (q) => `getS(c.x - ${b}, ${q})`;
  return {
    variableNames: names,
    outputShape: [L * b, 2 * u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      ${L > 1 ? BIAS_AT : ''}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        int j = c.y < ${u} ? c.y : c.y - ${u};
        int prow = t * ${b} + i;
        int mrow = (l - 1) * ${T * b} + prow;
        ${gatePreActivations(dims, input, (q) => `getS(c.x, ${q})`)}
        vec4 gg = ${act.glsl.f('zc', 'vec4')};
        // c_{t−1} is zero at t = 0: the previous diagonal holds zeros there.
        vec4 cn = fg * getS(c.x, j + ${u}) + ig * gg;
        setOutput(c.y < ${u} ? og * ${act.glsl.f('cn', 'vec4')} : cn);
      }`,
  };
}

function backwardProgram(dims: Dims, masked: boolean, act: ActivationFn): Program {
  const { L, T, b, u } = dims;
  const names = ['G', 'H', 'P', 'U', 'D'];
  if (L > 1) names.push('W', 'B');
  if (L > 1 && masked) names.push('M');
  // H stacks every layer's [T·b, 2u] pair: layer l's row of step t is l·T·b + t·b + i (hrow).
  const input: At = masked
    ? (q) => `getH(hrow - ${T * b}, ${q}) * getM(hrow - ${T * b}, ${q})`
    : (q) => `getH(hrow - ${T * b}, ${q})`;
  return {
    variableNames: names,
    outputShape: [L * b, 5 * u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      ${L > 1 ? BIAS_AT : ''}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = ${T - 1 + L - 1} - diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        int block = c.y / ${u};
        int j = c.y - block * ${u};
        int prow = t * ${b} + i;
        int hrow = l * ${T * b} + prow;
        ${gatePreActivations(dims, input, (q) => `getH(hrow - ${b}, ${q})`)}
        vec4 gg = ${act.glsl.f('zc', 'vec4')};
        vec4 cPrev = t > 0 ? getH(hrow - ${b}, j + ${u}) : vec4(0.0);
        vec4 ac = ${act.glsl.f(`getH(hrow, j + ${u})`, 'vec4')};
        // dLoss/dh_t: from the layer above (its dZ at t · Wᵀ ⊙ mask) or dLast, and from step t + 1.
        vec4 dH = vec4(0.0);
        if (l == ${L - 1}) {
          if (t == ${T - 1}) dH = getD(i, j);
        } ${
          L > 1
            ? `else {
          int wrow = l * ${u};
          ${dotTransposed(
            4 * u,
            'dH',
            (q) => `getG(c.x + ${b}, ${q})`,
            (q) => `getW(wrow + j, ${q})`,
          )}
          ${masked ? 'dH *= getM(hrow, j);' : ''}
        }`
            : ''
        }
        if (t < ${T - 1}) {
          int urow = l * ${u};
          ${dotTransposed(
            4 * u,
            'dH',
            (q) => `getG(c.x, ${q})`,
            (q) => `getU(urow + j, ${q})`,
          )}
        }
        // dc_t: through h_t, plus dc_{t+1} ⊙ f_{t+1} from the previous diagonal (zero at T − 1).
        vec4 dc = ${act.glsl.grad('(dH * og)', 'ac', 'vec4')} + getG(c.x, j + ${4 * u});
        vec4 v;
        if (block == 0) v = ${SIGMOID.glsl.grad('(dc * gg)', 'ig', 'vec4')};
        else if (block == 1) v = ${SIGMOID.glsl.grad('(dc * cPrev)', 'fg', 'vec4')};
        else if (block == 2) v = ${act.glsl.grad('(dc * ig)', 'gg', 'vec4')};
        else if (block == 3) v = ${SIGMOID.glsl.grad('(dH * ac)', 'og', 'vec4')};
        else v = dc * fg;
        setOutput(v);
      }`,
  };
}

function dimsOf(proj0: tf.Tensor2D, L: number, steps: number): Dims {
  const [rows, g] = proj0.shape;
  return { L, T: steps, b: rows / steps, u: g / 4 };
}

function forward(
  proj0: tf.Tensor2D,
  layers: LayerWeights[],
  masks: DropoutMasks,
  steps: number,
  act: ActivationFn,
): LstmWaveRun[] {
  const L = layers.length;
  const dims = dimsOf(proj0, L, steps);
  const { b, u } = dims;
  const { W, U, B } = stacks(layers);
  const M = maskStack(masks, L);
  const program = forwardProgram(dims, M !== null, act);
  const P = laidOut(proj0, true);
  let s = tf.zeros([L * b, 2 * u]) as tf.Tensor2D;
  const diagonals: tf.Tensor2D[] = [];
  for (let d = 0; d < steps + L - 1; d++) {
    const inputs: tf.Tensor2D[] = [s, P, U];
    if (W) inputs.push(W, B);
    if (W && M) inputs.push(M);
    s = run(program, inputs, [[d]]);
    diagonals.push(s);
  }
  return layers.map((_, l) => {
    const pair = gatherRows(diagonals.slice(l, l + steps), l * b, b);
    const states = tf.slice(pair, [0, 0], [steps * b, u]);
    return { states, pair, proj0 };
  });
}

function backward(
  runs: LstmWaveRun[],
  layers: LayerWeights[],
  masks: DropoutMasks,
  dLast: tf.Tensor2D,
  steps: number,
  act: ActivationFn,
): tf.Tensor2D[] {
  const L = layers.length;
  const dims = dimsOf(runs[0].proj0, L, steps);
  const { b, u } = dims;
  const { W, U, B } = stacks(layers);
  const M = maskStack(masks, L);
  const H = laidOut(
    L > 1 ? (tf.concat(runs.map((r) => r.pair)) as tf.Tensor2D) : runs[0].pair,
    true,
  );
  const P = laidOut(runs[0].proj0, true);
  const D = laidOut(dLast, true);
  const program = backwardProgram(dims, M !== null, act);
  let g = tf.zeros([L * b, 5 * u]) as tf.Tensor2D;
  const diagonals: tf.Tensor2D[] = [];
  for (let e = 0; e < steps + L - 1; e++) {
    const inputs: tf.Tensor2D[] = [g, H, P, U, D];
    if (W) inputs.push(W, B);
    if (W && M) inputs.push(M);
    g = run(program, inputs, [[e]]);
    diagonals.push(g);
  }
  // Layer l at step t sits on diagonal (T − 1 − t) + (L − 1 − l); dZ is its first 4u columns.
  return layers.map((_, l) => {
    const blocks: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) blocks.push(diagonals[steps - 1 - t + (L - 1 - l)]);
    return gatherBlock(blocks, l * b, b, 4 * u);
  });
}

/** See {@link GatedWavefront}: T + L − 1 packed shaders each way. */
export const lstmWavefront: GatedWavefront<LstmWaveRun> = { forward, backward };
