/**
 * The custom training loop (no `model.fit`, never waiting on requestAnimationFrame): shuffled batches
 * each epoch, losses read back asynchronously every few batches so the GPU queue stays full, pause/stop
 * checked between batches, throttled progress, held-out loss and predictions each epoch, metrics at the end.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossName, TrainConfig } from '../core/config';
import { computeMetrics, persistenceMetrics } from '../core/metrics';
import { divergence } from '../core/diagnostics';
import { createRng, deriveSeed } from '../core/rng';
import type { EpochReport, ProgressReport } from '../core/run';
import type { Metrics, PreparedData } from '../core/types';
import { fillWindows, inverseTransform, makeWindows } from '../data/prep';
import { EarlyStopping, readWeights, type WeightSnapshot } from './bestWeights';
import type { BatchLoss, TrainingEngine } from './contract';
import { memoryNow } from './heldBytes';
import { createTrainControl, yieldToEventLoop, type TrainControl } from './trainControl';

export { createTrainControl, yieldToEventLoop, type TrainControl, type WeightSnapshot };

/** Batch losses are read back in groups of this many (one GPU sync per group, not per batch). */
const READ_EVERY = 4;
/** Test windows per predict call. */
const PREDICT_CHUNK = 1024;

/** Callbacks of a run; all optional. */
export interface TrainHooks {
  /** At most one per `progressIntervalMs` (plus the run's last batch), with read-back numbers. */
  onProgress?(p: ProgressReport): void;
  /** After each epoch (1-based `epoch`), before `onPredictions` of that epoch. */
  onEpochEnd?(r: EpochReport): void;
  /** Test predictions in original units, [nTest], and their metrics against the actual values. */
  onPredictions?(epoch: number, values: Float32Array, metrics: Metrics): void;
  /** After each batch is queued: the target rows of its windows (a view: copy to keep). */
  onBatch?(targets: Int32Array): void;
  /** CPU copies of the weights (Keras order) after each epoch: the last good state to resume from. */
  onSnapshot?(epochsCompleted: number, weights: WeightSnapshot[]): void;
  /** Called between batches; a sentence (not null) ends the run as 'interrupted' (e.g. context lost). */
  checkHealth?(): string | null;
  /** Settles with a reason when the backend dies; pending read-backs race against it. */
  lost?: Promise<string>;
}

export interface TrainOptions {
  /** Epochs already completed (to continue a run on another backend); default 0. */
  startEpoch?: number;
  /** Minimum ms between progress reports; default 100 (≤ 10 a second). */
  progressIntervalMs?: number;
}

export interface TrainResult {
  status: 'done' | 'stopped' | 'interrupted';
  /** Why it was interrupted, or stopped by itself (a diverging loss: a sentence for people). */
  reason?: string;
  /** Early stopping restored the weights of this (1-based) epoch; predictions are theirs. */
  restoredEpoch?: number;
  epochsCompleted: number;
  /** Mean train loss per completed epoch of this call (scaled units). */
  trainLosses: number[];
  /** Held-out loss per completed epoch of this call. */
  valLosses: number[];
  /** Last test predictions in original units (null when interrupted before any). */
  predictions: Float32Array | null;
  /** Metrics of `predictions` (null with them). */
  model: Metrics | null;
  persistence: Metrics;
}

class Interrupted extends Error {}
/** The loss or the predictions stopped being finite numbers (message: for people). */
class Diverged extends Error {}

/** Mean loss of scaled predictions against targets, as the training loss defines it (Huber δ = 1). */
export function lossValue(
  name: LossName,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const e = Math.abs(yPred[i] - yTrue[i]);
    s += name === 'mse' ? e * e : name === 'mae' ? e : e <= 1 ? 0.5 * e * e : e - 0.5;
  }
  return yTrue.length ? s / yTrue.length : NaN;
}

/**
 * The order of the training windows in epoch `epoch` (0-based): shuffled from the seed and the epoch
 * index, so a run continued elsewhere stays reproducible. Window j predicts row timesteps + j.
 */
