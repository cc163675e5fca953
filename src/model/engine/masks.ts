/**
 * The dropout masks of both engines, drawn in JS from one seeded stream (not tfjs's unseeded Dropout
 * layer), so a seed gives the same masks on every backend and in the stock and the fast engine alike.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { createRng, deriveSeed, DROPOUT_STREAM, type Rng } from '../core/rng';
import { hostTensor2d } from './fast/kernels/hostData';
import { simdGemm } from './fast/kernels/simd';

/**
 * `values` ← the next values.length multipliers of `rng` (as `rng.fillMask`): in the SIMD kernel
 * where WebAssembly SIMD exists (four draws at a time, then copied out), else the JS loop.
 */
function drawMask(rng: Rng, values: Float32Array, rate: number, keep: number): void {
  const simd = simdGemm();
  if (!simd) return rng.fillMask(values, rate, keep);
  simd.reserve(values.length);
  // ⌈rate · 2³²⌉ < 2³² for any rate < 1: draw ≥ it ⇔ draw / 2³² ≥ rate.
  const threshold = Math.ceil(rate * 4294967296);
  simd.mask(0, values.length, rng.takeCounter(values.length), threshold, keep);
  values.set(simd.f32.subarray(0, values.length));
}

/**
 * Inverted-dropout multipliers (0 or 1/(1 − rate)) for each recurrent layer's output: time-major
 * [T·b, units] for the layers that return sequences (row t·b + i is sample i at step t), [b, units]
 * for the last layer. Null when dropout is off.
 */
export type DropoutMasks = tf.Tensor2D[] | null;

/** What the masks cover: the dropout rate after each recurrent layer, and the stack's shape. */
export interface MaskSpec {
  /** Fraction of units dropped, in [0, 1); 0 draws nothing. */
  rate: number;
  layers: number;
  units: number;
  timesteps: number;
}

/**
 * A mask source seeded with `seed` (through the DROPOUT_STREAM sub-stream of core/rng.ts). Each call
 * draws one batch's masks for `b` samples: layer by layer, element by element in time-major row
 * order, one `uniform()` per element kept when ≥ rate (Keras: independent per element and step).
 * Returns host arrays ([T·b, units] for the inner layers, [b, units] for the last), or null, drawing
 * nothing, when `rate` is 0; advances the stream, so call it once per training batch.
 */
export function createMaskArrays(
  seed: number,
  spec: MaskSpec,
): (b: number) => Float32Array[] | null {
  const rng = createRng(deriveSeed(seed, DROPOUT_STREAM));
  const { rate, layers, units, timesteps } = spec;
  const keep = 1 / (1 - rate);
  return (b) => {
    if (rate <= 0) return null;
    return Array.from({ length: layers }, (_, l) => {
      const values = new Float32Array((l === layers - 1 ? b : timesteps * b) * units);
      drawMask(rng, values, rate, keep);
      return values;
    });
  };
}

/**
 * {@link createMaskArrays} as tensors the caller disposes (the engines' form): the same draws from the
 * same stream, never for inference.
 */
export function createMaskSource(seed: number, spec: MaskSpec): (b: number) => DropoutMasks {
  const arrays = createMaskArrays(seed, spec);
  return (b) => maskTensors(arrays(b), spec, b);
}

/**
 * One batch's mask arrays (of {@link createMaskArrays}) as the tensors the caller disposes. Each
 * remembers its array (hostData.ts), so the array kernels of wasm read it without a copy back out.
 */
export function maskTensors(
  arrays: Float32Array[] | null,
  spec: MaskSpec,
  b: number,
): DropoutMasks {
  return (
    arrays?.map((values, l) =>
      hostTensor2d(values, [l === spec.layers - 1 ? b : spec.timesteps * b, spec.units]),
    ) ?? null
  );
}
