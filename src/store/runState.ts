/**
 * The training-run slice of the store and the pure reducer that applies worker messages to it.
 * Kept apart from the store so it can be unit-tested without a worker.
 */
import type { Metrics } from '../model/core/types';
import type { BackendName, EngineName, TrainConfig } from '../model/core/config';
import type {
  BackendInfo,
  FromWorker,
  ProgressReport,
  RunState,
} from '../workers/trainer/protocol';
import { assertNever } from '../workers/trainer/protocol';
import { appendBounded, smooth, type XY } from './series';

const SMOOTHING = 0.6;
/** Epochs between two batch-loss samples at which the full smoothing weight applies. */
const SMOOTHING_SPAN = 0.05;

export interface EpochPoint {
  epoch: number;
  train: number;
  val: number;
}

/** Everything a run streams in; reset at every Train. Plain data only. */
export interface RunSlice {
  runId: number | null;
  /** The settings the run was started with (target column resolved); null before the first Train. */
  runConfig: TrainConfig | null;
  status: RunState;
  backend: BackendInfo | null;
  /** Why the backend differs from the one asked for (fallback, lost context), for people. */
  backendNote: string | null;
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
  metrics: { model: Metrics; persistence: Metrics; stopped: boolean } | null;
  numTensors: number | null;
  /** Error message from the worker, if the run failed. */
  error: string | null;
}

export const initialRun: RunSlice = {
  runId: null,
  runConfig: null,
  status: 'idle',
  backend: null,
  backendNote: null,
  engine: null,
  params: null,
  progress: null,
  epochLoss: [],
  batchLoss: [],
  smoothedLoss: null,
  predictions: null,
  predictionsEpoch: 0,
  metrics: null,
  numTensors: null,
  error: null,
};

/** True while a run holds the worker (controls that shape the model are locked). */
export function isBusy(status: RunState): boolean {
  return status === 'compiling' || status === 'training' || status === 'paused';
}

/** Applies one worker message to the run slice. `requested` is the backend the user picked. */
export function reduceRun(run: RunSlice, msg: FromWorker, requested: BackendName): RunSlice {
  switch (msg.type) {
    case 'ready':
      return {
        ...run,
        backend: msg.backend,
        backendNote:
          msg.backend.name === requested
            ? run.backendNote
            : `${requested} is not available here; running on ${msg.backend.name}.`,
      };
    case 'backendChanged':
      return {
        ...run,
        backend: { name: msg.to, details: run.backend?.details ?? '' },
        backendNote: `Switched from ${msg.from} to ${msg.to}: ${msg.reason}`,
      };
    case 'loaded':
      return { ...run, engine: msg.engine, params: msg.params };
    case 'state':
      return { ...run, status: msg.state };
    case 'progress': {
      const { type: _t, runId: _r, ...report } = msg;
      if (!Number.isFinite(msg.loss)) return { ...run, progress: report };
      const x = msg.epoch - 1 + (msg.batches > 0 ? msg.batch / msg.batches : 1);
      // Samples arrive ~10 a second, so a fast run yields few, far-apart points: smooth less the
      // further apart they are (0.6 between points 1/20 epoch apart, as TensorBoard's default).
      const lastX = run.batchLoss.length > 0 ? run.batchLoss[run.batchLoss.length - 1].x : x;
      const weight = SMOOTHING ** Math.max(1, (x - lastX) / SMOOTHING_SPAN);
      const smoothedLoss = smooth(run.smoothedLoss, msg.loss, weight);
      return {
        ...run,
        progress: report,
        smoothedLoss,
        batchLoss: appendBounded(run.batchLoss, { x, y: smoothedLoss }),
      };
    }
    case 'epochEnd': {
      const point = { epoch: msg.epoch, train: msg.trainLoss, val: msg.valLoss };
      const epochLoss = [...run.epochLoss.filter((p) => p.epoch !== msg.epoch), point];
      return { ...run, epochLoss, numTensors: msg.numTensors };
    }
    case 'predictions':
      return { ...run, predictions: msg.values, predictionsEpoch: msg.epoch };
    case 'done':
      return {
        ...run,
        status: msg.stopped ? 'stopped' : 'done',
        metrics: { model: msg.model, persistence: msg.persistence, stopped: msg.stopped },
      };
    case 'memory':
      return { ...run, numTensors: msg.numTensors };
    case 'model':
      // Delivered to the exportModel() promise by the client; nothing to show.
      return run;
    case 'error':
      return { ...run, error: msg.message, status: isBusy(run.status) ? 'stopped' : run.status };
    default:
      return assertNever(msg);
  }
}