export function epochOrder(seed: number, epoch: number, nTrain: number): Int32Array {
  return createRng(deriveSeed(seed, 1000 + epoch)).shuffle(
    Int32Array.from({ length: nTrain }, (_, i) => i),
  );
}

/** Predictions for every test window in scaled units, [nTest], cut and computed in chunks. */
async function predictTest(engine: TrainingEngine, data: PreparedData) {
  const { nTest: n, timesteps: t, split, inputs } = data;
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += PREDICT_CHUNK) {
    const m = Math.min(PREDICT_CHUNK, n - start);
    const { X } = makeWindows(inputs, t, split + start, split + start + m);
    const xs = tf.tensor3d(X, [m, t, inputs.length]);
    const y = engine.predict(xs);
    try {
      out.set((await y.data()) as Float32Array, start);
    } finally {
      xs.dispose();
      y.dispose();
    }
  }
  return out;
}

/**
 * Trains `engine` on `data` for `config.epochs` epochs (from `opts.startEpoch`). Batch order is shuffled
 * per epoch from `config.seed` and the epoch index, so a run continued elsewhere stays reproducible.
 * Yields to the event loop after every batch. Every tensor it creates is disposed before it returns.
 */
export async function trainModel(
  engine: TrainingEngine,
  data: PreparedData,
  config: Pick<TrainConfig, 'epochs' | 'batchSize' | 'seed' | 'loss'> &
    Partial<Pick<TrainConfig, 'patience' | 'learningRate'>>,
  control: TrainControl = createTrainControl(),
  hooks: TrainHooks = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  const t = data.timesteps;
  const k = data.inputs.length;
  const { epochs, batchSize } = config;
  const nTrain = data.nTrain;
  const batches = Math.max(1, Math.ceil(nTrain / batchSize));
  const interval = opts.progressIntervalMs ?? 100;
  const persistence = persistenceMetrics(data);
  const result: TrainResult = {
    status: 'done',
    epochsCompleted: opts.startEpoch ?? 0,
    trainLosses: [],
    valLosses: [],
    predictions: null,
    model: null,
    persistence,
  };
  const health = () => {
    const reason = hooks.checkHealth?.() ?? null;
    if (reason) throw new Interrupted(reason);
  };
  const lost = hooks.lost;
  const race = async <T>(p: Promise<T>): Promise<T> => {
    if (!lost) {
      const v = await p;
      health();
      return v;
    }
    p.catch(() => undefined);
    const reason = await Promise.race([p.then(() => null), lost]);
    if (reason !== null) throw new Interrupted(reason);
    // A read that completed on a context lost meanwhile may hold garbage: never use it.
    health();
    return p;
  };
  const lr = config.learningRate ?? NaN;
  const early = config.patience ? new EarlyStopping(config.patience) : null;
  let firstLoss = NaN;
  const finishPredictions = async (epoch: number) => {
    const scaled = await race(predictTest(engine, data));
    const values = Float32Array.from(inverseTransform(data.scaler, scaled));
    // Never show NaN: a run whose predictions are no longer numbers has diverged.
    if (!values.every(Number.isFinite)) throw new Diverged(divergence(NaN, 0, epoch, lr) ?? '');
    result.predictions = values;
    result.model = computeMetrics(data.testActual, values);
    hooks.onPredictions?.(epoch, values, result.model);
    return scaled;
  };

  const pending: { loss: BatchLoss; size: number }[] = [];
  const targets = new Int32Array(batchSize);
  const testY = data.scaled.subarray(data.split);
  const runStart = performance.now();
  let batchesRun = 0;
  let lastProgress = -Infinity;
  try {
    for (let epoch = result.epochsCompleted; epoch < epochs; epoch++) {
      const epochStart = performance.now();
      const order = epochOrder(config.seed, epoch, nTrain);
      let lossSum = 0;
      let samplesSeen = 0;
      let lastLoss = NaN;
      const flush = async () => {
        const items = pending.splice(0);
        try {
          const values = await race(Promise.all(items.map((p) => p.loss.data())));
          items.forEach((p, i) => {
            lastLoss = values[i][0];
            if (Number.isNaN(firstLoss)) firstLoss = lastLoss;
            const diverged = divergence(lastLoss, firstLoss, epoch + 1, lr);
            if (diverged) throw new Diverged(diverged);
            lossSum += lastLoss * p.size;
            samplesSeen += p.size;
          });
        } finally {
          items.forEach((p) => p.loss.dispose());
        }
      };
      for (let b = 0; b < batches; b++) {
        health();
        const batchStart = performance.now();
        const from = b * batchSize;
        const size = Math.min(batchSize, nTrain - from);
        const xb = new Float32Array(size * t * k);
        const yb = new Float32Array(size);
        // Train window j predicts row t + j.
        for (let i = 0; i < size; i++) targets[i] = t + order[from + i];
        fillWindows(data.inputs, t, targets.subarray(0, size), xb, yb);
        hooks.onBatch?.(targets.subarray(0, size));
        const x = tf.tensor3d(xb, [size, t, k]);
        const y = tf.tensor2d(yb, [size, 1]);
        try {
          pending.push({ loss: engine.trainBatch(x, y), size });
        } finally {
          x.dispose();
          y.dispose();
        }
        batchesRun++;
        const progress = () => {
          lastProgress = performance.now();
          const epochSec = (lastProgress - epochStart) / 1000;
          const msPerBatch = (lastProgress - runStart) / batchesRun;
          const left = (epochs - epoch - 1) * batches + (batches - b - 1);
          hooks.onProgress?.({
            epoch: epoch + 1,
            epochs,
            batch: b + 1,
            batches,
            loss: lastLoss,
            samplesPerSec: epochSec > 0 ? samplesSeen / epochSec : 0,
            etaSec: (left * msPerBatch) / 1000,
          });
        };
        // The run's last batch always reports, so the per-batch loss line reaches the last epoch.
        const lastOfRun = b === batches - 1 && epoch === epochs - 1;
        const due = performance.now() - lastProgress >= interval || lastOfRun;
        if (pending.length >= READ_EVERY || b === batches - 1 || due) {
          await flush();
          if (due) progress();
        }
        await yieldToEventLoop();
        if (control.paused && lastProgress < batchStart) {
          // Paused (by Pause, or after one Step): the batch it stopped after is reported at once.
          await flush();
          progress();
        }
        await control.waitWhilePaused();
        if (control.stopped) {
          await flush();
          result.status = 'stopped';
          await finishPredictions(epoch + 1);
          return result;
        }
      }
      const scaled = await finishPredictions(epoch + 1);
      const trainLoss = samplesSeen ? lossSum / samplesSeen : NaN;
      const valLoss = lossValue(config.loss, testY, scaled);
      result.trainLosses.push(trainLoss);
      result.valLosses.push(valLoss);
      result.epochsCompleted = epoch + 1;
      if (hooks.onSnapshot) hooks.onSnapshot(epoch + 1, await readWeights(engine, race));
      const patienceOut = await early?.note(epoch + 1, valLoss, () => readWeights(engine, race));
      hooks.onEpochEnd?.({
        epoch: epoch + 1,
        epochs,
        trainLoss,
        valLoss,
        epochMs: performance.now() - epochStart,
        ...memoryNow(),
      });
      if (control.stopped) {
        result.status = 'stopped';
        return result;
      }
      if (patienceOut) break;
    }
    const restored = early?.restore(engine, result.epochsCompleted);
    if (restored) {
      result.restoredEpoch = restored;
      await finishPredictions(restored);
    }
    return result;
  } catch (e) {
    if (!(e instanceof Interrupted || e instanceof Diverged)) throw e;
    // Diverged: the last finite predictions (an earlier epoch's) stay; the run ends as stopped.
    result.status = e instanceof Diverged ? 'stopped' : 'interrupted';
    result.reason = e.message;
    return result;
  } finally {
    pending.splice(0).forEach((p) => p.loss.dispose());
  }
}
