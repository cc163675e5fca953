/**
 * The trainer's model of one run: its config, its prepared data, the engine and the last good
 * weights to recover from. Kept apart from the message handling in handler.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../../model/core/config';
import { DataError } from '../../model/core/errors';
import { modelMetadata, type RowSource } from '../../model/core/modelMetadata';
import { summarizeModel } from '../../model/core/summary';
import type { PreparedData } from '../../model/core/types';
import { createEngine, type TrainingEngine } from '../../model/engine';
import { exportLayersModel } from '../../model/engine/exportModel';
import { fillWindows, inverseTransform, makeWindows, prepare } from '../../model/data/prep';
import { initialWeightArrays } from '../../model/engine/init';
import { inspectNetwork } from '../../model/engine/inspect';
import { epochOrder, type WeightSnapshot } from '../../model/engine/train';
import { noteDisposeError } from './memory';
import type { InspectionReport, ToWorker } from './protocol';

/**
 * The prepared data of a `load`: the target and the extra input columns, one scaler each fitted on
 * the train rows. @throws DataError (bad settings, too few rows) or when the columns and the
 * config's `inputColumns` disagree.
 */
export function prepareRun({ series, inputs = [], config }: Extract<ToWorker, { type: 'load' }>) {
  if (inputs.length !== config.inputColumns.length) {
    throw new DataError(
      `Expected ${config.inputColumns.length} input columns besides the target, got ${inputs.length}.`,
    );
  }
  return prepare(series, config, inputs);
}

/** The arrays of an inspection report, to transfer rather than copy. */
export function inspectionBuffers(report: Omit<InspectionReport, 'requestId'>): ArrayBuffer[] {
  const { network: n } = report;
  const arrays = [
    report.inputs,
    report.inputsScaled,
    n.inputWindow,
    ...n.influenceByInput, // `influence` is the first of these
    ...n.hidden,
    ...(n.cellState ?? []),
    ...n.gradientFlow,
    n.weights.kernel,
    n.weights.recurrent,
    n.weights.bias,
    n.histogram.counts,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

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
  /** Target rows of the last full batch trained (a copy), or null before the first batch. */
  lastBatch: Int32Array | null = null;
  /** Batches trained and epochs completed in this run (what an inspection is "after"). */
  batches = 0;
  epochs = 0;

  constructor(
    readonly config: TrainConfig,
    readonly data: PreparedData,
  ) {}

  /** k, the values the network reads per time step (the target first). */
  get inputs(): number {
    return this.data.inputs.length;
  }

  /** Trainable parameters (as the page's model summary counts them). */
  get params(): number {
    return summarizeModel({ ...this.config, timesteps: this.data.timesteps }, this.inputs).total;
  }

  /** (Re)builds the engine on the active backend from `snapshot`, or from fresh seeded weights. */
  build(snapshot: Snapshot | null = null): TrainingEngine {
    const { config } = this;
    this.dispose();
    if (!snapshot) {
      this.lastBatch = null;
      this.batches = 0;
      this.epochs = 0;
    }
    const snap = snapshot ?? {
      epochs: 0,
      weights: initialWeightArrays(config, this.inputs, config.seed).map(({ shape, values }) => ({
        shape,
        values,
      })),
    };
    const weights = snap.weights.map((w) => tf.tensor(w.values, w.shape));
    try {
      this.engine = createEngine(config, this.data.timesteps, config.seed, weights, this.inputs);
      this.snapshot = snap;
      return this.engine;
    } finally {
      weights.forEach((w) => w.dispose());
    }
  }

  /**
   * The current weights as TensorFlow.js artifacts, with the run's metadata (core/modelMetadata.ts;
   * `rows`: the file's time axis and series, as the page names them), or null before the engine exists.
   */
  async export(
    rows: RowSource = { dateColumn: null },
  ): Promise<{ modelJson: string; weights: ArrayBuffer } | null> {
    if (!this.engine) return null;
    const weights = this.engine.getWeights();
    try {
      const meta = modelMetadata(this.config, this.data, rows);
      return await exportLayersModel(this.config, this.data.timesteps, weights, this.inputs, meta);
    } finally {
      weights.forEach((w) => w.dispose());
    }
  }

  /**
   * Records a trained batch (TrainHooks.onBatch). The gradient flow uses the last full one: an
   * epoch's short remainder would show a handful of windows.
   */
  noteBatch(targets: Int32Array): void {
    if (!this.lastBatch || targets.length >= this.lastBatch.length)
      this.lastBatch = targets.slice();
    this.batches++;
  }

  /**
   * The network on test window `index` (clamped to the test rows), with `layer`'s weights; the
   * gradient flow is over the last batch trained (before training: the first batch to come).
   */
  async inspect(index: number, layer: number): Promise<Omit<InspectionReport, 'requestId'>> {
    const { data, config } = this;
    if (!this.engine) throw new Error('There is no model to look inside yet.');
    const T = data.timesteps;
    const i = Math.max(0, Math.min(data.nTest - 1, Math.round(index)));
    const row = data.split + i;
    const inputsScaled = data.scaled.slice(row - T, row);
    const targets =
      this.lastBatch ??
      epochOrder(config.seed, 0, data.nTrain)
        .subarray(0, Math.min(config.batchSize, data.nTrain))
        .map((j) => j + T);
    const batchX = new Float32Array(targets.length * T * this.inputs);
    const batchY = new Float32Array(targets.length);
    fillWindows(data.inputs, T, targets, batchX, batchY);
    const network = await inspectNetwork(this.engine, config, T, {
      window: makeWindows(data.inputs, T, row, row + 1).X,
      batchX,
      batchY,
      layer,
      names: [config.targetColumn, ...config.inputColumns],
    });
    const [prediction] = inverseTransform(data.scaler, [network.prediction]);
    return {
      index: i,
      inputs: Float32Array.from(inverseTransform(data.scaler, inputsScaled)),
      inputsScaled,
      actual: data.testActual[i],
      prediction,
      epochs: this.epochs,
      batches: this.batches,
      network,
    };
  }

  /** Frees the engine's tensors (the config, data and snapshot stay). */
  dispose(): void {
    try {
      this.engine?.dispose();
    } catch (e) {
      // A lost WebGL context can fail to free textures; the backend is discarded anyway, and the
      // failure is counted in the `memory` message.
      noteDisposeError(e);
    }
    this.engine = null;
  }
}
