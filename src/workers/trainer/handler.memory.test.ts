/**
 * The `memory` message counts what the engines hold outside tfjs (on cpu the fast path's weights
 * are Float32Arrays, so numTensors alone cannot show a leak) and the disposals that failed.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import type { TrainConfig } from '../../model/core/config';
import { sineSeries } from '../../../test/sine';
import type * as EngineModule from '../../model/engine';
import { TrainerHandler } from './handler';
import type { WorkerReport } from './protocol';

/** Engines whose dispose throws once `failDispose` is set, as a lost WebGL context can. */
const failDispose = vi.hoisted(() => ({ on: false }));
vi.mock('../../model/engine', async (importOriginal) => {
  const real = await importOriginal<typeof EngineModule>();
  return {
    ...real,
    createEngine: (...args: Parameters<typeof real.createEngine>) => {
      const engine = real.createEngine(...args);
      const dispose = engine.dispose.bind(engine);
      engine.dispose = () => {
        dispose();
        if (failDispose.on) throw new Error('texture could not be freed');
      };
      return engine;
    },
  };
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: TrainConfig = {
  ...REFERENCE_CONFIG,
  timesteps: 8,
  layers: 1,
  units: 6,
  dropout: 0,
  learningRate: 0.01,
  epochs: 2,
  batchSize: 16,
  backend: 'cpu',
};

async function runOnce(engine: 'fast' | 'layers', runId: number) {
  const msgs: WorkerReport[] = [];
  const h = new TrainerHandler((m) => msgs.push(m));
  const memory = () =>
    msgs.filter((m): m is Extract<WorkerReport, { type: 'memory' }> => m.type === 'memory');
  await h.handle({ type: 'init', runId, backend: 'cpu' });
  await h.handle({ type: 'reset', runId });
  const base = memory().at(-1)!;
  await h.handle({
    type: 'load',
    runId,
    datasetId: 1,
    series: sineSeries(120),
    config: { ...config, engine },
  });
  await h.handle({ type: 'start', runId });
  await h.whenIdle();
  const done = memory().at(-1)!;
  await h.handle({ type: 'reset', runId });
  return { base, done, after: memory().at(-1)! };
}

describe('the memory message', () => {
  it('cpu, fast path: the weights and Adam state show as engineBytes while a model lives', async () => {
    // The first run grows the SIMD scratch memory once (counted too); later runs reuse it.
    const first = await runOnce('fast', 1);
    expect(first.after.engineBytes).toBeGreaterThanOrEqual(first.base.engineBytes);
    const { base, done, after } = await runOnce('fast', 1);
    // 55 parameters, each a weight, an m and a v of 4 bytes, outside tfjs.
    expect(done.engineBytes - base.engineBytes).toBe(3 * 4 * (6 * 8 + 7));
    expect(done.bytes).toBe(done.numBytes + done.engineBytes);
    expect(after).toMatchObject({
      numTensors: base.numTensors,
      bytes: base.bytes,
      engineBytes: base.engineBytes,
    });
  });

  it('cpu, tf.layers: its weights are tfjs tensors, so they show in numBytes', async () => {
    const { base, done, after } = await runOnce('layers', 2);
    expect(done.engineBytes).toBe(base.engineBytes);
    expect(done.numBytes).toBeGreaterThan(base.numBytes);
    expect(after.bytes).toBe(base.bytes);
  });

  it('a disposal that fails is counted and warned, not silently swallowed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { base, after } = await runOnce('fast', 3);
    expect(after.disposeErrors).toBe(base.disposeErrors);
    failDispose.on = true;
    try {
      const failed = await runOnce('fast', 4);
      // The reset disposes the run's model, which now throws: counted, and the reset goes on.
      expect(failed.after.disposeErrors - failed.base.disposeErrors).toBeGreaterThan(0);
      expect(warn).toHaveBeenCalledWith('Freeing a model failed:', 'texture could not be freed');
    } finally {
      failDispose.on = false;
      warn.mockRestore();
    }
  });
});
