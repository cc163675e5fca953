/**
 * The recursive forecast: the trained network predicts one step past the last window, the window
 * slides (the prediction appended, the oldest value dropped) and it predicts again. With dropout on,
 * Monte Carlo dropout: `samples` windows go through as one batch per step, each with its own dropout
 * masks (masks.ts, seeded), so each sample is one thinned network rolled out over the whole horizon;
 * the spread of their paths is the band. Rolls out on the host with the engine's current weights
 * (fast/forecastArrays.ts: the fast path's maths without tfjs ops, checked against its `forward`
 * step by step), so both engines and every backend forecast alike. Only the target as input (k = 1).
 */
import type { TrainConfig } from '../core/config';
import { deriveSeed } from '../core/rng';
import type { TrainingEngine } from './contract';
import { forecastArrays } from './fast/forecastArrays';
import { createMaskArrays } from './masks';

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
 * asynchronous read of the weights first.
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
  // The rollout runs on the host on every backend (fast/forecastArrays.ts: the SIMD kernels, no
  // tfjs op; on a GPU backend 365 × hundreds of tiny draws would cost more than the arithmetic): the
  // weights are read back once, asynchronously (never dataSync: webgpu).
  try {
    const paths = forecastArrays({
      cell: config.cell,
      weights: (await Promise.all(list.map((w) => w.data()))) as Float32Array[],
      units: config.units,
      activation: config.activation,
      window,
      b,
      steps,
      masks: createMaskArrays(deriveSeed(seed, FORECAST_STREAM), spec)(b),
    });
    return { paths, b };
  } finally {
    list.forEach((t) => t.dispose());
  }
}
