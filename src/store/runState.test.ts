import { describe, expect, it } from 'vitest';
import type { WorkerReport } from '../workers/trainer/protocol';
import { initialRun, initialWorker, isBusy, reduceRun, type RunAndWorker } from './runState';

const apply = (msgs: WorkerReport[]) =>
  msgs.reduce<RunAndWorker>((run, m) => reduceRun(run, m, 'webgl'), {
    ...initialRun,
    ...initialWorker,
  });
const metrics = { rmse: 1, mae: 0.5, mape: 2, r2: 0.9 };

describe('reduceRun', () => {
  it('follows a run from ready to done', () => {
    const run = apply([
      { type: 'ready', runId: 1, backend: { name: 'webgl', details: 'ANGLE' } },
      {
        type: 'loaded',
        runId: 1,
        engine: 'fast',
        params: 17801,
        persistence: metrics,
        baselines: { linear: metrics, seasonal: null },
        extrapolation: { above: 1, below: 0, total: 10, trainMin: 0, trainMax: 1 },
      },
      { type: 'state', runId: 1, state: 'training' },
      {
        type: 'progress',
        runId: 1,
        epoch: 1,
        epochs: 2,
        batch: 5,
        batches: 10,
        loss: 0.5,
        samplesPerSec: 100,
        etaSec: 3,
      },
      {
        type: 'epochEnd',
        runId: 1,
        epoch: 1,
        epochs: 2,
        trainLoss: 0.4,
        valLoss: 0.6,
        epochMs: 10,
        numTensors: 12,
        numBytes: 0,
        engineBytes: 0,
        bytes: 0,
      },
      { type: 'predictions', runId: 1, epoch: 1, values: new Float32Array([1, 2]), metrics },
      { type: 'done', runId: 1, stopped: false },
    ]);
    expect(run.status).toBe('done');
    expect(run.params).toBe(17801);
    expect(run.backend?.name).toBe('webgl');
    expect(run.backendNote).toBeNull();
    expect(run.batchLoss).toEqual([{ x: 0.5, y: 0.5 }]);
    expect(run.epochLoss).toEqual([{ epoch: 1, train: 0.4, val: 0.6 }]);
    expect(Array.from(run.predictions ?? [])).toEqual([1, 2]);
    expect([run.modelMetrics, run.persistence]).toEqual([metrics, metrics]);
    expect(run.numTensors).toBe(12);
  });

  it('explains a fallback and a backend switch', () => {
    const run = apply([
      { type: 'ready', runId: 1, backend: { name: 'cpu', details: '' } },
      { type: 'backendChanged', runId: 1, from: 'webgl', to: 'wasm', reason: 'WebGL context lost' },
    ]);
    expect(run.backend?.name).toBe('wasm');
    expect(run.backendNote).toBe('Switched from webgl to wasm: WebGL context lost');
  });

  it('a worker error ends a busy run so the user can train again', () => {
    const run = apply([
      { type: 'state', runId: 1, state: 'training' },
      { type: 'error', runId: 1, message: 'boom' },
    ]);
    expect(run.status).toBe('stopped');
    expect(isBusy(run.status)).toBe(false);
  });

  it('ignores non-finite batch losses in the chart but keeps the progress', () => {
    const run = apply([
      {
        type: 'progress',
        runId: 1,
        epoch: 1,
        epochs: 1,
        batch: 1,
        batches: 2,
        loss: NaN,
        samplesPerSec: 1,
        etaSec: 1,
      },
    ]);
    expect(run.batchLoss).toEqual([]);
    expect(run.progress?.batch).toBe(1);
  });
  it('stays busy while a run is prepared: the load reports idle before the start', () => {
    const compiling: RunAndWorker = { ...initialRun, ...initialWorker, status: 'compiling' };
    const steps: WorkerReport[] = [
      { type: 'state', runId: 1, state: 'compiling' },
      { type: 'state', runId: 1, state: 'idle' },
    ];
    const prepared = steps.reduce<RunAndWorker>((run, m) => reduceRun(run, m, 'webgl'), compiling);
    expect(prepared.status).toBe('compiling');
    expect(isBusy(prepared.status)).toBe(true);
    const started = reduceRun(prepared, { type: 'state', runId: 1, state: 'training' }, 'webgl');
    expect(started.status).toBe('training');
  });
});

describe('batch-loss smoothing', () => {
  const progress = (epoch: number, batch: number, loss: number): WorkerReport => ({
    type: 'progress',
    runId: 1,
    epoch,
    epochs: 10,
    batch,
    batches: 100,
    loss,
    samplesPerSec: 1,
    etaSec: 1,
  });

  it('smooths close samples with weight 0.6', () => {
    const run = apply([progress(1, 1, 1), progress(1, 2, 0)]);
    expect(run.smoothedLoss).toBeCloseTo(0.6, 12);
  });

  it('barely smooths samples several epochs apart (fast runs)', () => {
    const run = apply([progress(1, 100, 1), progress(4, 100, 0)]);
    expect(run.smoothedLoss).toBeLessThan(1e-10);
  });
});
