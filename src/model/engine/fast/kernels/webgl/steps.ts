/**
 * WebGL helpers for custom shaders, and the per-layer recurrence: one fragment shader per time step
 * (forward: h_t = act(P_t + h_{t−1}·U); backward: dA_t = (dOut_t + dA_{t+1}·Uᵀ) ⊙ act′(h_t)) that
 * reads its rows straight out of the stacked [T·b, u] textures at a row offset passed as a uniform,
 * so no slice kernels and no separate add or activation kernels. Shaders compile once per shape.
 * Uses the webgl backend's `compileAndRun` (duck-typed, so src/model needs no webgl import).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../../../core/config';
import type { FastKernels } from '../index';

export interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  customUniforms?: { name: string; type: 'int' | 'float' }[];
  packedInputs?: boolean;
  packedOutput?: boolean;
}

interface WebglBackend {
  compileAndRun(
    program: Program,
    inputs: tf.TensorInfo[],
    dtype?: 'float32',
    uniforms?: number[][],
  ): tf.TensorInfo;
  texData?: { get(id: object): { isPacked?: boolean } | undefined };
}

/** Cap on inputs per gather shader (WebGL 2 guarantees 16 texture units). */
const MAX_INPUTS = 15;

export function run(program: Program, inputs: tf.Tensor[], uniforms?: number[][]): tf.Tensor2D {
  const backend = tf.backend() as unknown as WebglBackend;
  const info = backend.compileAndRun(program, inputs, 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
}

/** tanh that stays finite for large |x| (as tfjs's own webgl tanh). */
const TANH = `float tanhSafe(float x) { float e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }`;

/** Same shader, vec4 version for packed (2 × 2 texel) programs. */
export const TANH4 = `vec4 tanhSafe(vec4 x) { vec4 e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }`;

/**
 * Re-lays x out as the programs expect (packed or not): a copy, skipped when it already is, so the
 * runtime does not convert the big stacks again on every step.
 */
export function laidOut(x: tf.Tensor2D, packed: boolean): tf.Tensor2D {
  const backend = tf.backend() as unknown as WebglBackend;
  const isPacked = backend.texData?.get(x.dataId)?.isPacked;
  if (isPacked !== undefined && isPacked === packed) return x;
  return run(
    {
      variableNames: ['X'],
      outputShape: x.shape,
      packedInputs: packed,
      packedOutput: packed,
      userCode: `void main() { ivec2 c = getOutputCoords(); setOutput(getX(c.x, c.y)); }`,
    },
    [x],
  );
}

/** Stacks [r_i, u] blocks into [Σ r_i, u] with one shader per ≤ 15 blocks (r_i even when packed). */
export function gather(blocks: tf.Tensor2D[], packed: boolean): tf.Tensor2D {
  if (blocks.length === 1) return blocks[0];
  if (blocks.length > MAX_INPUTS) {
    const groups: tf.Tensor2D[] = [];
    for (let i = 0; i < blocks.length; i += MAX_INPUTS) {
      groups.push(gather(blocks.slice(i, i + MAX_INPUTS), packed));
    }
    return gather(groups, packed);
  }
  const cols = blocks[0].shape[1];
  let end = 0;
  const branches = blocks.map((blk, i) => {
    const start = end;
    end += blk.shape[0];
    return `${i ? 'else ' : ''}if (c.x < ${end}) v = getX${i}(c.x - ${start}, c.y);`;
  });
  const type = packed ? 'vec4' : 'float';
  return run(
    {
      variableNames: blocks.map((_, i) => `X${i}`),
      outputShape: [end, cols],
      packedInputs: packed,
      packedOutput: packed,
      userCode: `void main() { ivec2 c = getOutputCoords(); ${type} v = ${type}(0.0); ${branches.join(' ')} setOutput(v); }`,
    },
    blocks,
  );
}

/** Σ_k A[r, k] · B[k, c] (or B[c, k] when `transposeB`) accumulated into `acc`, for u columns. */
function dot(u: number, a: string, b: string, transposeB: boolean): string {
  const bAt = transposeB ? `get${b}(c.y, k)` : `get${b}(k, c.y)`;
  return `for (int k = 0; k < ${u}; k++) acc += get${a}(c.x, k) * ${bAt};`;
}

function forwardStep(b: number, u: number, first: boolean, activation: Activation): Program {
  return {
    variableNames: first ? ['P'] : ['P', 'H', 'U'],
    outputShape: [b, u],
    customUniforms: [{ name: 'stepRow', type: 'int' }],
    userCode: `${TANH}
      void main() {
        ivec2 c = getOutputCoords();
        float acc = getP(stepRow + c.x, c.y);
        ${first ? '' : dot(u, 'H', 'U', false)}
        setOutput(${activation === 'tanh' ? 'tanhSafe(acc)' : 'max(acc, 0.0)'});
      }`,
  };
}

function backwardStep(
  b: number,
  u: number,
  hasNext: boolean,
  dOut: 'stack' | 'last' | 'none',
  activation: Activation,
): Program {
  const names = ['S'];
  if (dOut !== 'none') names.push('G');
  if (hasNext) names.push('N', 'U');
  const g0 =
    dOut === 'stack' ? 'getG(stepRow + c.x, c.y)' : dOut === 'last' ? 'getG(c.x, c.y)' : '0.0';
  return {
    variableNames: names,
    outputShape: [b, u],
    customUniforms: [{ name: 'stepRow', type: 'int' }],
    userCode: `
      void main() {
        ivec2 c = getOutputCoords();
        float acc = ${g0};
        ${hasNext ? dot(u, 'N', 'U', true) : ''}
        float y = getS(stepRow + c.x, c.y);
        setOutput(${activation === 'tanh' ? 'acc * (1.0 - y * y)' : '(y > 0.0 ? acc : 0.0)'});
      }`,
  };
}

/**
 * The per-layer recurrence of {@link FastKernels} on webgl: one unpacked shader per layer and step.
 * Used where the wavefront (fastRnnWave.ts, packed, all layers per shader) does not apply: an odd
 * batch or unit count.
 */
export const webglRecurrence: Pick<FastKernels, 'forward' | 'backward'> = {
  forward(proj, recurrent, steps, activation) {
    const [rows, u] = proj.shape;
    const b = rows / steps;
    const p = laidOut(proj, false);
    const w = laidOut(recurrent, false);
    const states: tf.Tensor2D[] = [];
    let h = run(forwardStep(b, u, true, activation), [p], [[0]]);
    states.push(h);
    const step = forwardStep(b, u, false, activation);
    for (let t = 1; t < steps; t++) {
      h = run(step, [p, h, w], [[t * b]]);
      states.push(h);
    }
    return gather(states, false);
  },
  backward(states, recurrent, dOut, dLast, steps, activation) {
    const [rows, u] = states.shape;
    const b = rows / steps;
    const s = laidOut(states, false);
    const w = laidOut(recurrent, false);
    const gIn = dOut ?? dLast;
    const g = gIn ? laidOut(gIn, false) : null;
    const dA: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
    const top = dOut ? 'stack' : 'last';
    let next = run(backwardStep(b, u, false, top, activation), g ? [s, g] : [s], [[rows - b]]);
    dA[steps - 1] = next;
    const step = backwardStep(b, u, true, dOut ? 'stack' : 'none', activation);
    for (let t = steps - 2; t >= 0; t--) {
      next = run(step, dOut && g ? [s, g, next, w] : [s, next, w], [[t * b]]);
      dA[t] = next;
    }
    return gather(dA, false);
  },
};
