/**
 * The typed messages between the page and the training worker. The only module both threads import.
 * Every message carries `runId`; the page drops messages whose run is no longer current.
 * Payloads are plain data; large arrays are typed arrays sent in the transfer list.
 */
import type { BackendName, TrainConfig } from '../../model/core/config';
import type { EpochReport, ProgressReport } from '../../model/engine/train';
import type { Metrics, PreparedData } from '../../model/core/types';

/** Page → worker. */
export type ToWorker =
  /** Pick and initialise a backend (falls back webgl → wasm → cpu). */
  | { type: 'init'; runId: number; backend: BackendName }
  /** Hand over prepared windows (transferred) and the config; builds a fresh model. */
  | { type: 'load'; runId: number; data: PreparedData; config: TrainConfig }
  | { type: 'start'; runId: number }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  /** Dispose the model and data; the worker reports its tensor count afterwards. */
  | { type: 'reset'; runId: number }
  /** Ask for the trained model as TensorFlow.js artifacts (model.json + weights). */
  | { type: 'exportModel'; runId: number }
  /** Test-only (browser tests of issue 5): loses the worker's WebGL context via WEBGL_lose_context. */
  | { type: 'debugLoseContext'; runId: number }
  /** Test-only (browser tests of issue 5): the worker throws an uncaught error, as a crash would. */
  | { type: 'debugCrash'; runId: number };

export interface BackendInfo {
  name: BackendName;
  /** e.g. the WebGL renderer string, or 'SIMD, 1 thread' for wasm. */
  details: string;
}

export type { EpochReport, ProgressReport };

export type RunState = 'idle' | 'compiling' | 'training' | 'paused' | 'stopped' | 'done';

/** Worker → page. */
export type FromWorker =
  | { type: 'ready'; runId: number; backend: BackendInfo }
  /** The backend changed without being asked (e.g. WebGL context lost); `reason` is for people. */
  | { type: 'backendChanged'; runId: number; from: BackendName; to: BackendName; reason: string }
  | {
      type: 'loaded';
      runId: number;
      engine: 'fast' | 'layers';
      params: number;
    }
  | { type: 'state'; runId: number; state: RunState }
  | ({ type: 'progress'; runId: number } & ProgressReport)
  | ({ type: 'epochEnd'; runId: number } & EpochReport)
  /** Test predictions in original units, [nTest], after an epoch. */
  | { type: 'predictions'; runId: number; epoch: number; values: Float32Array }
  | { type: 'done'; runId: number; stopped: boolean; model: Metrics; persistence: Metrics }
  | { type: 'memory'; runId: number; numTensors: number }
  | { type: 'model'; runId: number; modelJson: string; weights: ArrayBuffer }
  | { type: 'error'; runId: number; message: string };

/** For exhaustive switches: a compile error if a message type is left unhandled. */
export function assertNever(x: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(x)}`);
}
