import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type TrainConfig } from '../model/core/config';
import { REFERENCE_CONFIG } from '../model/core/presets';
import type { Dataset } from '../model/core/types';
import { setConfigValue } from './configActions';
import { loadSample } from './dataActions';
import {
  describeChange,
  nextPreviousRun,
  type PreviousRun,
  type RunForSnapshot,
} from './previousRun';
import { MAX_POINTS } from './series';
import { initialState, useStore } from './store';
import { resetRun } from './trainActions';

// Loading a sample parses in a worker: here it yields a one-column dataset at once.
vi.mock('../workers/parse/client', () => ({
  parseInWorker: () =>
    Promise.resolve({
      dataset: { name: 'sine.csv', columns: [{ name: 'value', kind: 'numeric' }] } as Dataset,
      stats: {},
    }),
}));

const BASE: TrainConfig = { ...REFERENCE_CONFIG, targetColumn: 'Open' };
const metrics = { rmse: 96.59, mae: 71.2, mape: 3.1, r2: 0.8 };

/** A run of `epochs` epochs with train loss 1/e and held-out loss 2/e. */
function run(epochs: number, extra: Partial<RunForSnapshot> = {}): RunForSnapshot {
  return {
    runConfig: BASE,
    epochLoss: Array.from({ length: epochs }, (_, i) => ({
      epoch: i + 1,
      train: 1 / (i + 1),
      val: 2 / (i + 1),
    })),
    modelMetrics: metrics,
    ...extra,
  };
}

describe('describeChange', () => {
  it('names one changed knob with its label, in lower case', () => {
    expect(describeChange(BASE, { ...BASE, units: 16 })).toBe('units 50 → 16');
    // A view setting is no change of the run.
    expect(describeChange(BASE, { ...BASE, forecastSteps: 90 })).toBe('same settings');
    expect(describeChange(BASE, { ...BASE, learningRate: 0.01 })).toBe(
      'learning rate 0.001 → 0.01',
    );
  });

  it('shows choices by their option labels, in CONFIG_FIELDS order', () => {
    expect(describeChange(BASE, { ...BASE, backend: 'cpu', cell: 'lstm' })).toBe(
      'cell type SimpleRNN → LSTM, backend Auto → CPU',
    );
  });

  it('names input column changes by content, not by array identity', () => {
    const withInputs = { ...BASE, inputColumns: ['Close', 'Volume'] };
    expect(describeChange(BASE, withInputs)).toBe('input columns target only → Close, Volume');
    expect(describeChange(withInputs, { ...withInputs, inputColumns: ['Close', 'Volume'] })).toBe(
      'same settings',
    );
  });

  it('says "same settings" when nothing changed and counts changes past three', () => {
    expect(describeChange(BASE, { ...BASE })).toBe('same settings');
    const many = { ...BASE, timesteps: 5, layers: 1, units: 4, dropout: 0, epochs: 1 };
    expect(describeChange(BASE, many)).toBe(
      'timesteps 40 → 5, layers 4 → 1, units 50 → 4 and 2 more',
    );
  });
});

describe('nextPreviousRun', () => {
  it('snapshots a run with a finished epoch: losses, final metrics and the diff label', () => {
    const p = nextPreviousRun(run(3), null, { ...BASE, units: 16 });
    expect(p).toEqual({
      label: 'units 50 → 16',
      config: BASE,
      val: [
        { x: 1, y: 2 },
        { x: 2, y: 1 },
        { x: 3, y: 2 / 3 },
      ],
      train: [
        { x: 1, y: 1 },
        { x: 2, y: 0.5 },
        { x: 3, y: 1 / 3 },
      ],
      rmse: 96.59,
      mae: 71.2,
    });
    // Serialisable: survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('bounds the loss series to MAX_POINTS, keeping the last epoch', () => {
    const p = nextPreviousRun(run(2500), null, BASE);
    expect(p?.val).toHaveLength(MAX_POINTS);
    expect(p?.val[MAX_POINTS - 1]).toEqual({ x: 2500, y: 2 / 2500 });
  });

  it('has no RMSE when the run has no metrics', () => {
    expect(nextPreviousRun(run(1, { modelMetrics: null }), null, BASE)?.rmse).toBeNull();
  });

  it('keeps the older snapshot, relabelled, when the current run has no finished epoch', () => {
    const older = nextPreviousRun(run(2), null, { ...BASE, units: 16 }) as PreviousRun;
    const p = nextPreviousRun(run(0), older, { ...BASE, epochs: 5 });
    expect(p?.label).toBe('epochs 100 → 5');
    expect(p?.val).toBe(older.val);
    expect(nextPreviousRun(run(0), null, BASE)).toBeNull();
    expect(nextPreviousRun({ ...run(2), runConfig: null }, null, BASE)).toBeNull();
  });

  it('drops the comparison when the new run predicts other test rows', () => {
    expect(nextPreviousRun(run(2), null, { ...BASE, trainSplit: 0.7 })).toBeNull();
    expect(nextPreviousRun(run(2), null, { ...BASE, targetColumn: 'Close' })).toBeNull();
  });
});

describe('previousRun in the store', () => {
  const kept = nextPreviousRun(run(2), null, { ...BASE, units: 16 });
  beforeEach(() => useStore.setState({ ...initialState, previousRun: kept }));

  it('survives a model knob but not a new target column or split', () => {
    setConfigValue('units', 8);
    expect(useStore.getState().previousRun).toBe(kept);
    setConfigValue('trainSplit', 0.6);
    expect(useStore.getState().previousRun).toBeNull();
    useStore.setState({ previousRun: kept });
    setConfigValue('targetColumn', 'Close');
    expect(useStore.getState().previousRun).toBeNull();
  });

  it('is cleared by the store reset and by the Reset button', () => {
    useStore.getState().reset();
    expect(useStore.getState().previousRun).toBeNull();
    useStore.setState({ previousRun: kept });
    resetRun();
    expect(useStore.getState().previousRun).toBeNull();
  });

  it('is cleared by loading another dataset', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('value\n1\n2\n')));
    await loadSample('sine');
    vi.unstubAllGlobals();
    expect(useStore.getState().dataset?.name).toBe('sine.csv');
    expect(useStore.getState().previousRun).toBeNull();
  });
});
