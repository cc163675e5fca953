/**
 * The engine package's front door: `createEngine` picks the engine a config runs on. Only the
 * workers and the benchmark import src/model/engine; the page never does (it would load tfjs).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import type { TrainingEngine } from './contract';
import { activeBackend } from './backend';
import { countedOnWebgl } from './counted';
import { createFastEngine } from './fast/engine';
import { initialWeights } from './init';
import { createLayersEngine } from './stock/engine';
import { webgpuContext } from './webgpu/device';
import { createWebgpuEngine } from './webgpu/engine';
import { webgpuRefusal } from './webgpu/limits';

export type { TrainingEngine } from './contract';

/**
 * The engine of `config.engine`: the fast hand-written BPTT path or the stock tf.layers reference;
 * on the webgpu backend the WebGPU engine where it applies (webgpu/engine.ts, else the engine on
 * tfjs's cpu backend: the trainer moves such runs to WebGL first), on webgl with its draws counted.
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
    const gpu = activeBackend() === 'webgpu' ? webgpuContext() : null;
    if (gpu && !webgpuRefusal(config, timesteps, inputs, gpu.device)) {
      return createWebgpuEngine(gpu, config, timesteps, init, seed, inputs);
    }
    const engine =
      config.engine === 'fast'
        ? createFastEngine(config, timesteps, init, seed, inputs)
        : createLayersEngine(config, timesteps, init, seed, inputs);
    return activeBackend() === 'webgl' ? countedOnWebgl(engine) : engine;
  } finally {
    if (!weights) init.forEach((w) => w.dispose());
  }
}
