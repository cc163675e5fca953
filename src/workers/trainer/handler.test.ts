import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TrainConfig } from '../../model/core/config';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import { noisySine, sineSeries } from '../../../test/sine';
import { makeWindows } from '../../model/data/prep';
import { TrainerHandler, type BackendDeps } from './handler';
import type { WorkerReport } from './protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: TrainConfig = {
  ...REFERENCE_CONFIG,
  timesteps: 8,
  layers: 1,
  units: 6,
  dropout: 0.1,
  learningRate: 0.01,
  epochs: 3,
  batchSize: 16,
  backend: 'cpu',
};

function setup(deps?: BackendDeps) {
  const msgs: WorkerReport[] = [];
  const h = new TrainerHandler((m) => msgs.push(m), deps);
  const of = <T extends WorkerReport['type']>(type: T) =>
    msgs.filter((m): m is Extract<WorkerReport, { type: T }> => m.type === type);
  return { h, msgs, of };
}

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('TrainerHandler', () => {
  it('init → ready, load → loaded, start → progress/epochEnd/predictions/done, reset → memory', async () => {
    const base = tf.memory().numTensors;
    const { h, msgs, of } = setup();
    await h.handle({ type: 'init', runId: 0, backend: 'cpu' });
    expect(of('ready')[0]).toMatchObject({
      runId: 0,
      backend: { name: 'cpu', details: 'plain JavaScript; fast kernels: SimpleRNN, LSTM, GRU' },
    });
    const data = noisySine(120, 8);
    await h.handle({ type: 'load', runId: 1, datasetId: 1, series: sineSeries(120), config });
    expect(of('loaded')[0]).toMatchObject({
      type: 'loaded',
      runId: 1,
      engine: 'fast',
      params: 6 * 8 + 7,
    });
    expect(of('loaded')[0].persistence.rmse).toBeCloseTo(
      Math.sqrt(
        data.testActual.reduce((a, v, i) => a + (v - data.testPrevious[i]) ** 2, 0) / data.nTest,
      ),
      9,
    );
    expect(of('state').map((m) => m.state)).toEqual(['compiling', 'idle']);
    await h.handle({ type: 'start', runId: 1 });
    await h.whenIdle();
    expect(of('progress').length).toBeGreaterThan(0);
    expect(of('epochEnd').map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(of('predictions').map((m) => m.values.length)).toEqual([
      data.nTest,
      data.nTest,
      data.nTest,
    ]);
    expect(of('done')[0].stopped).toBe(false);
    expect(of('predictions').every((m) => Number.isFinite(m.metrics.rmse))).toBe(true);
    expect(of('state').map((m) => m.state)).toEqual(['compiling', 'idle', 'training', 'done']);
    expect(msgs.filter((m) => m.type !== 'ready').every((m) => m.runId === 1)).toBe(true);
    // exportModel → loadable tf.layers artifacts with the trained weights
    await h.handle({ type: 'exportModel', runId: 1 });
    const model = of('model')[0];
    const json = JSON.parse(model.modelJson);
    expect(json.weightsManifest[0].paths).toEqual(['model.weights.bin']);
    expect(model.weights.byteLength).toBe(4 * (6 * 8 + 7));
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: model.weights,
      }),
    );
    const x = tf.tensor3d(makeWindows(data.scaled, 8, data.split, data.split + 1).X, [1, 8, 1]);
    const y = loaded.predict(x) as tf.Tensor;
    const expected = of('predictions')[2].values[0]; // original units, first test row
    const scaled = (await y.data())[0];
    expect((scaled - data.scaler.min) / data.scaler.scale).toBeCloseTo(expected, 3);
    tf.dispose([x, y]);
    loaded.dispose();
    await h.handle({ type: 'reset', runId: 1 });
    expect(of('memory').at(-1)!.numTensors).toBe(base);
  });

  it('pauses, resumes and stops between batches; start after stop trains from scratch', async () => {
    const base = tf.memory().numTensors;
    const { h, of } = setup();
    await h.handle({
      type: 'load',
      runId: 5,
      datasetId: 1,
      series: sineSeries(300),
      config: { ...config, epochs: 50, batchSize: 4 },
    });
    await h.handle({ type: 'start', runId: 5 });
    await waitFor(() => of('progress').length > 0);
    await h.handle({ type: 'pause', runId: 5 });
    // The batch the pause lets finish is reported at once (at most one more); then nothing.
    const before = of('progress').length;
    await new Promise((r) => setTimeout(r, 100));
    const seen = of('progress').length;
    expect(seen - before).toBeLessThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(of('progress').length).toBe(seen);
    expect(of('state').at(-1)!.state).toBe('paused');
    await h.handle({ type: 'resume', runId: 5 });
    expect(of('state').at(-1)!.state).toBe('training');
    await waitFor(() => of('progress').length > seen);
    await h.handle({ type: 'stop', runId: 5 });
    await h.whenIdle();
    expect(of('done')[0].stopped).toBe(true);
    expect(of('state').at(-1)!.state).toBe('stopped');
    for (let i = 0; i < 10; i++) {
      await h.handle({ type: 'start', runId: 5 });
      await h.handle({ type: 'stop', runId: 5 });
      await h.whenIdle();
    }
    expect(of('done')).toHaveLength(11);
    await h.handle({ type: 'reset', runId: 5 });
    expect(tf.memory().numTensors).toBe(base);
  });

  it('recovers from a lost backend mid-run: backendChanged, then finite losses to the end', async () => {
    let checks = 0;
    let lostOnce = false;
    const deps: BackendDeps = {
      initBackend: async (preferred) => ({
        info: { name: preferred === 'auto' ? 'cpu' : preferred, details: 'fake' },
      }),
      // Pretend to be webgl: the context is lost on the 5th health check of the first watch.
      watchContextLoss: () => ({
        lost: new Promise<string>(() => undefined),
        check: () =>
          !lostOnce && ++checks === 5 ? ((lostOnce = true), 'The WebGL context was lost') : null,
        stop: () => {},
      }),
      discardWebgl: () => {},
    };
    const base = tf.memory().numTensors;
    const { h, of } = setup(deps);
    await h.handle({ type: 'init', runId: 2, backend: 'webgl' });
    await h.handle({
      type: 'load',
      runId: 2,
      datasetId: 1,
      series: sineSeries(120),
      config: { ...config, backend: 'webgl' },
    });
    await h.handle({ type: 'start', runId: 2 });
    await h.whenIdle();
    const changed = of('backendChanged');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ from: 'webgl', to: 'wasm' });
    expect(changed[0].reason).toMatch(/context was lost.*continues on WebAssembly/);
    const ends = of('epochEnd');
    expect(ends.at(-1)!.epoch).toBe(3);
    expect(ends.every((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.valLoss))).toBe(
      true,
    );
    expect(Number.isFinite(of('predictions').at(-1)!.metrics.rmse)).toBe(true);
    await h.handle({ type: 'reset', runId: 2 });
    expect(tf.memory().numTensors).toBe(base);
  });

  it('explains commands it cannot carry out', async () => {
    const { h, of } = setup();
    await h.handle({ type: 'start', runId: 0 });
    await h.handle({ type: 'exportModel', runId: 0 });
    await h.handle({ type: 'load', runId: 1, datasetId: 1, series: sineSeries(10), config });
    expect(of('error').map((m) => m.message)).toEqual([
      'Load a dataset before pressing Train.',
      'There is no model to export yet: load data and train first.',
      'The series needs at least 12 rows for timesteps 8 and train split 0.8; it has 10.',
    ]);
  });
});

