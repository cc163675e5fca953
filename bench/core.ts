/**
 * The benchmark itself, shared by the browser worker (bench.worker.ts) and the Node variant (node.mjs):
 * the reference configuration (4 × SimpleRNN(50), T = 40, batch 20, dropout 0.2) trained by
 * (a) stock tf.layers + model.fit and (b) the fast engine, on whatever backend is active.
 * Each measurement times a run of `batches` consecutive batches (the last loss read back, so queued GPU
 * work is finished); warm-up runs are excluded; the reported figure is the median ms per batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type CellType, type TrainConfig } from '../src/model/core/config';
import { REFERENCE_CONFIG } from '../src/model/core/presets';
import { createFastEngine } from '../src/model/engine/fast/engine';
import type { BatchLoss, CommandCounts } from '../src/model/engine/contract';
import { initialWeights } from '../src/model/engine/init';
import { forecastScaled } from '../src/model/engine/forecast';
import { inspectNetwork } from '../src/model/engine/inspect';
import { buildLayersModel } from '../src/model/engine/stock/network';
import { benchBackend, benchFastEngine, fitCounter, readLosses } from './commands';
import type { StackShape } from './flops';
import type { BenchRow, EngineKind, ForecastRow, InspectRow } from './protocol';

/** How to measure (see run.mjs for the command-line flags). */
export interface BenchOptions {
  /** Batches per measurement. */
  batches: number;
  /** Measurements per engine (median reported). */
  reps: number;
  /** Untimed warm-up measurements per engine. */
  warmup: number;
  engines: EngineKind[];
  /** Recurrent cell (default the reference's SimpleRNN). */
  cell?: CellType;
}

/** The reference training windows. */
export interface BenchData {
  /** Windows [n, T] row-major, scaled to (0, 1). */
  x: Float32Array;
  /** The next value after each window, [n]. */
  y: Float32Array;
  /** Number of windows. */
  n: number;
}

/** The reference notebook's configuration, its timesteps (40) and batch size (20). */
export const CONFIG = REFERENCE_CONFIG;
export const TIMESTEPS = CONFIG.timesteps;
export const BATCH = CONFIG.batchSize;

/** The benchmarked stack's shape (bench/flops.ts), with `cell` in place of SimpleRNN if given. */
export function stackShape(cell?: CellType): StackShape {
  return {
    cell: cell ?? CONFIG.cell,
    layers: CONFIG.layers,
    units: CONFIG.units,
    timesteps: TIMESTEPS,
    batch: BATCH,
    inputs: 1,
  };
}

/**
 * Training windows of the reference notebook from a Date,Open,… CSV: first 80 % of rows, Open column,
 * min-max scaled on that part, windows of 40 → next value (1,446 windows for public/samples/sp500.csv).
 */
export function windowsFromCsv(text: string): BenchData {
  const rows = text.trim().split(/\r?\n/);
  const col = rows[0].split(',').indexOf('Open');
  const values = rows.slice(1).map((r) => Number(r.split(',')[col >= 0 ? col : 1]));
  const train = values.slice(0, Math.floor(0.8 * values.length));
  const lo = Math.min(...train);
  const span = Math.max(...train) - lo || 1;
  const scaled = train.map((v) => (v - lo) / span);
  const n = scaled.length - TIMESTEPS;
  const x = new Float32Array(n * TIMESTEPS);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < TIMESTEPS; t++) x[i * TIMESTEPS + t] = scaled[i + t];
    y[i] = scaled[i + TIMESTEPS];
  }
  return { x, y, n };
}

/** Batches of BATCH windows per epoch (the last one partial). */
export function batchesPerEpoch(data: BenchData): number {
  return Math.ceil(data.n / BATCH);
}

/** The median of `xs` (not empty). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One timed run of `batches` batches; resolves to ms per batch. */
type Runner = { run(): Promise<number>; dispose(): void; commands(): CommandCounts | undefined };

