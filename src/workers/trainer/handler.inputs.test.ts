/**
 * A run that reads several columns (k = 3) through the trainer's messages: the load carries the
 * extra columns, the model has k-row first kernels, the exported tf.layers model reads [null, T, k]
 * and predicts what the engine predicted, and the inspection names one influence series per input.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TrainConfig } from '../../model/core/config';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import { summarizeModel } from '../../model/core/summary';
import { makeWindows, prepare } from '../../model/data/prep';
import { sineSeries } from '../../../test/sine';
import { TrainerHandler } from './handler';
import type { WorkerReport } from './protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: TrainConfig = {
  ...REFERENCE_CONFIG,
  targetColumn: 'Open',
  inputColumns: ['Close', 'Volume'],
  timesteps: 8,
  layers: 2,
  units: 5,
  dropout: 0.1,
  learningRate: 0.01,
  epochs: 2,
  batchSize: 16,
  backend: 'cpu',
};
const open = sineSeries(120);
const close = sineSeries(120, 0.5, 2).map((v) => v + 3);
const volume = sineSeries(120, 2, 3).map((v) => 1e6 * v);

describe('TrainerHandler with three input columns', () => {
  it('loads, trains, exports a [null, T, 3] model that predicts as the engine did, and inspects per input', async () => {
    const base = tf.memory().numTensors;
    const msgs: WorkerReport[] = [];
    const h = new TrainerHandler((m) => msgs.push(m));
    const of = <T extends WorkerReport['type']>(type: T) =>
      msgs.filter((m): m is Extract<WorkerReport, { type: T }> => m.type === type);
    await h.handle({ type: 'init', runId: 0, backend: 'cpu' });
    await h.handle({
      type: 'load',
      runId: 1,
      datasetId: 1,
      series: open,
      inputs: [close, volume],
      config,
    });
    expect(of('loaded')[0].params).toBe(summarizeModel(config, 3).total);
    expect(of('loaded')[0].params).toBe(5 * (5 + 3 + 1) + 5 * (5 + 5 + 1) + 6);
    await h.handle({ type: 'start', runId: 1 });
    await h.whenIdle();
    expect(of('done')[0].stopped).toBe(false);
    const last = of('predictions').at(-1)!;
    expect(Number.isFinite(last.metrics.rmse)).toBe(true);

    await h.handle({ type: 'exportModel', runId: 1 });
    const json = JSON.parse(of('model')[0].modelJson);
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: of('model')[0].weights,
      }),
    );
    expect(loaded.inputs[0].shape).toEqual([null, 8, 3]);
    const data = prepare(open, config, [close, volume]);
    const x = tf.tensor3d(makeWindows(data.inputs, 8, data.split, data.split + 2).X, [2, 8, 3]);
    const y = loaded.predict(x) as tf.Tensor;
    const scaled = await y.data();
    for (let i = 0; i < 2; i++) {
      expect((scaled[i] - data.scaler.min) / data.scaler.scale).toBeCloseTo(last.values[i], 3);
    }
    tf.dispose([x, y]);
    loaded.dispose();

    await h.handle({ type: 'inspect', runId: 1, requestId: 1, index: 3, layer: 0 });
    const r = of('inspection')[0];
    expect(r.network.inputNames).toEqual(['Open', 'Close', 'Volume']);
    expect(r.network.influenceByInput).toHaveLength(3);
    expect(Array.from(r.network.influence)).toEqual(Array.from(r.network.influenceByInput[0]));
    expect(r.network.weights.inDim).toBe(3);
    expect(r.network.inputWindow).toHaveLength(8 * 3);
    expect(r.inputsScaled).toHaveLength(8);
    await h.handle({ type: 'reset', runId: 1 });
    expect(of('memory').at(-1)!.numTensors).toBe(base);
  });

  it('refuses a load whose columns do not match the config', async () => {
    const msgs: WorkerReport[] = [];
    const h = new TrainerHandler((m) => msgs.push(m));
    await h.handle({ type: 'init', runId: 0, backend: 'cpu' });
    await h.handle({ type: 'load', runId: 1, datasetId: 1, series: open, inputs: [close], config });
    const errors = msgs.filter((m) => m.type === 'error');
    expect(errors.map((m) => (m.type === 'error' ? m.message : ''))).toEqual([
      expect.stringMatching(/Expected 2 input columns/),
    ]);
  });
});
