/**
 * The downloaded model carries its meaning: model.json's userDefinedMetadata names the columns,
 * timesteps, scalers, split, config and version; layer names match the summary; the topology names
 * the configured initialisers. Reloaded with tf.loadLayersModel, the files alone (metadata + the
 * original CSV) rebuild the windows and reproduce the app's predictions CSV to 1e-4.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictionsCsv } from '../../model/core/metrics';
import type { ModelMetadata } from '../../model/core/modelMetadata';
import { summarizeModel } from '../../model/core/summary';
import { parseDataset } from '../../model/data/dataset';
import { isoDates } from '../../model/data/dates';
import { interpolateMissing } from '../../model/data/prep';
import { exportedRun, parsePredictions } from '../../../test/exportRun';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exported model.json', () => {
  it.each(['simpleRNN', 'lstm', 'gru'] as const)(
    '%s: metadata, names and initialisers; reloaded, it reproduces the predictions from the metadata alone',
    async (cell) => {
      const run = await exportedRun(cell);
      const json = JSON.parse(run.modelJson);
      const meta = json.userDefinedMetadata as ModelMetadata;
      expect(meta).toMatchObject({
        generator: 'RNN Playground',
        targetColumn: 'Open',
        inputColumns: ['Open', 'Close'],
        dateColumn: 'Date',
        series: null,
        timesteps: 6,
        rows: 90,
        trainRows: 72,
        params: run.params,
        config: run.config,
      });
      expect(meta.appVersion).toMatch(/^\d+\.\d+\.\d+/);
      expect(meta.scalers.map((s) => s.column)).toEqual(['Open', 'Close']);
      const summary = summarizeModel(run.config, 2);
      expect(meta.layerNames).toEqual(summary.rows.map((r) => r.layer.split(' ')[0]));
      const layers = json.modelTopology.config.layers as {
        class_name: string;
        config: Record<string, unknown>;
      }[];
      expect(layers.map((l) => l.config.name)).toEqual(meta.layerNames);
      const rnn = layers[0].config;
      expect(rnn.kernel_initializer).toMatchObject({ class_name: 'GlorotUniform' });
      expect(rnn.recurrent_initializer).toMatchObject({ class_name: 'Orthogonal' });
      expect(rnn.bias_initializer).toMatchObject({ class_name: 'Zeros' });
      expect(layers.at(-1)!.config.kernel_initializer).toMatchObject({
        class_name: 'GlorotUniform',
      });

      const model = await tfl.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: json.modelTopology,
          weightSpecs: json.weightsManifest[0].weights,
          weightData: run.weights,
        }),
      );
      expect(model.countParams()).toBe(run.params);
      // Windows from the metadata and the CSV only: sorted rows, gaps filled, the stored scalers.
      const ds = parseDataset(run.csv, 'prices.csv');
      const { timesteps: T, trainRows: split, rows: n, inputColumns: cols } = meta;
      const k = cols.length;
      const scaled = cols.map((c, j) => {
        const s = meta.scalers[j];
        return Float32Array.from(
          interpolateMissing(ds.numeric[c]).values,
          (v) => v * s.scale + s.min,
        );
      });
      const x = new Float32Array((n - split) * T * k);
      for (let i = split; i < n; i++)
        for (let t = 0; t < T; t++)
          for (let j = 0; j < k; j++) x[((i - split) * T + t) * k + j] = scaled[j][i - T + t];
      const y = model.predict(tf.tensor3d(x, [n - split, T, k])) as tf.Tensor;
      const target = meta.scalers[0];
      const predicted = Float32Array.from(await y.data(), (v) => (v - target.min) / target.scale);
      const dates = isoDates(ds.times!.subarray(split), ds.dateOnly);
      const mine = parsePredictions(
        predictionsCsv(dates, ds.numeric.Open.subarray(split), predicted),
      );
      const app = parsePredictions(run.predictions);
      expect(mine.keys).toEqual(app.keys);
      const deviation = Math.max(...mine.predicted.map((v, i) => Math.abs(v - app.predicted[i])));
      expect(deviation).toBeLessThan(1e-4);
      tf.dispose(y);
      model.dispose();
    },
  );
});
