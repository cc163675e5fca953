/**
 * The `forecast` request through the handler on cpu: refused while training runs, answered with
 * `steps` values and an ordered band after the run, refused for another run and with several inputs.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TrainConfig } from '../../model/core/config';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import { sineSeries } from '../../../test/sine';
import { TrainerHandler } from './handler';
import type { WorkerReport } from './protocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config: TrainConfig = {
  ...REFERENCE_CONFIG,
  timesteps: 8,
  layers: 1,
  units: 6,
  dropout: 0.2,
  learningRate: 0.01,
  epochs: 2,
  batchSize: 16,
  backend: 'cpu',
};

function setup() {
  const msgs: WorkerReport[] = [];
  const h = new TrainerHandler((m) => msgs.push(m));
  const of = <T extends WorkerReport['type']>(type: T) =>
    msgs.filter((m): m is Extract<WorkerReport, { type: T }> => m.type === type);
  return { h, of };
}

describe('forecast requests', () => {
  it('are refused while training runs and answered after it', async () => {
    const { h, of } = setup();
    await h.handle({ type: 'load', runId: 1, datasetId: 1, series: sineSeries(120), config });
    await h.handle({ type: 'start', runId: 1 });
    await h.handle({ type: 'forecast', runId: 1, requestId: 1, steps: 12 });
    expect(of('forecastFailed')[0]).toMatchObject({ requestId: 1 });
    await h.whenIdle();
    const before = tf.memory().numTensors;
    await h.handle({ type: 'forecast', runId: 1, requestId: 2, steps: 12 });
    expect(tf.memory().numTensors).toBe(before);
    const [answer] = of('forecasted');
    expect(answer).toMatchObject({ runId: 1, requestId: 2, samples: 30 });
    expect(answer.forecast).toHaveLength(12);
    for (let s = 0; s < 12; s++) {
      expect(Number.isFinite(answer.forecast[s])).toBe(true);
      expect(answer.low[s]).toBeLessThanOrEqual(answer.forecast[s]);
      expect(answer.forecast[s]).toBeLessThanOrEqual(answer.high[s]);
    }
    // Same seed, same answer.
    await h.handle({ type: 'forecast', runId: 1, requestId: 3, steps: 12 });
    expect(Array.from(of('forecasted')[1].high)).toEqual(Array.from(answer.high));
    await h.handle({ type: 'forecast', runId: 0, requestId: 4, steps: 12 });
    expect(of('forecastFailed').map((m) => m.requestId)).toEqual([1, 4]);
  });

  it('refuses a network that reads other columns than the target', async () => {
    const { h, of } = setup();
    const series = sineSeries(120);
    const extra = { ...config, inputColumns: ['x'] };
    await h.handle({
      type: 'load',
      runId: 1,
      datasetId: 1,
      series,
      inputs: [series.slice()],
      config: extra,
    });
    await h.handle({ type: 'forecast', runId: 1, requestId: 1, steps: 5 });
    expect(of('forecastFailed')[0].message).toContain('every input column');
  });
});
