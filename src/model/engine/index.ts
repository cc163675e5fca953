/**
 * The engine package's front door: `createEngine` picks the engine a config runs on. Only the
 * workers and the benchmark import src/model/engine; the page never does (it would load tfjs).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import type { TrainingEngine } from './contract';
import { createFastEngine } from './fast/engine';
import { initialWeights } from './init';
import { createLayersEngine } from './stock/engine';

export type { TrainingEngine } from './contract';

/**
 * The engine of `config.engine`: the fast hand-written BPTT path or the stock tf.layers reference.
 * Both start from the same seeded Keras-style initial weights (init.ts) unless `weights` (Keras order
 * and layout) are given; those are copied, the caller keeps them. `inputs` is k: x is
 * [b, timesteps, k].
 */
export function createEngine(
  config: TrainConfig,
  timesteps: number,
  seed: number,
  weights?: tf.Tensor[],
  inputs = 1,
): TrainingEngine {
  const init = weights ?? initialWeights(config, inputs, seed);
  try {
    return config.engine === 'fast'
      ? createFastEngine(config, timesteps, init, seed, inputs)
      : createLayersEngine(config, timesteps, init, seed, inputs);
  } finally {
    if (!weights) init.forEach((w) => w.dispose());
  }
}
