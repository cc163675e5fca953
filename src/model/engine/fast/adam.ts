/**
 * The Adam rule of the fast path: tfjs's `AdamOptimizer` (tf.train.adam(lr): β1 0.9, β2 0.999,
 * ε = the backend's epsilon), in the same operation order everywhere, so the stock and the fast engine
 * update weights alike:
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← (m / c1) / (√(v / c2) + ε) · (−lr) + w,
 * with the bias corrections c1 = 1 − β1ᵗ, c2 = 1 − β2ᵗ at step t (from 1). Here as JS loops (host
 * arrays) and as tfjs ops; kernels/webgl/adam.ts writes the same in three shaders.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Decay of the first moment (tf.train.adam's default). */
export const BETA1 = 0.9;
/** Decay of the second moment (tf.train.adam's default). */
export const BETA2 = 0.999;

/** The bias corrections [c1, c2] of step t (1, 2, …). */
export function biasCorrections(t: number): [number, number] {
  return [1 - BETA1 ** t, 1 - BETA2 ** t];
}

/** Fixed settings of one optimiser. */
export interface AdamSettings {
  learningRate: number;
  epsilon: number;
}

/**
 * One Adam step on flat device tensors [n]: returns the new m, v and w (new tensors; the inputs are
 * left alone). `t` is the step number, from 1.
 */
export type AdamDeviceStep = (
  m: tf.Tensor1D,
  v: tf.Tensor1D,
  w: tf.Tensor1D,
  g: tf.Tensor1D,
  t: number,
) => { m: tf.Tensor1D; v: tf.Tensor1D; w: tf.Tensor1D };

/** Builds a device step for vectors of `size` floats (size fixes the shaders of a custom step). */
export type AdamDeviceStepFactory = (size: number, settings: AdamSettings) => AdamDeviceStep;

/** The rule as tfjs ops (~13 kernels per step). Call inside `tf.tidy`. */
export const adamOps: AdamDeviceStepFactory = (_size, { learningRate, epsilon }) => {
  return (m, v, w, g, t) => {
    const [c1, c2] = biasCorrections(t);
    const newM = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1)) as tf.Tensor1D;
    const newV = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2)) as tf.Tensor1D;
    const mHat = tf.div(newM, c1);
    const vHat = tf.div(newV, c2);
    const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), -learningRate);
    return { m: newM, v: newV, w: tf.add(step, w) as tf.Tensor1D };
  };
};

/**
 * The rule on host arrays, for the elements of `g` at float offset `at` of w, m and v: updates m and
 * v in place and writes the new weights into `next` (w itself is left alone, so tensor views of it
 * stay valid). c1, c2 from {@link biasCorrections}.
 */
export function adamHost(
  g: Float32Array,
  at: number,
  w: Float32Array,
  m: Float32Array,
  v: Float32Array,
  next: Float32Array,
  { learningRate, epsilon }: AdamSettings,
  c1: number,
  c2: number,
): void {
  for (let j = 0; j < g.length; j++) {
    const k = at + j;
    const gj = g[j];
    m[k] = m[k] * BETA1 + gj * (1 - BETA1);
    v[k] = v[k] * BETA2 + gj * gj * (1 - BETA2);
    next[k] = (m[k] / c1 / (Math.sqrt(v[k] / c2) + epsilon)) * -learningRate + w[k];
  }
}
