/**
 * The contract between the training loop (train.ts) and the two ways of computing a step:
 * the stock `tf.layers` model (reference) and the fast hand-written BPTT path.
 * Both keep weights in Keras's layout, per recurrent layer: kernel [in, units·g], recurrent kernel
 * [units, units·g], bias [units·g] (g = 1 SimpleRNN, 4 LSTM, 3 GRU), then Dense kernel [units, 1], bias [1].
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CommandCounts } from '../core/run';

export type { CommandCounts };

/**
 * Values not read back yet: a tensor, or an engine's own handle (the WebGPU engine keeps its losses
 * and predictions on the GPU and reads them back on demand, a run of losses at once with the weights).
 */
export interface BatchLoss {
  data(): Promise<ArrayLike<number>>;
  dispose(): void;
}

export interface TrainingEngine<
  Loss extends BatchLoss = BatchLoss,
  Out extends BatchLoss = BatchLoss,
> {
  readonly name: 'fast' | 'layers';
  /**
   * One optimiser step on a batch. x: [b, timesteps, k] (k inputs), y: [b, 1] (scaled units).
   * Returns the batch loss, which the caller disposes (not read back, so steps can pipeline).
   * Dropout is applied (training mode).
   */
  trainBatch(x: tf.Tensor3D, y: tf.Tensor2D): Loss;
  /** Optional: the GPU commands per batch so far (engines that count them). */
  commands?(): CommandCounts;
  /** Inference without dropout: x [n, timesteps, k] → [n, 1] (n values). Caller disposes the result. */
  predict(x: tf.Tensor3D): Out;
  /** Current weights in Keras order and layout (copies; caller disposes). */
  getWeights(): tf.Tensor[];
  /** Replace the weights (Keras order and layout); used by tests to compare paths. */
  setWeights(weights: tf.Tensor[]): void;
  /** Release every tensor the engine owns (weights, optimiser slots). */
  dispose(): void;
}
