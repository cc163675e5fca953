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

// 120 rows, split 0.8 → 96 train rows, 88 windows → 6 batches of 16.
const config: TrainConfig = {
  ...REFERENCE_CONFIG,
  timesteps: 8,
  layers: 2,
  units: 4,
  dropout: 0,
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

const settle = () => new Promise((r) => setTimeout(r, 60));
const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe('Step', () => {
  it('from idle starts paused after one batch; each step trains exactly one more, across epochs', async () => {
    const base = tf.memory().numTensors;
    const { h, of } = setup();
    await h.handle({ type: 'load', runId: 1, datasetId: 1, series: sineSeries(120), config });
    await h.handle({ type: 'start', runId: 1, step: true });
    await waitFor(() => of('progress').length === 1);
    await settle();
    expect(of('progress').map((p) => [p.epoch, p.batch, p.batches])).toEqual([[1, 1, 6]]);
    expect(Number.isFinite(of('progress')[0].loss)).toBe(true);
    expect(of('state').at(-1)!.state).toBe('paused');
    for (let i = 2; i <= 7; i++) {
      await h.handle({ type: 'step', runId: 1 });
      await waitFor(() => of('progress').length === i);
      await settle();
      expect(of('progress')).toHaveLength(i);
    }
    // Six steps finished epoch 1 (its end reported); the seventh is epoch 2's first batch.
    expect(of('epochEnd').map((e) => e.epoch)).toEqual([1]);
    expect(of('progress').map((p) => `${p.epoch}.${p.batch}`)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '2.1',
    ]);
    expect(of('state').at(-1)!.state).toBe('paused');
    // A step while training (not paused) is ignored; resume runs to the end.
    await h.handle({ type: 'resume', runId: 1 });
    await h.handle({ type: 'step', runId: 1 });
    await h.whenIdle();
    expect(of('done')[0].stopped).toBe(false);
    expect(of('epochEnd').map((e) => e.epoch)).toEqual([1, 2]);
    await h.handle({ type: 'reset', runId: 1 });
    expect(tf.memory().numTensors).toBe(base);
  });

  it('a Pause reports the batch it lets finish at once', async () => {
    const { h, of } = setup();
    await h.handle({
      type: 'load',
      runId: 2,
      datasetId: 1,
      series: sineSeries(400),
      config: { ...config, epochs: 50, batchSize: 4 },
    });
    await h.handle({ type: 'start', runId: 2 });
    await waitFor(() => of('progress').length > 0);
    await h.handle({ type: 'pause', runId: 2 });
    await settle();
    const last = of('progress').at(-1)!;
    await h.handle({ type: 'step', runId: 2 });
    await waitFor(() => of('progress').length > 0 && of('progress').at(-1) !== last);
    const next = of('progress').at(-1)!;
    expect((next.epoch - last.epoch) * next.batches + next.batch - last.batch).toBe(1);
    await h.handle({ type: 'stop', runId: 2 });
    await h.whenIdle();
    await h.handle({ type: 'reset', runId: 2 });
  });
});
