import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../model/core/presets';
import { initialRun, initialWorker } from '../store/runState';
import { statusText } from './statusText';

const base = {
  ...initialRun,
  ...initialWorker,
  config: DEFAULT_CONFIG,
  dataset: null,
  loading: null,
};
const progress = {
  epoch: 3,
  epochs: 100,
  batch: 4,
  batches: 10,
  loss: 0.02,
  samplesPerSec: 1,
  etaSec: 1,
};
const epochLoss = [
  { epoch: 1, train: 0.05, val: 0.06 },
  { epoch: 2, train: 0.0123, val: 0.02 },
];

describe('statusText (the role="status" contract)', () => {
  it('reads "Epoch x / N · loss … · Backend: …" while training', () => {
    const s = {
      ...base,
      status: 'training' as const,
      progress,
      epochLoss,
      backend: { name: 'webgl' as const, details: '' },
    };
    expect(statusText(s)).toBe('Epoch 3 / 100 · loss 0.0123 · Backend: webgl');
  });

  it('ends in "done" when finished, with the last epoch trained', () => {
    const s = {
      ...base,
      status: 'done' as const,
      progress: { ...progress, epoch: 100 },
      epochLoss: [...epochLoss, { epoch: 100, train: 0.0123, val: 0.02 }],
      backend: { name: 'cpu' as const, details: '' },
    };
    expect(statusText(s)).toBe('Epoch 100 / 100 · loss 0.0123 · Backend: cpu · done');
    // Early stopping ended the run after epoch 2 of 100: the line does not claim 100.
    expect(statusText({ ...s, epochLoss })).toBe(
      'Epoch 2 / 100 · loss 0.0123 · Backend: cpu · done',
    );
  });

  it('says paused and stopped, and names the chosen backend before any run', () => {
    expect(statusText({ ...base, status: 'paused', progress, epochLoss })).toMatch(
      /^Epoch 3 \/ 100 .* · paused$/,
    );
    expect(statusText({ ...base, status: 'stopped', progress, epochLoss })).toMatch(/ · stopped$/);
    expect(statusText({ ...base, status: 'idle' })).toBe('Loading the sample data…');
  });

  it('has no loss before the first epoch ends, and never says "running" once stopped', () => {
    const cpu = { name: 'cpu' as const, details: '' };
    expect(statusText({ ...base, status: 'training', backend: cpu })).toBe(
      'Epoch 0 / 100 · first epoch running · Backend: cpu',
    );
    expect(statusText({ ...base, status: 'stopped', backend: cpu })).toBe(
      'Epoch 0 / 100 · Backend: cpu · stopped',
    );
  });
});
