/**
 * Training actions and the wiring from the trainer worker into the store.
 * Worker messages are queued and applied in one store update at most every FLUSH_MS, so a fast
 * run can never flood React with renders.
 */
import { DataError } from '../model/core/errors';
import { predictionsCsv } from '../model/core/metrics';
import { splitIndex } from '../model/data/prep';
import { prepareInWorker } from '../workers/parse/client';
import type { TrainConfig } from '../model/core/config';
import type { PreparedData } from '../model/core/types';
import type { FromWorker } from '../workers/trainer/protocol';
import { createTrainerClient, type TrainerClient } from '../workers/trainer/client';
import { nextPreviousRun } from './previousRun';
import { initialRun, isBusy, reduceRun, type RunSlice } from './runState';
import { resolvedTarget, showError, useStore, type State } from './store';

/** Longest a worker message waits before the page shows it (≤ 10 renders a second). */
const FLUSH_MS = 100;

let client: TrainerClient | null = null;
/** The run whose messages the page shows; null after Reset, so late messages cannot refill charts. */
let shownRun: number | null = null;
let queue: FromWorker[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

function runSlice(s: State): RunSlice {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(initialRun)) out[k] = s[k as keyof RunSlice];
  return out as unknown as RunSlice;
}

function flush(): void {
  flushTimer = null;
  const msgs = queue;
  queue = [];
  if (msgs.length === 0) return;
  useStore.setState((s) => {
    let run = runSlice(s);
    for (const m of msgs) run = reduceRun(run, m, s.config.backend);
    const errors = run.error && !s.errors.includes(run.error) ? [...s.errors, run.error] : s.errors;
    // A backend change the user did not ask for (fallback, lost WebGL context) is worth a visible notice.
    const note = run.backendNote && run.backendNote !== s.backendNote ? run.backendNote : null;
    const notices = note && !s.notices.includes(note) ? [...s.notices, note] : s.notices;
    return { ...run, errors, notices };
  });
}

function onMessage(msg: FromWorker): void {
  // Messages of an older or reset run are dropped; backend news concerns every run.
  const global = msg.type === 'ready' || msg.type === 'backendChanged';
  if (!global && msg.runId !== shownRun) return;
  queue.push(msg);
  flushTimer ??= setTimeout(flush, FLUSH_MS);
}

function getClient(): TrainerClient {
  if (!client) {
    client = createTrainerClient();
    client.subscribe(onMessage);
  }
  return client;
}

/** True while the parse worker builds the windows for a Train click (a second click waits). */
let preparing = false;

/** Prepares the windows in the parse worker and starts a run in the trainer worker. Errors go to the alert region. */
export function train(): void {
  const s = useStore.getState();
  if (!s.dataset || isBusy(s.status) || preparing) return;
  const invalid = Object.values(s.fieldErrors);
  if (invalid.length > 0) {
    showError(`Fix the settings first: ${invalid.join(' ')}`);
    return;
  }
  const target = resolvedTarget(s);
  const config = { ...s.config, targetColumn: target };
  const dataset = s.dataset;
  preparing = true;
  prepareInWorker(dataset, config)
    .then((data) => {
      preparing = false;
      // The dataset changed while the windows were built: they belong to the old one.
      if (useStore.getState().dataset !== dataset) return;
      startRun(data, config, dataset.rowCount, target);
    })
    .catch((e: unknown) => {
      preparing = false;
      showError(e instanceof DataError ? e.message : `Could not prepare the data: ${String(e)}`);
    });
}

function startRun(data: PreparedData, config: TrainConfig, rowCount: number, target: string): void {
  const s = useStore.getState();
  // Copies: `load` transfers the prepared arrays to the worker, detaching them here.
  const test = {
    offset: splitIndex(rowCount, config.trainSplit),
    nTest: data.nTest,
    nTrainWindows: data.nTrain,
    actual: data.testActual.slice(),
    previous: data.testPrevious.slice(),
    dates: data.testDates,
    interpolated: data.interpolated,
    target,
  };
  queue = [];
  const c = getClient();
  useStore.setState({
    ...initialRun,
    // Kept before the run's results are cleared, so the new run can be compared with it.
    previousRun: nextPreviousRun(s, s.previousRun, config),
    runConfig: config,
    backend: s.backend,
    backendNote: null,
    status: 'compiling',
    test,
    errors: [],
  });
  c.init(config.backend);
  // The trainer never reads the dates; leaving them out spares the page cloning them.
  const runId = c.load({ ...data, testDates: null }, config);
  shownRun = runId;
  c.start();
  useStore.setState({ runId });
}

export function pause(): void {
  client?.pause();
}

export function resume(): void {
  client?.resume();
}

export function stop(): void {
  client?.stop();
}

/**
 * Stops any run, frees the worker's model and clears the results and the kept previous run
 * (dataset and settings stay).
 */
export function resetRun(): void {
  client?.reset();
  shownRun = null;
  queue = [];
  useStore.setState((s) => ({ ...initialRun, backend: s.backend, test: null, previousRun: null }));
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves `predictions.csv`: date (when known), actual and predicted test values in original units. */
export function downloadPredictions(): void {
  const { test, predictions } = useStore.getState();
  if (!test || !predictions) return;
  const csv = predictionsCsv(test.dates, test.actual, predictions);
  saveBlob(new Blob([csv], { type: 'text/csv' }), 'predictions.csv');
}

/** Saves the trained model as TensorFlow.js artifacts: `model.json` and `model.weights.bin`. */
export async function downloadModel(): Promise<void> {
  if (!client) return;
  try {
    const { modelJson, weights } = await client.exportModel();
    // The two files must name each other: point the manifest at the file name we save.
    const json = JSON.parse(modelJson) as { weightsManifest?: { paths: string[] }[] };
    if (json.weightsManifest?.length === 1) json.weightsManifest[0].paths = ['model.weights.bin'];
    saveBlob(new Blob([JSON.stringify(json)], { type: 'application/json' }), 'model.json');
    saveBlob(new Blob([weights], { type: 'application/octet-stream' }), 'model.weights.bin');
  } catch (e) {
    showError(`Could not export the model: ${e instanceof Error ? e.message : String(e)}`);
  }
}
