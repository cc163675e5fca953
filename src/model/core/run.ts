/**
 * What a training run reports, as plain data: the engine produces these, the trainer protocol
 * carries them and the page shows them. No tfjs here, so the page can import the types freely.
 */
import type { BackendName } from './backendChoice';

/** The run's state as the page shows it. */
export type RunState = 'idle' | 'compiling' | 'training' | 'paused' | 'stopped' | 'done';

/** The backend in use and a line about it for people. */
export interface BackendInfo {
  name: BackendName;
  /** e.g. the WebGL renderer string, or 'WebAssembly, SIMD, 1 thread'. */
  details: string;
  /** With the Auto setting: what it chose and why (core/backendChoice.ts), for the status. */
  chosen?: string;
}

/**
 * GPU commands one training batch issues, where an engine counts them (deterministic for a shape):
 * compute dispatches (WebGPU) or draw calls (WebGL), queue submits (WebGL: flushes), uploads
 * (buffer or texture writes) and read-backs (per batch: one read-back serves a whole progress
 * report, so usually a fraction).
 */
export interface CommandCounts {
  kind: 'dispatches' | 'draws';
  perBatch: number;
  submits: number;
  uploads: number;
  readbacks: number;
}

/** Progress within an epoch (at most ~10 a second). */
export interface ProgressReport {
  /** The engine's GPU commands per batch so far, where it counts them (the worker adds them). */
  commands?: CommandCounts;
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** 1-based. */
  batch: number;
  batches: number;
  /** Loss of the latest batch read back (scaled units). */
  loss: number;
  samplesPerSec: number;
  /** Seconds left at the run's average pace so far. */
  etaSec: number;
}

/** One finished epoch. */
export interface EpochReport {
  epoch: number;
  epochs: number;
  /** Mean batch loss, weighted by batch size (scaled units). */
  trainLoss: number;
  /** Loss on the held-out test windows (never trained on), no dropout. */
  valLoss: number;
  /** Wall time of the epoch, predictions included. */
  epochMs: number;
  /** `tf.memory().numTensors` after the epoch's tensors were released. */
  numTensors: number;
  /** `tf.memory().numBytes` then, the bytes the engine holds outside tfjs, and the two together. */
  numBytes: number;
  engineBytes: number;
  bytes: number;
}
