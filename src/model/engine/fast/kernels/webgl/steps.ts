/**
 * The per-layer SimpleRNN recurrence on webgl, one unpacked fragment shader per time step (forward:
 * h_t = act(P_t + h_{t−1}·U); backward: dA_t = (dOut_t + dA_{t+1}·Uᵀ) ⊙ act′(h_t)) that reads its rows
 * straight out of the stacked [T·b, u] textures at a row offset passed as a uniform, so no slice
 * kernels and no separate add or activation kernels. Used where the wavefront (wave.ts, packed, all
 * layers per shader) does not apply: an odd batch or unit count.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ActivationFn } from '../../activations';
import type { RnnRecurrence } from '../types';
import { gather, laidOut, run, type Program } from './program';

/** Σ_k A[r, k] · B[k, c] (or B[c, k] when `transposeB`) accumulated into `acc`, for u columns. */
function dot(u: number, a: string, b: string, transposeB: boolean): string {
  const bAt = transposeB ? `get${b}(c.y, k)` : `get${b}(k, c.y)`;
  return `for (int k = 0; k < ${u}; k++) acc += get${a}(c.x, k) * ${bAt};`;
}

function forwardStep(b: number, u: number, first: boolean, activation: ActivationFn): Program {
  return {
    variableNames: first ? ['P'] : ['P', 'H', 'U'],
    outputShape: [b, u],
    customUniforms: [{ name: 'stepRow', type: 'int' }],
    userCode: `${activation.glsl.helpers('float')}
      void main() {
        ivec2 c = getOutputCoords();
        float acc = getP(stepRow + c.x, c.y);
        ${first ? '' : dot(u, 'H', 'U', false)}
        setOutput(${activation.glsl.f('acc', 'float')});
      }`,
  };
}

function backwardStep(
  b: number,
  u: number,
  hasNext: boolean,
  dOut: 'stack' | 'last' | 'none',
  activation: ActivationFn,
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
        setOutput(${activation.glsl.grad('acc', 'y', 'float')});
      }`,
  };
}

/** See {@link RnnRecurrence}: one unpacked shader per layer and step. */
export const webglRecurrence: RnnRecurrence = {
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
