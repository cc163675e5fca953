/**
 * What the bench needs beyond timing: the fast engine the app would build on the active backend (the
 * WebGPU engine on webgpu, the fast path with its WebGL draws counted on webgl) and the commands per
 * batch of `model.fit` on webgl, counted on the same wrapped context (src/model/engine/glCounts.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../src/model/core/config';
import { activeBackend } from '../src/model/engine/backend';
import type { BatchLoss, CommandCounts, TrainingEngine } from '../src/model/engine/contract';
import { countedOnWebgl } from '../src/model/engine/counted';
import { createFastEngine } from '../src/model/engine/fast/engine';
import { webglTotals, type GlTotals } from '../src/model/engine/glCounts';
import { webgpuContext } from '../src/model/engine/webgpu/device';
import { createWebgpuEngine } from '../src/model/engine/webgpu/engine';

/** The backend as the app names it: webgpu when our WebGPU engine runs (tfjs then sits on cpu). */
export function benchBackend(): string {
  return activeBackend() ?? tf.getBackend();
}

/** The fast engine the trainer builds on the active backend (weights copied). */
export function benchFastEngine(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  seed: number,
): TrainingEngine {
  const gpu = webgpuContext();
  if (benchBackend() === 'webgpu' && gpu) {
    return createWebgpuEngine(gpu, config, timesteps, weights, seed);
  }
  const engine = createFastEngine(config, timesteps, weights, seed);
  return benchBackend() === 'webgl' ? countedOnWebgl(engine) : engine;
}

/** Reads a run of batch losses back: one stacked read for tensors, the engine's own otherwise. */
export async function readLosses(losses: BatchLoss[]): Promise<number[]> {
  try {
    if (losses.every((l) => l instanceof tf.Tensor)) {
      const stacked = tf.stack(losses as tf.Tensor[]);
      const values = await stacked.data();
      stacked.dispose();
      return Array.from(values);
    }
    return (await Promise.all(losses.map((l) => l.data()))).map((v) => v[0]);
  } finally {
    losses.forEach((l) => l.dispose());
  }
}

/** Accumulates WebGL commands over timed `model.fit` runs (webgl only; otherwise undefined). */
export function fitCounter(): {
  around<T>(batches: number, f: () => Promise<T>): Promise<T>;
  counts(): CommandCounts | undefined;
} {
  const sum: GlTotals = { draws: 0, submits: 0, uploads: 0, readbacks: 0 };
  let batches = 0;
  return {
    async around(n, f) {
      const before = webglTotals();
      const out = await f();
      const after = webglTotals();
      for (const k of Object.keys(sum) as (keyof GlTotals)[]) sum[k] += after[k] - before[k];
      batches += n;
      return out;
    },
    counts() {
      if (benchBackend() !== 'webgl' || batches === 0) return undefined;
      return {
        kind: 'draws',
        perBatch: sum.draws / batches,
        submits: sum.submits / batches,
        uploads: sum.uploads / batches,
        readbacks: sum.readbacks / batches,
      };
    },
  };
}
