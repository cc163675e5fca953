/**
 * The typed messages between the page and the training worker: the only module both threads
 * import. Every message carries `runId`; a `load` names the dataset on screen (`datasetId`), every
 * answer names the dataset of its run, and the page drops messages of another run or dataset.
 * Payloads are plain data (no tensors); large arrays are typed arrays.
 */
import type { BackendName, BackendSetting, EngineName, TrainConfig } from '../../model/core/config';
import type { BackendInfo, EpochReport, ProgressReport, RunState } from '../../model/core/run';
import type { BaselineMetrics } from '../../model/core/baselines';
import type { Extrapolation } from '../../model/core/diagnostics';
import type { InspectionReport } from '../../model/core/inspect';
import type { Metrics } from '../../model/core/types';
import type { ForecastValues } from '../../model/core/forecast';
import type { RowSource } from '../../model/core/rowSource';

export type { BackendInfo, EpochReport, InspectionReport, ProgressReport, RunState };

/** Page → worker. */
export type ToWorker =
  /** Pick (Auto: chosen in the worker) and initialise a backend (falls back webgl → wasm → cpu). */
  | { type: 'init'; runId: number; backend: BackendSetting }
  /**
   * A new run: the target column as read (NaN for gaps; cloned, the page keeps its own), the
   * columns of `config.inputColumns` in that order (the extra inputs; absent: none) and the config,
   * whose `targetColumn` names the target. The worker cuts the windows itself and builds a fresh
   * model. `times` (each row's epoch ms, as Dataset.times) lets it tell daily from monthly data
   * when it looks for a season.
   */
  | {
      type: 'load';
      runId: number;
      /** The page's number for the dataset this run trains on; echoed in every answer of the run. */
      datasetId: number;
      series: Float64Array;
      inputs?: Float64Array[];
      config: TrainConfig;
      times?: Float64Array | null;
    }
  /** Start the loaded run; with `step`, it starts paused after exactly one batch. */
  | { type: 'start'; runId: number; step?: boolean }
  | { type: 'pause'; runId: number }
  /** While paused: train exactly one more batch, then pause again. */
  | { type: 'step'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  /** Dispose the model and data; the worker reports its tensor count afterwards. */
  | { type: 'reset'; runId: number }
  /**
   * Ask for the trained model as TensorFlow.js artifacts (model.json + weights); `rows` (the file's
   * time axis and series) goes into model.json's metadata.
   */
  | { type: 'exportModel'; runId: number; rows?: RowSource }
  /**
   * Look inside the network at test window `index` (0-based within the test rows), returning the
   * weights of `layer`; answered by `inspection` with the same `requestId`.
   */
  | { type: 'inspect'; runId: number; requestId: number; index: number; layer: number }
  /**
   * Forecast `steps` (0…365) past the last row with the trained weights, recursively; answered by
   * `forecasted` (or `forecastFailed`) with the same `requestId`. Refused while training runs.
   */
  | { type: 'forecast'; runId: number; requestId: number; steps: number };

/** Worker → page, as the handler writes them (worker.ts adds `datasetId`, see stamp.ts). */
export type WorkerReport =
  /** The worker's module is running (posted once, at start): liveness for the client's watchdog. */
  | { type: 'alive'; runId: number }
  | { type: 'ready'; runId: number; backend: BackendInfo }
  /** The backend changed without being asked (e.g. WebGL context lost); `reason` is for people. */
  | { type: 'backendChanged'; runId: number; from: BackendName; to: BackendName; reason: string }
  /**
   * The model is built; `persistence`, `baselines` (Linear, Seasonal naive) are the baselines' test
   * metrics and `extrapolation` counts test values outside the train range (none needs training).
   */
  | {
      type: 'loaded';
      runId: number;
      engine: EngineName;
      params: number;
      persistence: Metrics;
      baselines: BaselineMetrics;
      extrapolation: Extrapolation;
    }
  | { type: 'state'; runId: number; state: RunState }
  | ({ type: 'progress'; runId: number } & ProgressReport)
  | ({ type: 'epochEnd'; runId: number } & EpochReport)
  /** Test predictions in original units, [nTest], and their metrics, after an epoch (or a stop). */
  | { type: 'predictions'; runId: number; epoch: number; values: Float32Array; metrics: Metrics }
  /**
   * The run ended. `reason`: why it stopped by itself (a diverging loss), for people.
   * `restoredEpoch`: early stopping put back the weights of this (1-based) epoch.
   */
  | { type: 'done'; runId: number; stopped: boolean; reason?: string; restoredEpoch?: number }
  /**
   * What the worker holds (after a run ends and after a reset; workers/trainer/memory.ts):
   * `tf.memory()`'s tensor count and bytes, `engineBytes` held outside tfjs (the fast path's
   * weights on cpu/wasm, the SIMD scratch memory), `bytes` the two together, and `disposeErrors`
   * the disposals that have failed in this worker so far.
   */
  | {
      type: 'memory';
      runId: number;
      numTensors: number;
      numBytes: number;
      engineBytes: number;
      bytes: number;
      disposeErrors: number;
    }
  | { type: 'model'; runId: number; modelJson: string; weights: ArrayBuffer }
  | ({ type: 'inspection'; runId: number } & InspectionReport)
  /** An `inspect` that could not be answered (no model yet, backend recovering); for people. */
  | { type: 'inspectFailed'; runId: number; requestId: number; message: string }
  /** The forecast in original units, [steps] each (arrays transferred); see ForecastValues. */
  | ({ type: 'forecasted'; runId: number; requestId: number } & ForecastValues)
  /** A `forecast` that could not be answered (no model, training running, several inputs). */
  | { type: 'forecastFailed'; runId: number; requestId: number; message: string }
  | { type: 'error'; runId: number; message: string };

/**
 * Worker → page: a report and the page's id of the dataset its run trains on (0 for a run no `load`
 * named, e.g. the worker-level `alive`, `ready` and `backendChanged` before the first load).
 */
export type FromWorker = WorkerReport & { datasetId: number };

/**
 * Messages about the worker itself (its backend): delivered whatever run or dataset they were
 * posted in, where every other message of another run or dataset is dropped.
 */
export function isWorkerLevel(msg: { type: string }): boolean {
  return msg.type === 'ready' || msg.type === 'backendChanged';
}

/** For exhaustive switches: a compile error if a message type is left unhandled. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}
