/**
 * What the array kernels' recurrences share (cpu.ts, gatedLstm.ts, gatedGru.ts): the SIMD kernels'
 * fused element-wise steps where they apply, the slack they need, and laying out the gradient that
 * enters a layer's backward pass.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ActivationFn } from '../activations';
import { hostData } from './hostData';
import { simdGemm, type SimdGemm } from './simd';

/** Floats kept free after the last buffer: the fused steps read (never write) past a row's end. */
export const SLACK = 4;

/** The SIMD kernels with their fused gated steps where they apply (SIMD asked for and present, tanh). */
export function fusedFor(useSimd: boolean, act: ActivationFn): SimdGemm | null {
  return useSimd && act.name === 'tanh' ? simdGemm() : null;
}

/**
 * dLoss/dh of every step [T·b, u] into f at `at`: `dOut` as it is (a layer below the top), or zeros
 * with the last step's b rows from `dLast` (the top layer: only h_T reaches the loss).
 */
export function placeOutputGrad(
  f: Float32Array,
  at: number,
  rows: number,
  u: number,
  b: number,
  dOut: tf.Tensor2D | null,
  dLast: tf.Tensor2D | null,
): void {
  if (dOut) return f.set(hostData(dOut), at);
  f.fill(0, at, at + rows * u);
  if (dLast) f.set(hostData(dLast), at + (rows - b) * u);
}
