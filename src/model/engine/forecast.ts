/**
 * The recursive forecast: the trained network predicts one step past the last window, the window
 * slides (the prediction appended, the oldest value dropped) and it predicts again. With dropout on,
 * Monte Carlo dropout: `samples` windows go through as one batch per step, each with its own dropout
 * masks (masks.ts, seeded), so each sample is one thinned network rolled out over the whole horizon;
 * the spread of their paths is the band. Runs the fast path's forward (fast/stack.ts) on the
 * engine's current weights, so both engines forecast alike; a SimpleRNN rolls out on the host in
 * fast/forecastArrays.ts instead, on any backend (the same maths without tfjs ops, checked against
 * forward() step by step). Only the target as input (k = 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import { deriveSeed } from '../core/rng';
import type { TrainingEngine } from './contract';
import { createCell } from './fast/engine';
import { forecastArrays } from './fast/forecastArrays';
import { kernelsFor } from './fast/kernels/index';
import { forward, weightsFromList, type Stack } from './fast/stack';
import { createMaskArrays, createMaskSource } from './masks';

/** A sub-stream of the run's seed for the forecast's masks (never the training masks' stream). */
const FORECAST_STREAM = 0x7f0c;

export interface ForecastOptions {
  /** Steps past the last window. */
  steps: number;
  /** Monte Carlo samples when `config.dropout` > 0 (one batch of this many per step); else 1. */
  samples: number;
  /** Seeds the dropout masks: same seed, same band. */
  seed: number;
}

/**
 * Forecasts `steps` values after `window` (the last T values, scaled, oldest first) with `engine`'s
 * weights. Returns the scaled paths [steps, b] row-major (b = samples with dropout, else 1) and b.
 * With dropout 0 step 1 equals `engine.predict` of the window. Allocates no lasting tensors; one
 * asynchronous read at the end.
 */
export async function forecastScaled(
  engine: TrainingEngine,
  config: TrainConfig,
  window: Float32Array,
  { steps, samples, seed }: ForecastOptions,
): Promise<{ paths: Float32Array; b: number }> {
  const T = window.length;
  const rate = config.dropout;
  const b = rate > 0 ? Math.max(1, samples) : 1;
  if (steps <= 0) return { paths: new Float32Array(0), b };
  const list = engine.getWeights();
  const spec = { rate, layers: config.layers, units: config.units, timesteps: T };
  const seeded = deriveSeed(seed, FORECAST_STREAM);
  // A SimpleRNN rolls out on the host without any tfjs op on every backend (fast/forecastArrays.ts:
  // the SIMD kernels, ≈ 2× the tfjs path on wasm; on a GPU backend 365 × ~45 tiny draws cost more
  // than the arithmetic): the weights are read back once, asynchronously (never dataSync on webgpu).
  if (config.cell === 'simpleRNN') {
    try {
      const paths = forecastArrays({
        weights: (await Promise.all(list.map((w) => w.data()))) as Float32Array[],
        units: config.units,
        activation: config.activation,
        window,
        b,
        steps,
        masks: createMaskArrays(seeded, spec)(b),
      });
      return { paths, b };
    } finally {
      list.forEach((t) => t.dispose());
    }
  }
  const stack: Stack = {
    cell: createCell(config.cell, config.activation),
    kernels: kernelsFor(tf.getBackend()),
  };
  const masks = createMaskSource(seeded, spec)(b);
  const weights = weightsFromList(list);
  // Time-major [T·b, 1] (row t·b + i: sample i at step t), as forward() reads it: every sample
  // starts from the same window.
  const tiled = new Float32Array(T * b);
  for (let t = 0; t < T; t++) tiled.fill(window[t], t * b, t * b + b);
  let win: tf.Tensor2D = tf.tensor2d(tiled, [T * b, 1]);
  const outs: tf.Tensor2D[] = [];
  try {
    for (let s = 0; s < steps; s++) {
      const [y, next] = tf.tidy(() => {
        const out = forward(stack, weights, win, T, masks).y;
        // Slide: drop the oldest step's b rows, append the b predictions as the newest step.
        const slid =
          T === 1 ? tf.clone(out) : tf.concat([tf.slice(win, [b, 0], [(T - 1) * b, 1]), out]);
        return [out, slid as tf.Tensor2D];
      });
      win.dispose();
      win = next;
      outs.push(y);
    }
    // [b, steps] → [steps, b]: the paths step by step.
    const all = tf.tidy(() => tf.transpose(tf.concat(outs, 1)));
    try {
      return { paths: (await all.data()) as Float32Array, b };
    } finally {
      all.dispose();
    }
  } finally {
    win.dispose();
    outs.forEach((t) => t.dispose());
    masks?.forEach((m) => m.dispose());
    list.forEach((t) => t.dispose());
  }
}