/** Stock path: one `model.fit` epoch over `batches` · 20 windows per run. */
function stockRunner(data: BenchData, batches: number, config: TrainConfig): Runner {
  const { model, optimizer } = buildLayersModel(config, TIMESTEPS);
  const weights = initialWeights(config, 1, CONFIG.seed);
  model.setWeights(weights);
  tf.dispose(weights);
  const count = batches * BATCH;
  const xs = tf.tensor3d(data.x.subarray(0, count * TIMESTEPS), [count, TIMESTEPS, 1]);
  const ys = tf.tensor2d(data.y.subarray(0, count), [count, 1]);
  const counter = fitCounter();
  return {
    async run() {
      const t0 = performance.now();
      await counter.around(batches, () =>
        model.fit(xs, ys, {
          batchSize: BATCH,
          epochs: 1,
          shuffle: true,
          verbose: 0,
          yieldEvery: 'never',
        }),
      );
      return (performance.now() - t0) / batches;
    },
    commands: () => counter.counts(),
    dispose() {
      tf.dispose([xs, ys]);
      model.dispose();
      optimizer.dispose();
    },
  };
}

/** Fast path: `batches` trainBatch calls per run, batches built from typed arrays as the trainer does. */
function fastRunner(data: BenchData, batches: number, config: TrainConfig): Runner {
  const weights = initialWeights(config, 1, CONFIG.seed);
  const engine = benchFastEngine(config, TIMESTEPS, weights, CONFIG.seed);
  tf.dispose(weights);
  const perEpoch = batchesPerEpoch(data);
  let next = 0;
  return {
    async run() {
      const t0 = performance.now();
      const losses: BatchLoss[] = [];
      for (let i = 0; i < batches; i++) {
        const start = (next++ % (perEpoch - 1)) * BATCH;
        const x = tf.tensor3d(data.x.subarray(start * TIMESTEPS, (start + BATCH) * TIMESTEPS), [
          BATCH,
          TIMESTEPS,
          1,
        ]);
        const y = tf.tensor2d(data.y.subarray(start, start + BATCH), [BATCH, 1]);
        losses.push(engine.trainBatch(x, y));
        tf.dispose([x, y]);
      }
      const values = await readLosses(losses);
      if (!values.every(Number.isFinite)) throw new Error('fast engine produced a non-finite loss');
      return (performance.now() - t0) / batches;
    },
    commands: () => engine.commands?.(),
    dispose() {
      engine.dispose();
    },
  };
}

/**
 * Runs the requested engines on the active backend. Measurements alternate between the engines
 * (stock, fast, stock, fast, …) so that load from other processes hits both alike.
 */
export async function benchActiveBackend(data: BenchData, opts: BenchOptions): Promise<BenchRow[]> {
  const config: TrainConfig = { ...CONFIG, cell: opts.cell ?? CONFIG.cell };
  const backend = benchBackend();
  // tfjs has no webgpu backend here: the stock model has nothing to run on there.
  const engines = backend === 'webgpu' ? opts.engines.filter((e) => e === 'fast') : opts.engines;
  // The fast engine must not leak: checked alone, so a leak in the stock model cannot hide one.
  if (engines.includes('fast')) {
    const start = tf.memory().numTensors;
    const probe = fastRunner(data, 2, config);
    await probe.run();
    probe.dispose();
    const leaked = tf.memory().numTensors - start;
    if (leaked !== 0) throw new Error(`the fast engine leaked ${leaked} tensors on ${backend}`);
  }
  const before = tf.memory().numTensors;
  const runners = engines.map((e) =>
    e === 'stock'
      ? stockRunner(data, opts.batches, config)
      : fastRunner(data, opts.batches, config),
  );
  const samples: number[][] = engines.map(() => []);
  let commands: (CommandCounts | undefined)[] = [];
  try {
    for (let r = 0; r < opts.warmup + opts.reps; r++) {
      for (let e = 0; e < runners.length; e++) {
        const ms = await runners[e].run();
        if (r >= opts.warmup) samples[e].push(ms);
      }
    }
    commands = runners.map((r) => r.commands());
  } finally {
    runners.forEach((r) => r.dispose());
  }
  // Anything left over now belongs to the stock model (tfjs-layers' LSTM leaks its bias initialiser).
  const leaked = tf.memory().numTensors - before;
  return engines.map((engine, e) => {
    const msPerBatch = median(samples[e]);
    return {
      backend,
      engine,
      msPerBatch,
      msPerEpoch: msPerBatch * batchesPerEpoch(data),
      samples: samples[e],
      ...(commands[e] ? { commands: commands[e] } : {}),
      ...(engine === 'stock' && leaked !== 0 ? { leakedTensors: leaked } : {}),
    };
  });
}

