/**
 * The benchmark itself, shared by the browser worker (bench.worker.ts) and the Node variant (node.mjs):
 * the reference configuration (4 × SimpleRNN(50), T = 40, batch 20, dropout 0.2) trained by
 * (a) stock tf.layers + model.fit and (b) the fast engine, on whatever backend is active.
 * Each measurement times a run of `batches` consecutive batches (the last loss read back, so queued GPU
 * work is finished); warm-up runs are excluded; the reported figure is the median ms per batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { REFERENCE_CONFIG, type CellType, type TrainConfig } from '../src/model/core/config';
import { createParamStore } from '../src/model/engine/fast/paramStore';
import { createFastEngine } from '../src/model/engine/fast/engine';
import { kernelsFor, opsKernels } from '../src/model/engine/fast/kernels/index';
import { lossAndGradients, weightsFromList } from '../src/model/engine/fast/stack';
import { initialWeights } from '../src/model/engine/init';
import { buildLayersModel } from '../src/model/engine/stock/network';

export type EngineKind = 'stock' | 'fast';

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

export interface BenchRow {
  backend: string;
  engine: EngineKind;
  /** Median ms per batch. */
  msPerBatch: number;
  /** msPerBatch × batches per epoch of the reference data (73 for 1,446 windows). */
  msPerEpoch: number;
  /** Every measurement, ms per batch. */
  samples: number[];
  /** Tensors the stock model left behind after dispose (a tfjs-layers leak), when any. */
  leakedTensors?: number;
}

export interface BenchData {
  /** Windows [n, T] row-major, scaled to (0, 1). */
  x: Float32Array;
  y: Float32Array;
  n: number;
}

export const CONFIG = REFERENCE_CONFIG;
export const TIMESTEPS = CONFIG.timesteps;
export const BATCH = CONFIG.batchSize;

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

