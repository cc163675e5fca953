/**
 * The fast path in plain tfjs ops, on any backend: one small matMul (+ add + activation) per step.
 * The reference the specialised sets are checked against (the Node tests compare it with tf.layers),
 * and the set of backends without their own (webgpu, wasm without SIMD: see wasm.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ActivationFn } from '../activations';
import type { FastKernels, RnnRecurrence } from './types';

/** a · b + addend [rows, n], then the activation when tfjs has it fused (`ActivationFn.fused`). */
export type MatMulAdd = (
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  addend: tf.Tensor2D,
  activation?: ActivationFn['fused'],
) => tf.Tensor2D;

/** tfjs's matMul, with the bias fused in. */
export function tfMatMul(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA: boolean,
  transposeB: boolean,
  bias?: tf.Tensor1D,
): tf.Tensor2D {
  return (
    bias
      ? tf.fused.matMul({ a, b, transposeA, transposeB, bias })
      : tf.matMul(a, b, transposeA, transposeB)
  ) as tf.Tensor2D;
}

/** {@link MatMulAdd} as one fused tfjs kernel. */
const fusedMatMulAdd: MatMulAdd = (a, b, addend, activation) =>
  tf.fused.matMul({ a, b, bias: addend, activation: activation ?? 'linear' }) as tf.Tensor2D;

/** [T·b, f] → T blocks of b rows with tfjs's split (cheap: views or one kernel per block). */
export function tfSplit(x: tf.Tensor2D, steps: number): tf.Tensor2D[] {
  return steps === 1 ? [x] : (tf.split(x, steps, 0) as tf.Tensor2D[]);
}

/** The SimpleRNN recurrence in tfjs ops per step, with a backend's own split and fused product. */
export function opsRecurrence(split: FastKernels['split'], matMulAdd: MatMulAdd): RnnRecurrence {
  return {
    forward(proj, recurrent, steps, activation) {
      const projSteps = split(proj, steps);
      const states: tf.Tensor2D[] = [];
      let h = activation.tf(projSteps[0]);
      states.push(h);
      for (let t = 1; t < steps; t++) {
        h = activation.fused
          ? matMulAdd(h, recurrent, projSteps[t], activation.fused)
          : activation.tf(matMulAdd(h, recurrent, projSteps[t]));
        states.push(h);
      }
      return steps === 1 ? states[0] : (tf.concat(states, 0) as tf.Tensor2D);
    },
    backward(states, recurrent, dOut, dLast, steps, activation) {
      const deriv = split(activation.tfGrad(states), steps);
      // Uᵀ once, so the per-step products need no transpose flag (slow on wasm).
      const recurrentT = tf.transpose(recurrent);
      const dOutSteps = dOut ? split(dOut, steps) : null;
      const dA: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
      let next: tf.Tensor2D | null = null;
      for (let t = steps - 1; t >= 0; t--) {
        let g: tf.Tensor2D;
        if (next === null) g = dOutSteps ? dOutSteps[t] : (dLast as tf.Tensor2D);
        else if (dOutSteps) g = matMulAdd(next, recurrentT, dOutSteps[t]);
        else g = tf.matMul(next, recurrentT);
        next = tf.mul(g, deriv[t]);
        dA[t] = next;
      }
      return steps === 1 ? dA[0] : (tf.concat(dA, 0) as tf.Tensor2D);
    },
  };
}

/** Any backend: tfjs ops, one small fused matMul per step; weights and Adam state as tensors. */
export const opsKernels: FastKernels = {
  matMul: tfMatMul,
  mul: (a, b) => tf.mul(a, b),
  split: tfSplit,
  rnn: opsRecurrence(tfSplit, fusedMatMulAdd),
  params: 'tensor',
};
