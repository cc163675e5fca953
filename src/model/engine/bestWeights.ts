/**
 * Early stopping as Keras's EarlyStopping(monitor='val_loss', patience, restore_best_weights=True):
 * a CPU copy of the weights of the epoch with the lowest held-out loss, how many epochs have passed
 * without improvement, and putting the best weights back at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainingEngine } from './contract';

/** One weight tensor as plain data. */
export interface WeightSnapshot {
  shape: number[];
  values: Float32Array;
}

/** CPU copies of the engine's weights (Keras order); `read` waits for them (async on webgl). */
export async function readWeights(
  engine: TrainingEngine,
  read: <T>(p: Promise<T>) => Promise<T> = (p) => p,
): Promise<WeightSnapshot[]> {
  const ws = engine.getWeights();
  try {
    const values = await read(Promise.all(ws.map((w) => w.data() as Promise<Float32Array>)));
    return ws.map((w, i) => ({ shape: w.shape, values: values[i] }));
  } finally {
    ws.forEach((w) => w.dispose());
  }
}

/** Sets the engine's weights from CPU copies. */
export function writeWeights(engine: TrainingEngine, weights: WeightSnapshot[]): void {
  const ts = weights.map((w) => tf.tensor(w.values, w.shape));
  try {
    engine.setWeights(ts);
  } finally {
    ts.forEach((t) => t.dispose());
  }
}

/** The best epoch so far and the patience left; one per run with patience > 0. */
export class EarlyStopping {
  best: { epoch: number; loss: number; weights: WeightSnapshot[] } | null = null;
  /** Epochs since the best one. */
  wait = 0;

  constructor(readonly patience: number) {}

  /**
   * After epoch `epoch` (1-based) with held-out loss `valLoss`: keeps a copy of the weights when
   * the loss is lower than every earlier one (strictly, as Keras with min_delta 0). Returns true
   * when `patience` epochs have passed without improvement (time to stop).
   */
  async note(
    epoch: number,
    valLoss: number,
    copy: () => Promise<WeightSnapshot[]>,
  ): Promise<boolean> {
    if (!this.best || valLoss < this.best.loss) {
      this.best = { epoch, loss: valLoss, weights: await copy() };
      this.wait = 0;
      return false;
    }
    this.wait++;
    return this.wait >= this.patience;
  }

  /** Puts the best weights back when they differ from the last epoch's; returns that epoch or null. */
  restore(engine: TrainingEngine, lastEpoch: number): number | null {
    if (!this.best || this.best.epoch === lastEpoch) return null;
    writeWeights(engine, this.best.weights);
    return this.best.epoch;
  }
}
