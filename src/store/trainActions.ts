/**
 * Training actions and the wiring from the trainer worker into the store.
 * Worker messages are queued and applied in one store update at most every FLUSH_MS, so a fast
 * run can never flood React with renders.
 */
import { DataError } from '../model/core/errors';
import { predictionsCsv } from '../model/core/metrics';
import { isoDates } from '../model/data/dates';
import { extraInputColumns } from '../model/data/columns';
import { checkDataConfig, testView } from '../model/data/prep';
import { isWorkerLevel, type FromWorker } from '../workers/trainer/protocol';
import { clearInspection } from './inspectActions';
import { nextPreviousRun } from './previousRun';
import { initialRun, initialWorker, isBusy, reduceRun, type RunAndWorker } from './runState';
import { showError, useStore, type State } from './store';
import { existingClient, getClient, onTrainerMessage } from './trainer';
import { rowSource, saveBlob } from './exportActions';

/** Longest a worker message waits before the page shows it (≤ 10 renders a second). */
const FLUSH_MS = 100;

/** The run whose messages the page shows; null after Reset, so late messages cannot refill charts. */
let shownRun: number | null = null;
let queue: FromWorker[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** The run and worker slices of the state (the part worker messages change). */
function runAndWorker(s: State): RunAndWorker {
  const out: Partial<Record<keyof RunAndWorker, unknown>> = {};
  for (const k of Object.keys({ ...initialRun, ...initialWorker }) as (keyof RunAndWorker)[])
    out[k] = s[k];
  return out as RunAndWorker;
}

function flush(): void {
  flushTimer = null;
  const msgs = queue;
  queue = [];
  if (msgs.length === 0) return;
  useStore.setState((s) => {
    let next = runAndWorker(s);
    let errors = s.errors;
    for (const m of msgs) {
      next = reduceRun(next, m, s.config.backend);
      // A run that stopped by itself (diverged) says why where errors are read.
      const error = m.type === 'error' ? m.message : m.type === 'done' ? m.reason : undefined;
      if (error && !errors.includes(error)) errors = [...errors, error];
    }
    // A backend change the user did not ask for (fallback, lost WebGL context) is worth a visible notice.
    const note = next.backendNote !== s.backendNote ? next.backendNote : null;
    const notices = note && !s.notices.includes(note) ? [...s.notices, note] : s.notices;
    return { ...next, errors, notices };
  });
}

function onMessage(msg: FromWorker): void {
  // Messages of an older or reset run are dropped; backend news concerns every run.
  if (
    !isWorkerLevel(msg) &&
    (msg.runId !== shownRun || msg.datasetId !== useStore.getState().datasetId)
  )
    return;
  queue.push(msg);
  flushTimer ??= setTimeout(flush, FLUSH_MS);
}

onTrainerMessage(onMessage);

/**
 * Starts a run on the current dataset and settings: the page checks them and sends the target
 * column; the trainer worker cuts the windows. Problems go to the alert region. With `step`, the
 * run trains one batch and waits paused (the Step button from idle).
 */
export function train(step = false): void {
  const s = useStore.getState();
  const dataset = s.dataset;
  // While a file or sample loads, the dataset on screen is about to be replaced: no run on it.
  if (!dataset || isBusy(s.status) || s.loading !== null) return;
  const invalid = Object.values(s.fieldErrors);
  if (invalid.length > 0) {
    showError(`Fix the settings first: ${invalid.join(' ')}`);
    return;
  }
  let target: string;
  try {
    target = checkDataConfig(dataset, s.config);
  } catch (e) {
    showError(e instanceof DataError ? e.message : `Could not prepare the data: ${String(e)}`);
    return;
  }
  // Sent resolved: the target by name, the extra inputs in the file's column order.
  const inputColumns = extraInputColumns(dataset, target, s.config.inputColumns);
  const config = { ...s.config, targetColumn: target, inputColumns };
  const series = dataset.numeric[target];
  queue = [];
  clearInspection();
  const c = getClient();
  useStore.setState({
    ...initialRun,
    // Kept before the run's results are cleared, so the new run can be compared with it.
    previousRun: nextPreviousRun(s, s.previousRun, config),
    runConfig: config,
    backendNote: null,
    status: 'compiling',
    test: { ...testView(series, config.trainSplit), target },
    errors: [],
  });
  c.init(config.backend);
  const runId = c.load(
    series,
    config,
    inputColumns.map((name) => dataset.numeric[name]),
    dataset.times,
    s.datasetId,
  );
  shownRun = runId;
  c.start(step);
  useStore.setState({ runId });
}

export function pause(): void {
  existingClient()?.pause();
}

export function resume(): void {
  existingClient()?.resume();
}

/** Trains exactly one batch: from a paused run the next one; otherwise a new run, paused after it. */
export function step(): void {
  const { status } = useStore.getState();
  if (status === 'paused') existingClient()?.step();
  else if (!isBusy(status)) train(true);
}

export function stop(): void {
  existingClient()?.stop();
}

/**
 * Stops any run, frees the worker's model and clears the results and the kept previous run
 * (dataset and settings stay).
 */
export function resetRun(): void {
  existingClient()?.reset();
  shownRun = null;
  queue = [];
  clearInspection();
  useStore.setState(initialRun);
}

/** Saves `predictions.csv`: date (when known), actual and predicted test values in original units. */
export function downloadPredictions(): void {
  const { test, predictions, dataset } = useStore.getState();
  if (!test || !predictions) return;
  const times = dataset?.times?.subarray(test.offset, test.offset + test.actual.length);
  const iso = times ? isoDates(times, dataset?.dateOnly ?? true) : null;
  // A year axis (global-temp's `year`) is written as the years it came as.
  const dates = iso && dataset?.yearly ? iso.map((d) => d.slice(0, 4)) : iso;
  const csv = predictionsCsv(dates, test.actual, predictions);
  saveBlob(new Blob([csv], { type: 'text/csv' }), 'predictions.csv');
}

/** Saves the trained model as TensorFlow.js artifacts: `model.json` and `model.weights.bin`. */
export async function downloadModel(): Promise<void> {
  const client = existingClient();
  if (!client) return;
  try {
    // model.json's manifest already names model.weights.bin (engine/exportModel.ts).
    const { modelJson, weights } = await client.exportModel(rowSource());
    saveBlob(new Blob([modelJson], { type: 'application/json' }), 'model.json');
    saveBlob(new Blob([weights], { type: 'application/octet-stream' }), 'model.weights.bin');
  } catch (e) {
    showError(`Could not export the model: ${e instanceof Error ? e.message : String(e)}`);
  }
}
