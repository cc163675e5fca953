/**
 * The page's handle on the training worker (no tfjs here: it loads only in the worker). Creates the
 * worker lazily, once; drops messages of runs that are no longer current; turns a worker crash into a
 * readable `error` message and starts a fresh worker (replaying init and load) on the next command.
 */
import type { BackendSetting, TrainConfig } from '../../model/core/config';
import type { RowSource } from '../../model/core/rowSource';
import type { FromWorker, ToWorker } from './protocol';
import type { TestHookMessage } from './testHooks';

export interface TrainerClient {
  init(backend: BackendSetting): void;
  /**
   * Starts a new run on `series` (the target column; copied into the worker, not detached: the
   * client keeps a reference to replay it into a fresh worker after a crash) and `inputs`, the
   * columns of `config.inputColumns` in that order (copied the same way). Returns its runId.
   */
  load(
    series: Float64Array,
    config: TrainConfig,
    inputs?: Float64Array[],
    times?: Float64Array | null,
  ): number;
  /** Starts the loaded run; with `step`, it takes one batch and waits paused. */
  start(step?: boolean): void;
  pause(): void;
  /** While paused: one more batch. */
  step(): void;
  /** Asks for an `inspection` (or `inspectFailed`) of test window `index` with `layer`'s weights. */
  inspect(requestId: number, index: number, layer: number): void;
  /** Asks for a `forecasted` (or `forecastFailed`) answer: `steps` past the last row. */
  forecast(requestId: number, steps: number): void;
  resume(): void;
  stop(): void;
  reset(): void;
  /**
   * TensorFlow.js artifacts of the current model: model.json text (its metadata naming `rows`,
   * the file's time axis and series) and model.weights.bin.
   */
  exportModel(rows?: RowSource): Promise<{ modelJson: string; weights: ArrayBuffer }>;
  subscribe(listener: (msg: FromWorker) => void): () => void;
  currentRunId(): number;
}

/** Messages about the worker itself (its backend), delivered whatever run they were posted in. */
const WORKER_LEVEL = new Set<FromWorker['type']>(['ready', 'backendChanged']);

/**
 * In a test build (testHooks.ts), browser tests open the page with `?testHooks` to get
 * `globalThis.__trainerTestHooks` (the delivered messages, loseContext(), crash()). Read at module
 * load, before the app rewrites its URL.
 */
const TEST_HOOKS =
  __TEST_HOOKS__ &&
  typeof location !== 'undefined' &&
  new URLSearchParams(location.search).has('testHooks');

/** Worker factory; tests may pass their own. */
export type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'trainer' });

/** Creates the client; the worker itself starts on the first command. */
export function createTrainerClient(factory: WorkerFactory = defaultFactory): TrainerClient {
  let worker: Worker | null = null;
  let runId = 0;
  let lastBackend: BackendSetting | null = null;
  /** The last load, replayed into a fresh worker after a crash. */
  let lastLoad: Omit<Extract<ToWorker, { type: 'load' }>, 'type' | 'runId'> | null = null;
  const listeners = new Set<(msg: FromWorker) => void>();
  let pendingExport: {
    resolve: (v: { modelJson: string; weights: ArrayBuffer }) => void;
    reject: (e: Error) => void;
  } | null = null;

  const emit = (msg: FromWorker) => listeners.forEach((l) => l(msg));

  const crash = (detail: string) => {
    worker?.terminate();
    worker = null;
    const message = `The training worker stopped unexpectedly (${detail}). Press Train to start again.`;
    pendingExport?.reject(new Error(message));
    pendingExport = null;
    emit({ type: 'error', runId, message });
  };

  const spawn = (): Worker => {
    const w = factory();
    w.addEventListener('message', (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.runId !== runId && !WORKER_LEVEL.has(msg.type)) return;
      if (msg.type === 'model') {
        pendingExport?.resolve({ modelJson: msg.modelJson, weights: msg.weights });
        pendingExport = null;
      } else if (msg.type === 'error' && pendingExport) {
        pendingExport.reject(new Error(msg.message));
        pendingExport = null;
      }
      emit(msg);
    });
    w.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      crash(e.message || 'script error');
    });
    w.addEventListener('messageerror', () => crash('a message could not be read'));
    return w;
  };

  const postLoad = (w: Worker, load: Omit<Extract<ToWorker, { type: 'load' }>, 'type' | 'runId'>) =>
    w.postMessage({ type: 'load', runId, ...load } satisfies ToWorker);

  /** The live worker; a fresh one first gets the last init (and, with `replayLoad`, the last load). */
  const live = (replayLoad = true): Worker => {
    if (worker) return worker;
    worker = spawn();
    if (lastBackend)
      worker.postMessage({ type: 'init', runId, backend: lastBackend } satisfies ToWorker);
    if (replayLoad && lastLoad) postLoad(worker, lastLoad);
    return worker;
  };

  const send = (msg: ToWorker | TestHookMessage) => live().postMessage(msg);

  if (TEST_HOOKS) {
    // Every delivered message, so a browser test can assert which events arrived.
    const events: FromWorker[] = [];
    listeners.add((m) => events.push(m));
    (globalThis as { __trainerTestHooks?: unknown }).__trainerTestHooks = {
      loseContext: () => send({ type: 'testHook', hook: 'loseContext' }),
      crash: () => send({ type: 'testHook', hook: 'crash' }),
      events,
    };
  }

  return {
    init(backend) {
      lastBackend = backend;
      if (worker) send({ type: 'init', runId, backend });
      // A fresh worker gets the init first thing; a load is expected next, so none is replayed.
      else live(false);
    },
    load(series, config, inputs, times = null) {
      runId++;
      lastLoad = { series, config, inputs, times };
      postLoad(live(false), lastLoad);
      return runId;
    },
    start: (step = false) => send({ type: 'start', runId, step }),
    pause: () => send({ type: 'pause', runId }),
    step: () => send({ type: 'step', runId }),
    inspect: (requestId, index, layer) => send({ type: 'inspect', runId, requestId, index, layer }),
    forecast: (requestId, steps) => send({ type: 'forecast', runId, requestId, steps }),
    resume: () => send({ type: 'resume', runId }),
    stop: () => send({ type: 'stop', runId }),
    reset() {
      lastLoad = null;
      send({ type: 'reset', runId });
    },
    exportModel(rows) {
      pendingExport?.reject(new Error('A newer export replaced this one.'));
      return new Promise((resolve, reject) => {
        pendingExport = { resolve, reject };
        send({ type: 'exportModel', runId, rows });
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    currentRunId: () => runId,
  };
}
