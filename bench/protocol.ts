/**
 * The messages between the bench page (main.ts), its worker (bench.worker.ts) and the drivers that
 * read the page's result (browser.mjs, e2e/kernels.spec.ts). Plain data, no imports: a Node-side
 * test can import these types without pulling in tfjs.
 */

/** The two engines the bench times. */
export type EngineKind = 'stock' | 'fast';

/** What the page asks the worker for (from its query string). */
export interface BenchRequest {
  backends: string[];
  batches: number;
  reps: number;
  warmup: number;
  engines: EngineKind[];
  /** tf.env() flags to set before measuring, e.g. {"WEBGL_PACK": false}. */
  flags: Record<string, boolean | number>;
  /** Recurrent cell to benchmark (default SimpleRNN, the reference). */
  cell?: 'simpleRNN' | 'lstm' | 'gru';
  /** Also time the fast path's parts (forward, gradients, whole step). */
  breakdown: boolean;
  /** Only set up each backend and run the kernel checks (checks.ts); measure nothing. */
  checkOnly: boolean;
}

/** One engine's timing on one backend. */
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
  /**
   * GPU commands per batch where counted (webgpu: the engine's dispatches; webgl: draw calls of the
   * WebGL context, for `model.fit` and the fast engine alike); src/model/core/run.ts CommandCounts.
   */
  commands?: {
    kind: string;
    perBatch: number;
    submits: number;
    uploads: number;
    readbacks: number;
  };
}

/** The inspector's time on one backend (bench/core.ts benchInspect). */
/** One backend's recursive forecast timing (bench/core.ts benchForecast). */
export interface ForecastRow {
  backend: string;
  cell: string;
  /** Steps forecast and Monte Carlo samples per step (one batch). */
  steps: number;
  mcSamples: number;
  /** Median ms per forecast, read-back included, and every timed call's ms. */
  ms: number;
  timings: number[];
}

export interface InspectRow {
  backend: string;
  cell: string;
  /** Windows in the gradient-flow batch. */
  batch: number;
  /** Median ms per `inspectNetwork` call, read-back included. */
  ms: number;
  samples: number[];
}

/** Where the checks ran: what the worker found about itself and its backend. */
export interface BackendReport {
  /** `tf.getBackend()` once set up. */
  backend: string;
  /** True in a worker global scope (no `document`). */
  inWorker: boolean;
  /** webgl only: tfjs's WEBGL_VERSION, the (unmasked) renderer, whether the canvas is offscreen. */
  webgl?: { version: number; renderer: string; offscreen: boolean };
}

/**
 * Largest relative deviations found by checks.ts on one backend: each is |a − b| over the largest
 * |b| of that tensor (for Adam: of the weight change), maximised over every tensor and case.
 */
export interface CheckReport extends BackendReport {
  /** The backend's fast kernels vs the plain tfjs-ops kernels: loss and every gradient. */
  kernels: number;
  /** The tensor parameter store vs the array store over three Adam steps. */
  adam: number;
  /** webgl only: the GLSL forms of the activation table vs its JS forms. */
  activations?: number;
  /** webgl only: the whole-batch SimpleRNN path's loss and gradients vs tfjs ops (batchChecks.ts). */
  wholeBatch?: number;
  /** webgl only: its one-draw Adam on the packed state vs the array store, three steps (as adam). */
  wholeBatchAdam?: number;
  /** webgl only: the fast engine's draws per batch on tiny configurations (batchChecks.ts). */
  draws?: DrawCount[];
  /** webgl only: the whole-batch LSTM path's loss and gradients vs tfjs ops (batchLstm.ts). */
  wholeBatchLstm?: number;
  /** webgl only: its one-draw Adam vs the array store, three steps. */
  wholeBatchLstmAdam?: number;
  /** webgl only: the fast engine's LSTM draws per batch on the tiny configurations. */
  drawsLstm?: DrawCount[];
  /** webgl only: the whole-batch GRU path's loss and gradients vs tfjs ops (batchGru.ts). */
  wholeBatchGru?: number;
  /** webgl only: its one-draw Adam vs the array store, three steps. */
  wholeBatchGruAdam?: number;
  /** webgl only: the fast engine's GRU draws per batch on the tiny configurations. */
  drawsGru?: DrawCount[];
  /** How long the checks took, ms. */
  ms: number;
}

/** One tiny configuration's WebGL draws per training batch (its second and third batch). */
export interface DrawCount {
  timesteps: number;
  layers: number;
  units: number;
  inputs: number;
  dropout: number;
  b: number;
  draws: number[];
}

/** What the worker reports at the end. */
export interface BenchResult {
  rows: BenchRow[];
  checks: CheckReport[];
  /** The inspector's times (Node runs only, for now). */
  inspect?: InspectRow[];
  forecast?: ForecastRow[];
  batchesPerEpoch: number;
  windows: number;
  env: string;
  /** FLOPs of one training batch, products only (bench/flops.ts). */
  flopsPerBatch?: number;
  /** bench/keras_seed.py's figure (with --keras), or why there is none. */
  keras?: {
    msPerBatch?: number;
    threads?: number;
    keras?: string;
    tensorflow?: string;
    reason?: string;
  };
  /** The SIMD product's GFLOP/s on one core on a 256³ product: this machine's ceiling for cpu/wasm. */
  peakGflops?: number | null;
}

/** What the worker posts: log lines, then one result or one error. */
export type BenchReply =
  | { type: 'log'; text: string }
  | { type: 'done'; result: BenchResult }
  | { type: 'error'; message: string };

/** The WebGPU engine's checks (bench/webgpuCheck.ts, e2e/webgpu.spec.ts). */
/** One case's largest deviations (relative to each tensor's largest reference value, unless said). */
export interface WebgpuCaseReport {
  name: string;
  /** The first batch's loss (same weights, same masks). */
  loss: number;
  /** The second and third batches' losses (after one and two Adam steps on each side). */
  laterLoss: number;
  grads: number;
  /** GPU predictions against the fast path's on the host, same weights. */
  predict: number;
  /** Largest absolute weight difference after the three steps, and the learning rate. */
  weights: number;
  learningRate: number;
  /** Mask elements that differ from masks.ts's (must be 0), of `maskElements`. */
  maskMismatches: number;
  maskElements: number;
  /** The engine's commands per batch (src/model/engine/contract.ts CommandCounts). */
  commands: { kind: string; perBatch: number; submits: number; uploads: number; readbacks: number };
}
