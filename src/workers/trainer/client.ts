/**
 * The page's handle on the training worker (no tfjs here: it loads only in the worker). Creates the
 * worker lazily, once; drops messages of runs that are no longer current; turns a worker crash into a
 * readable `error` message and starts a fresh worker (replaying init and load) on the next command.
 * A worker that stops answering is treated the same way: every request that expects an answer is
 * watched (../watchdog.ts), and silence past the deadline becomes an `error` naming the request.
 */
import type { BackendSetting, TrainConfig } from '../../model/core/config';
import type { RowSource } from '../../model/core/rowSource';
import { createWatchdog, type OpenRequest } from '../watchdog';
import { isWorkerLevel, type FromWorker, type ToWorker } from './protocol';
import { spawnWorker } from '../spawn';
import type { TestHookMessage } from './testHooks';
import workerUrl from './worker.ts?worker&url';

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
    datasetId?: number,
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

/**
 * How long the worker may stay silent while a request is open. Generous: the longest silent stretch
 * is a first WebGL shader compile in software, tens of seconds; training itself reports ~10×/s.
 */
export const ANSWER_TIMEOUT_MS = 120_000;
/** How long a fresh worker may take to load its code and say `alive`. */
export const START_TIMEOUT_MS = 60_000;

/** Testing knobs: the worker factory and the deadlines. */
export interface ClientOptions {
  answerTimeoutMs?: number;
  startTimeoutMs?: number;
}

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

/** Started from a blob script so that it runs under the page's policy on any host (../spawn.ts). */
const defaultFactory: WorkerFactory = () => spawnWorker(workerUrl, 'trainer');

/** Creates the client; the worker itself starts on the first command. */
export function createTrainerClient(
  factory: WorkerFactory = defaultFactory,
  { answerTimeoutMs = ANSWER_TIMEOUT_MS, startTimeoutMs = START_TIMEOUT_MS }: ClientOptions = {},
): TrainerClient {
  let worker: Worker | null = null;
  let runId = 0;
  /** The dataset of the last load; answers of another dataset are dropped. */
  let datasetId = 0;
  let lastBackend: BackendSetting | null = null;
  /** The last load, replayed into a fresh worker after a crash. */
  let lastLoad: Omit<Extract<ToWorker, { type: 'load' }>, 'type' | 'runId'> | null = null;
  /** Open inspect and forecast requests, answered with a failure when the worker dies. */
  const openAsks = new Map<string, FromWorker>();
  const listeners = new Set<(msg: FromWorker) => void>();
  let pendingExport: {
    resolve: (v: { modelJson: string; weights: ArrayBuffer }) => void;
    reject: (e: Error) => void;
  } | null = null;

  const emit = (msg: FromWorker) => listeners.forEach((l) => l(msg));

  /** The worker is gone: every open request fails with `message`, the next command starts a fresh one. */
  const fail = (message: string) => {
    worker?.terminate();
    worker = null;
    watchdog.clear();
    pendingExport?.reject(new Error(message));
    pendingExport = null;
    for (const failed of openAsks.values()) emit(failed);
    openAsks.clear();
    emit({ type: 'error', runId, datasetId, message });
  };
  const crash = (detail: string) =>
    fail(`The training worker stopped unexpectedly (${detail}). Press Train to start again.`);
  const hang = (open: OpenRequest[]) => {
    const ms = open.some((r) => r.key === 'alive') ? startTimeoutMs : answerTimeoutMs;
    const what = open.map((r) => r.what).join(', nor ');
    fail(
      `The training worker did not answer ${what} within ${Math.round(ms / 1000)} s, so it was stopped. Press Train to start a fresh one; if this happens again, reload the page.`,
    );
  };
  const watchdog = createWatchdog(answerTimeoutMs, hang);

  /** Closes the requests `msg` answers (after the stale-run filter: an old run answers nothing). */
  const close = (msg: FromWorker) => {
    switch (msg.type) {
      case 'ready':
        return watchdog.answered('init');
      case 'loaded':
        return watchdog.answered('load');
      case 'state':
        // Load reports compiling and idle on its way; start answers with the run's first state.
        return msg.state === 'compiling' || msg.state === 'idle'
          ? undefined
          : watchdog.answered('start');
      case 'model':
        return watchdog.answered('export');
      case 'error':
        return watchdog.answered('init', 'load', 'start', 'export');
      case 'inspection':
      case 'inspectFailed':
      case 'forecasted':
      case 'forecastFailed': {
        const key = `${msg.type.startsWith('inspect') ? 'inspect' : 'forecast'}:${msg.requestId}`;
        openAsks.delete(key);
        return watchdog.answered(key);
      }
    }
  };

  const spawn = (): Worker => {
    const w = factory();
    w.addEventListener('message', (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      // Any message shows the worker is alive, even one of an older run.
      watchdog.alive();
      if (msg.type === 'alive') return watchdog.answered('alive');
      const stale = msg.runId !== runId || msg.datasetId !== datasetId;
      if (stale && !isWorkerLevel(msg)) return;
      close(msg);
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
    watchdog.expect('alive', 'after it was started (its code may not have loaded)', startTimeoutMs);
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

  /** Requests that must be answered, in words for the alert when they are not. */
  const ASKS = {
    init: 'the request to start its backend',
    load: 'the request to prepare the run',
    start: 'the request to start training',
    export: 'the request for the trained model',
  };
  const ask = (key: keyof typeof ASKS) => watchdog.expect(key, ASKS[key]);

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
      ask('init');
    },
    load(series, config, inputs, times = null, dataset = 0) {
      runId++;
      datasetId = dataset;
      lastLoad = { datasetId, series, config, inputs, times };
      postLoad(live(false), lastLoad);
      ask('load');
      return runId;
    },
    start(step = false) {
      send({ type: 'start', runId, step });
      ask('start');
    },
    pause: () => send({ type: 'pause', runId }),
    step: () => send({ type: 'step', runId }),
    inspect(requestId, index, layer) {
      send({ type: 'inspect', runId, requestId, index, layer });
      const message =
        'The training worker did not answer; the view will update after the next Train.';
      openAsks.set(`inspect:${requestId}`, {
        type: 'inspectFailed',
        runId,
        datasetId,
        requestId,
        message,
      });
      watchdog.expect(`inspect:${requestId}`, 'the request to look inside the network');
    },
    forecast(requestId, steps) {
      send({ type: 'forecast', runId, requestId, steps });
      const message = 'The training worker did not answer; train again to forecast.';
      openAsks.set(`forecast:${requestId}`, {
        type: 'forecastFailed',
        runId,
        datasetId,
        requestId,
        message,
      });
      watchdog.expect(`forecast:${requestId}`, 'the forecast request');
    },
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
        ask('export');
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    currentRunId: () => runId,
  };
}
