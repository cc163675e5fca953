/**
 * Host copies of the tensors the array kernels (cpu.ts, the gated kernels, weightGrads.ts) make from
 * their workspace. On wasm a tensor's data lives in the wasm heap, so reading it (`dataSync`) copies
 * it back out; a tensor made here remembers the host array it was made from (tfjs tensors are
 * immutable), so the next kernel that reads it, the backward pass or the weight gradients, takes
 * that array instead. On cpu both are the same array and nothing changes.
 */
import * as tf from '@tensorflow/tfjs-core';

const host = new WeakMap<tf.Tensor, Float32Array>();

/** A tensor [rows, cols] of `values` (kept: do not write to it afterwards). */
export function hostTensor2d(values: Float32Array, shape: [number, number]): tf.Tensor2D {
  const t = tf.tensor2d(values, shape);
  host.set(t, values);
  return t;
}

/** A tensor of `shape` over `values` (kept: do not write to it afterwards), any rank. */
export function hostTensor(values: Float32Array, shape: number[]): tf.Tensor {
  const t = tf.tensor(values, shape);
  host.set(t, values);
  return t;
}

/** The values of `t`: its host array when a kernel made it here, else read back. */
export function hostData(t: tf.Tensor): Float32Array {
  return host.get(t) ?? (t.dataSync() as Float32Array);
}
