/**
 * The trainer's model of one run: its config, its prepared data, the engine and the last good
 * weights to recover from. Kept apart from the message handling in handler.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../../model/core/config';
import { summarizeModel } from '../../model/core/summary';
import type { PreparedData } from '../../model/core/types';
import { createEngine, type TrainingEngine } from '../../model/engine';
import { exportLayersModel } from '../../model/engine/exportModel';
import { initialWeightArrays } from '../../model/engine/init';
import type { WeightSnapshot } from '../../model/engine/train';

/** Weights after `epochs` completed epochs (0: the seeded initial weights). */
export interface Snapshot {
  epochs: number;
  weights: WeightSnapshot[];
}

/** A run's model: build it, rebuild it from a snapshot (on another backend), export it, free it. */
export class RunModel {
  engine: TrainingEngine | null = null;
  /** CPU copy of the last good weights (after the last completed epoch) to recover from. */
  snapshot: Snapshot | null = null;

  constructor(
    readonly config: TrainConfig,
    readonly data: PreparedData,
  ) {}

  /** Trainable parameters (as the page's model summary counts them). */
  get params(): number {
    return summarizeModel({ ...this.config, timesteps: this.data.timesteps }).total;
  }

  /** (Re)builds the engine on the active backend from `snapshot`, or from fresh seeded weights. */
  build(snapshot: Snapshot | null = null): TrainingEngine {
    const { config } = this;
    this.dispose();
    const snap = snapshot ?? {
      epochs: 0,
      weights: initialWeightArrays(config, 1, config.seed).map(({ shape, values }) => ({
        shape,
        values,
      })),
    };
    const weights = snap.weights.map((w) => tf.tensor(w.values, w.shape));
    try {
      this.engine = createEngine(config, this.data.timesteps, config.seed, weights);
      this.snapshot = snap;
      return this.engine;
    } finally {
      weights.forEach((w) => w.dispose());
    }
  }

  /** The current weights as TensorFlow.js artifacts, or null before the engine exists. */
  async export(): Promise<{ modelJson: string; weights: ArrayBuffer } | null> {
    if (!this.engine) return null;
    const weights = this.engine.getWeights();
    try {
      return await exportLayersModel(this.config, this.data.timesteps, weights);
    } finally {
      weights.forEach((w) => w.dispose());
    }
  }

  /** Frees the engine's tensors (the config, data and snapshot stay). */
  dispose(): void {
    try {
      this.engine?.dispose();
    } catch {
      // A lost WebGL context can fail to free textures; the backend is discarded anyway.
    }
    this.engine = null;
  }
}