export function batchesPerEpoch(data: BenchData): number {
  return Math.ceil(data.n / BATCH);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One timed run of `batches` batches; resolves to ms per batch. */
type Runner = { run(): Promise<number>; dispose(): void };

/** Stock path: one `model.fit` epoch over `batches` · 20 windows per run. */
function stockRunner(data: BenchData, batches: number, config: TrainConfig): Runner {
  const { model, optimizer } = buildLayersModel(config, TIMESTEPS);
  const weights = initialWeights(config, 1, CONFIG.seed);
  model.setWeights(weights);
  tf.dispose(weights);
  const count = batches * BATCH;
  const xs = tf.tensor3d(data.x.subarray(0, count * TIMESTEPS), [count, TIMESTEPS, 1]);
  const ys = tf.tensor2d(data.y.subarray(0, count), [count, 1]);
  return {
    async run() {
      const t0 = performance.now();
      await model.fit(xs, ys, {
        batchSize: BATCH,
        epochs: 1,
        shuffle: true,
        verbose: 0,
        yieldEvery: 'never',
      });
      return (performance.now() - t0) / batches;
    },
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
  const engine = createFastEngine(config, TIMESTEPS, weights, CONFIG.seed);
  tf.dispose(weights);
  const perEpoch = batchesPerEpoch(data);
  let next = 0;
  return {
    async run() {
      const t0 = performance.now();
      const losses: tf.Scalar[] = [];
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
      const stacked = tf.stack(losses);
      const values = await stacked.data();
      tf.dispose([stacked, ...losses]);
      if (!values.every(Number.isFinite)) throw new Error('fast engine produced a non-finite loss');
      return (performance.now() - t0) / batches;
    },
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
  const backend = tf.getBackend();
  // The fast engine must not leak: checked alone, so a leak in the stock model cannot hide one.
  if (opts.engines.includes('fast')) {
    const start = tf.memory().numTensors;
    const probe = fastRunner(data, 2, config);
    await probe.run();
    probe.dispose();
    const leaked = tf.memory().numTensors - start;
    if (leaked !== 0) throw new Error(`the fast engine leaked ${leaked} tensors on ${backend}`);
  }
  const before = tf.memory().numTensors;
  const runners = opts.engines.map((e) =>
    e === 'stock'
      ? stockRunner(data, opts.batches, config)
      : fastRunner(data, opts.batches, config),
  );
  const samples: number[][] = opts.engines.map(() => []);
  try {
    for (let r = 0; r < opts.warmup + opts.reps; r++) {
      for (let e = 0; e < runners.length; e++) {
        const ms = await runners[e].run();
        if (r >= opts.warmup) samples[e].push(ms);
      }
    }
  } finally {
    runners.forEach((r) => r.dispose());
  }
  // Anything left over now belongs to the stock model (tfjs-layers' LSTM leaks its bias initialiser).
  const leaked = tf.memory().numTensors - before;
  return opts.engines.map((engine, e) => {
    const msPerBatch = median(samples[e]);
    return {
      backend,
      engine,
      msPerBatch,
      msPerEpoch: msPerBatch * batchesPerEpoch(data),
      samples: samples[e],
      ...(engine === 'stock' && leaked !== 0 ? { leakedTensors: leaked } : {}),
    };
  });
}

/**
 * Checks this backend's specialised kernels against the plain tfjs-ops kernels (the ones the Node
 * tests compare with tf.layers) on several shapes: the reference batch, an odd batch (unpacked
 * shaders on webgl), ReLU, and dropout masks. Returns the largest deviation of the loss or any
 * gradient relative to that tensor's largest magnitude. Float32, different summation orders: ~1e-6.
 */
export function checkKernels(data: BenchData): number {
  const cases = [
    { b: 20, layers: 4, activation: 'tanh', dropout: false, units: 50 },
    { b: 20, layers: 4, activation: 'tanh', dropout: true, units: 50 },
    { b: 7, layers: 2, activation: 'relu', dropout: true, units: 50 },
    { b: 6, layers: 3, activation: 'relu', dropout: false, units: 50 },
    { b: 6, layers: 2, activation: 'tanh', dropout: true, units: 7 },
  ] as const;
  let worst = 0;
  for (const c of cases) {
    const config = { ...CONFIG, layers: c.layers, activation: c.activation, units: c.units };
    const weights = initialWeights(config, 1, CONFIG.seed);
    tf.tidy(() => {
      const x = tf.tensor3d(data.x.subarray(0, c.b * TIMESTEPS), [c.b, TIMESTEPS, 1]);
      const y = tf.tensor2d(data.y.subarray(0, c.b), [c.b, 1]);
      const w = weightsFromList(weights);
      const masks = c.dropout
        ? Array.from({ length: c.layers }, (_, l) => {
            const rows = l === c.layers - 1 ? c.b : c.b * TIMESTEPS;
            return tf.mul(
              tf.step(tf.randomUniform([rows, c.units], -0.2, 0.8, 'float32', l)),
              1.25,
            ) as tf.Tensor2D;
          })
        : null;
      const a = lossAndGradients(
        w,
        x,
        y,
        c.activation,
        CONFIG.loss,
        masks,
        kernelsFor(tf.getBackend()),
      );
      const b = lossAndGradients(w, x, y, c.activation, CONFIG.loss, masks, opsKernels);
      [a.loss, ...a.grads].forEach((t, i) => {
        const u = t.dataSync();
        const v = (i === 0 ? b.loss : b.grads[i - 1]).dataSync();
        let scale = 0;
        let diff = 0;
        for (let j = 0; j < v.length; j++) {
          scale = Math.max(scale, Math.abs(v[j]));
          diff = Math.max(diff, Math.abs(u[j] - v[j]));
        }
        worst = Math.max(worst, diff / (scale || 1));
      });
    });
    tf.dispose(weights);
  }
  return Math.max(worst, checkAdam());
}

/**
 * The two parameter stores against each other over three Adam steps: the tensor store (three custom
 * shaders on webgl, tfjs ops elsewhere) and the array store (JS loops). Largest deviation of the weight
 * change relative to the largest change; learning rate 0.05 so the change dwarfs float32 rounding.
 */
function checkAdam(): number {
  const weights = initialWeights(CONFIG, 1, CONFIG.seed);
  const shapes = weights.map((t) => t.shape);
  const stores = (['tensor', 'array'] as const).map((kind) =>
    createParamStore(shapes, weights, 0.05, kind),
  );
  for (let step = 1; step <= 3; step++) {
    const grads = weights.map((w, i) => tf.randomNormal(w.shape, 0, 1 / step, 'float32', step + i));
    for (const store of stores) tf.tidy(() => store.step(grads));
    tf.dispose(grads);
  }
  const [a, b] = stores.map((store) => store.read());
  let scale = 0;
  let diff = 0;
  weights.forEach((w, i) => {
    const w0 = w.dataSync();
    const u = a[i].dataSync();
    const v = b[i].dataSync();
    for (let j = 0; j < w0.length; j++) {
      scale = Math.max(scale, Math.abs(v[j] - w0[j]));
      diff = Math.max(diff, Math.abs(u[j] - v[j]));
    }
  });
  tf.dispose([...weights, ...a, ...b]);
  stores.forEach((store) => store.dispose());
  return diff / (scale || 1);
}

/** Where a fast-path batch spends its time on this backend (ms, median of `reps`): for tuning. */
export async function breakdown(
  data: BenchData,
  reps = 5,
): Promise<Record<string, number | string>> {
  const weights = initialWeights(CONFIG, 1, CONFIG.seed);
  const engine = createFastEngine(CONFIG, TIMESTEPS, weights, CONFIG.seed);
  const w = weightsFromList(weights);
  const x = tf.tensor3d(data.x.subarray(0, BATCH * TIMESTEPS), [BATCH, TIMESTEPS, 1]);
  const y = tf.tensor2d(data.y.subarray(0, BATCH), [BATCH, 1]);
  const time = async (f: () => tf.Tensor): Promise<number> => {
    const samples: number[] = [];
    for (let i = 0; i < reps + 1; i++) {
      const t0 = performance.now();
      const out = f();
      await out.data();
      out.dispose();
      if (i > 0) samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  const k = kernelsFor(tf.getBackend());
  const result: Record<string, number | string> = {
    forward: await time(() => engine.predict(x)),
    gradients: await time(() =>
      tf.tidy(() => {
        const r = lossAndGradients(w, x, y, CONFIG.activation, CONFIG.loss, null, k);
        return tf.addN(r.grads.map((g) => tf.sum(g)));
      }),
    ),
    trainBatch: await time(() => engine.trainBatch(x, y)),
    noop: await time(() => tf.tidy(() => tf.add(x, 1))),
  };
  const shapes = weights.map((t) => t.shape);
  const store = createParamStore(shapes, weights, 1e-3);
  result.viewsAndAdam = await time(() =>
    tf.tidy(() => {
      const views = store.views();
      store.step(views);
      return tf.addN(store.views().map((v) => tf.sum(v)));
    }),
  );
  store.dispose();
  result.masks = await time(() =>
    tf.tidy(() => {
      const masks = [800, 800, 800, 20].map((rows) => {
        const values = new Float32Array(rows * 50);
        for (let i = 0; i < values.length; i++) values[i] = Math.random() >= 0.2 ? 1.25 : 0;
        return tf.tensor2d(values, [rows, 50]);
      });
      return tf.addN(masks.map((m) => tf.sum(m)));
    }),
  );
  const profile = await tf.profile(() => engine.trainBatch(x, y).dispose());
  const counts = new Map<string, number>();
  const kernelMs = new Map<string, number>();
  for (const kr of profile.kernels) {
    counts.set(kr.name, (counts.get(kr.name) ?? 0) + 1);
    const ms = typeof kr.kernelTimeMs === 'number' ? kr.kernelTimeMs : 0;
    kernelMs.set(kr.name, (kernelMs.get(kr.name) ?? 0) + ms);
  }
  const top = [...counts].sort((p, q) => q[1] - p[1]).slice(0, 12);
  Object.assign(result, {
    kernels: profile.kernels.length,
    top: top.map(([n, c]) => `${n}×${c}`).join(' '),
    // Time inside the kernels (the backend's own timer), ms by kernel name: the rest is dispatch.
    topMs: [...kernelMs]
      .sort((p, q) => q[1] - p[1])
      .slice(0, 6)
      .map(([n, ms]) => `${n} ${ms.toFixed(2)}`)
      .join(', '),
  });
  engine.dispose();
  tf.dispose([...weights, x, y]);
  return result;
}