describe('TrainerHandler ordering', () => {
  it('a stop sent right after load + start (still preparing) prevents the run and leaks nothing', async () => {
    const base = tf.memory().numTensors;
    const { h, of } = setup();
    void h.handle({ type: 'init', runId: 0, backend: 'cpu' });
    void h.handle({ type: 'load', runId: 1, datasetId: 1, series: sineSeries(120), config });
    void h.handle({ type: 'start', runId: 1 });
    await h.handle({ type: 'stop', runId: 1 });
    await h.whenIdle();
    expect(of('epochEnd')).toHaveLength(0);
    expect(of('state').at(-1)!.state).toBe('stopped');
    // a later start trains normally
    await h.handle({ type: 'start', runId: 1 });
    await h.whenIdle();
    expect(of('done')).toHaveLength(1);
    await h.handle({ type: 'reset', runId: 1 });
    expect(tf.memory().numTensors).toBe(base);
  });
  it('sends the baselines with loaded, and ends a diverging run as stopped with the reason', async () => {
    const { h, of } = setup();
    await h.handle({ type: 'init', runId: 0, backend: 'cpu' });
    const times = Float64Array.from({ length: 120 }, (_, i) => Date.UTC(2020, 0, 1 + i));
    const huge = { ...config, dropout: 0, learningRate: 1e4 };
    await h.handle({
      type: 'load',
      runId: 1,
      datasetId: 1,
      series: sineSeries(120),
      config: huge,
      times,
    });
    const loaded = of('loaded')[0];
    expect(loaded.baselines.linear!.rmse).toBeGreaterThan(0);
    expect(loaded.extrapolation.total).toBe(24);
    await h.handle({ type: 'start', runId: 1 });
    await h.whenIdle();
    const done = of('done')[0];
    expect(done.stopped).toBe(true);
    expect(done.reason).toMatch(/Try a lower learning rate \(e\.g\. 1000 instead of 10000\)/);
    expect(of('state').at(-1)?.state).toBe('stopped');
    expect(of('predictions').every((m) => m.values.every(Number.isFinite))).toBe(true);
    await h.handle({ type: 'reset', runId: 1 });
  });
});
