/**
 * The run slice of the store (everything one training run streams in) and the worker slice (the
 * backend it runs on), with the pure reducer that applies worker messages to them. Kept apart from
 * the store so it can be unit-tested without a worker.
 */
import type { BaselineMetrics } from '../model/core/baselines';
import type { BackendSetting, EngineName, TrainConfig } from '../model/core/config';
import type { Extrapolation } from '../model/core/diagnostics';
import type { ForecastValues } from '../model/core/forecast';
import type { BackendInfo, ProgressReport, RunState } from '../model/core/run';
import type { Metrics } from '../model/core/types';
import type { TestView } from '../model/data/prep';
import type { WorkerReport } from '../workers/trainer/protocol';
import { assertNever } from '../workers/trainer/protocol';
import type { PreviousRun } from './previousRun';
import { appendBounded, smooth, type EpochPoint, type XY } from './series';

const SMOOTHING = 0.6;
/** Epochs between two batch-loss samples at which the full smoothing weight applies. */
const SMOOTHING_SPAN = 0.05;

/** The test rows of the run on screen, and the column they belong to. */
export interface RunTest extends TestView {
  target: string;
}

/** Everything a run streams in; back to `initialRun` at every Train, Reset or new dataset. */
export interface RunSlice {
  runId: number | null;
  /** The settings the run was started with (target column resolved); null before the first Train. */
  runConfig: TrainConfig | null;
  status: RunState;
  engine: EngineName | null;
  params: number | null;
  progress: ProgressReport | null;
  epochLoss: EpochPoint[];
  /** Smoothed per-batch loss; x is fractional epochs. Bounded to MAX_POINTS. */
  batchLoss: XY[];
  smoothedLoss: number | null;
  /** Test predictions in original units, one per test row, from the latest epoch. */
  predictions: Float32Array | null;
  predictionsEpoch: number;
  /** Test metrics of `predictions` (computed once, in the worker). */
  modelMetrics: Metrics | null;
  /** Test metrics of the persistence baseline ("tomorrow = today"). */
  persistence: Metrics | null;
  /** Test metrics of the Linear (ridge) and Seasonal naive baselines. */
  baselines: BaselineMetrics | null;
  /** Test values outside the train part's range. */
  extrapolation: Extrapolation | null;
  /** Why the run stopped by itself (a diverging loss), for people. */
  stopReason: string | null;
  /** The epoch whose weights early stopping restored (the predictions are theirs). */
  restoredEpoch: number | null;
  numTensors: number | null;
  test: RunTest | null;
  /** The last finished (or stopped) run, kept for comparison; dropped with the data or test rows. */
  previousRun: PreviousRun | null;
  /** The forecast past the data's last row after the run ended (forecastActions.ts), its steps. */
  forecast: (ForecastValues & { steps: number }) | null;
  /** Why no forecast could be made, for people. */
  forecastError: string | null;
}

export const initialRun: RunSlice = {
  runId: null,
  runConfig: null,
  status: 'idle',
  engine: null,
  params: null,
  progress: null,
  epochLoss: [],
  batchLoss: [],
  smoothedLoss: null,
  predictions: null,
  predictionsEpoch: 0,
  modelMetrics: null,
  persistence: null,
  baselines: null,
  extrapolation: null,
  stopReason: null,
  restoredEpoch: null,
  numTensors: null,
  test: null,
  previousRun: null,
  forecast: null,
  forecastError: null,
};

/** The training worker's backend, which outlives runs. */
export interface WorkerSlice {
  backend: BackendInfo | null;
  /** Why the backend differs from the one asked for (fallback, lost context), for people. */
  backendNote: string | null;
}

export const initialWorker: WorkerSlice = { backend: null, backendNote: null };

/** What reduceRun updates. */
export type RunAndWorker = RunSlice & WorkerSlice;

/** True while a run holds the worker (controls that shape the model are locked). */
export function isBusy(status: RunState): boolean {
  return status === 'compiling' || status === 'training' || status === 'paused';
}

/** Applies one worker message. `requested` is the backend the user picked. */
export function reduceRun(
  s: RunAndWorker,
  msg: WorkerReport,
  requested: BackendSetting,
): RunAndWorker {
  switch (msg.type) {
    case 'ready':
      return {
        ...s,
        backend: msg.backend,
        // Auto's pick is news of its own (BackendInfo.chosen, on the backend line), not a fallback.
        backendNote:
          msg.backend.name === requested || requested === 'auto'
            ? s.backendNote
            : `${requested} is not available here; running on ${msg.backend.name}.`,
      };
    case 'backendChanged':
      return {
        ...s,
        backend: { name: msg.to, details: s.backend?.details ?? '' },
        backendNote: `Switched from ${msg.from} to ${msg.to}: ${msg.reason}`,
      };
    case 'loaded':
      return {
        ...s,
        engine: msg.engine,
        params: msg.params,
        persistence: msg.persistence,
        baselines: msg.baselines,
        extrapolation: msg.extrapolation,
      };
    case 'state':
      // Preparing counts as busy until the run has started: the load's own `idle` (model built,
      // start next) must not unlock the data controls for a moment.
      if (msg.state === 'idle' && s.status === 'compiling') return s;
      return { ...s, status: msg.state };
    case 'progress': {
      const { type: _t, runId: _r, ...report } = msg;
      if (!Number.isFinite(msg.loss)) return { ...s, progress: report };
      const x = msg.epoch - 1 + (msg.batches > 0 ? msg.batch / msg.batches : 1);
      // Samples arrive ~10 a second, so a fast run yields few, far-apart points: smooth less the
      // further apart they are (0.6 between points 1/20 epoch apart, as TensorBoard's default).
      const lastX = s.batchLoss.length > 0 ? s.batchLoss[s.batchLoss.length - 1].x : x;
      const weight = SMOOTHING ** Math.max(1, (x - lastX) / SMOOTHING_SPAN);
      const smoothedLoss = smooth(s.smoothedLoss, msg.loss, weight);
      return {
        ...s,
        progress: report,
        smoothedLoss,
        batchLoss: appendBounded(s.batchLoss, { x, y: smoothedLoss }),
      };
    }
    case 'epochEnd': {
      const point = { epoch: msg.epoch, train: msg.trainLoss, val: msg.valLoss };
      const epochLoss = [...s.epochLoss.filter((p) => p.epoch !== msg.epoch), point];
      return { ...s, epochLoss, numTensors: msg.numTensors };
    }
    case 'predictions':
      return {
        ...s,
        predictions: msg.values,
        predictionsEpoch: msg.epoch,
        modelMetrics: msg.metrics,
      };
    case 'done':
      return {
        ...s,
        status: msg.stopped ? 'stopped' : 'done',
        stopReason: msg.reason ?? null,
        restoredEpoch: msg.restoredEpoch ?? null,
      };
    case 'memory':
      return { ...s, numTensors: msg.numTensors };
    case 'alive':
    case 'model':
      // The client's liveness check; delivered to the exportModel() promise by the client; nothing to show.
      return s;
    case 'inspection':
    case 'inspectFailed':
    case 'forecasted':
    case 'forecastFailed':
      // The inside view's and the forecast's own slices (inspectActions, forecastActions) take these.
      return s;
    case 'error':
      // The message itself goes to the alert region (trainActions.ts).
      return { ...s, status: isBusy(s.status) ? 'stopped' : s.status };
    default:
      return assertNever(msg);
  }
}