/** Windows in the inspector's gradient-flow batch for {@link benchInspect}: the reference batch, as the app uses. */
export const INSPECT_BATCH = CONFIG.batchSize;

/**
 * Times `inspectNetwork` (src/model/engine/inspect.ts) on the active backend: the reference network
 * (`cell` in place of SimpleRNN if given) as the fast engine at its initial weights, the first window,
 * a gradient batch of the next INSPECT_BATCH windows, layer 0; one untimed call, then the median of
 * `reps` calls, each including its read-back.
 */
export async function benchInspect(
  data: BenchData,
  opts: { reps: number; cell?: CellType },
): Promise<InspectRow> {
  const config: TrainConfig = { ...CONFIG, cell: opts.cell ?? CONFIG.cell };
  const weights = initialWeights(config, 1, CONFIG.seed);
  const engine = createFastEngine(config, TIMESTEPS, weights, CONFIG.seed);
  tf.dispose(weights);
  const input = {
    window: data.x.subarray(0, TIMESTEPS),
    batchX: data.x.subarray(TIMESTEPS, (1 + INSPECT_BATCH) * TIMESTEPS),
    batchY: data.y.subarray(1, 1 + INSPECT_BATCH),
    layer: 0,
  };
  const samples: number[] = [];
  try {
    for (let r = 0; r <= opts.reps; r++) {
      const t0 = performance.now();
      await inspectNetwork(engine, config, TIMESTEPS, input);
      if (r > 0) samples.push(performance.now() - t0);
    }
  } finally {
    engine.dispose();
  }
  return {
    backend: tf.getBackend(),
    cell: config.cell,
    batch: INSPECT_BATCH,
    ms: median(samples),
    samples,
  };
}

/** The forecast's horizon and Monte Carlo samples for {@link benchForecast}: the control's maximum. */
export const FORECAST_STEPS = 365;
export const FORECAST_SAMPLES = 30;

/**
 * Times `forecastScaled` (src/model/engine/forecast.ts) on the active backend: the reference network
 * (dropout 0.2) as the fast engine at its initial weights, FORECAST_STEPS steps past the first window
 * with FORECAST_SAMPLES Monte Carlo samples (one batch per step); one untimed call, then the median
 * of `reps` calls, each including its read-back.
 */
export async function benchForecast(
  data: BenchData,
  opts: { reps: number; cell?: CellType },
): Promise<ForecastRow> {
  const config: TrainConfig = { ...CONFIG, cell: opts.cell ?? CONFIG.cell };
  const weights = initialWeights(config, 1, CONFIG.seed);
  const engine = createFastEngine(config, TIMESTEPS, weights, CONFIG.seed);
  tf.dispose(weights);
  const window = data.x.slice(0, TIMESTEPS);
  const run = { steps: FORECAST_STEPS, samples: FORECAST_SAMPLES, seed: CONFIG.seed };
  const timings: number[] = [];
  try {
    for (let r = 0; r <= opts.reps; r++) {
      const t0 = performance.now();
      await forecastScaled(engine, config, window, run);
      if (r > 0) timings.push(performance.now() - t0);
    }
  } finally {
    engine.dispose();
  }
  const { backend, steps, samples } = { backend: tf.getBackend(), ...run };
  return { backend, cell: config.cell, steps, mcSamples: samples, ms: median(timings), timings };
}
