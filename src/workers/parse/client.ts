/**
 * Page side of the CSV parse worker: `parseInWorker(file or text)` resolves with the dataset and
 * its summary statistics, or rejects with an Error whose message is for the user;
 * `prepareInWorker(dataset, settings)` builds the training windows there from the same file.
 */
import { DataError } from '../../model/core/errors';
import { prepareData, splitIndex, type DataConfig } from '../../model/data/prep';
import type { Dataset, DescribeStats, PreparedData } from '../../model/core/types';

/**
 * Page → parse worker: a File (read in the worker, with progress) or text already in memory;
 * or `prepare`: prepareData on the dataset that parse `datasetId` produced.
 */
export type ToParse =
  | { type: 'parse'; id: number; name: string; file?: File; text?: string }
  | { type: 'prepare'; id: number; datasetId: number; config: DataConfig };

/**
 * Parse worker → page. The dataset's `cells` holds only the first rows (for the preview table);
 * nothing on the page reads further rows (prepareData uses `numeric` and `dates`).
 */
export type FromParse =
  | { type: 'progress'; id: number; phase: 'reading' | 'parsing'; loaded: number; total: number }
  | {
      type: 'result';
      id: number;
      /** `dates` is null here: they come joined by newlines in `dates` beside it. */
      dataset: Dataset;
      dates: string | null;
      stats: Record<string, DescribeStats>;
    }
  /** The prepared windows, typed arrays transferred; `testDates` is null (the page has the dates). */
  | { type: 'prepared'; id: number; data: PreparedData }
  /** `prepare` named a dataset the worker no longer holds (a newer file, or a restarted worker). */
  | { type: 'unknown'; id: number }
  | { type: 'error'; id: number; message: string; dataError: boolean };

export interface ParseProgress {
  phase: 'reading' | 'parsing';
  /** 0…1 while reading; 1 while parsing. */
  fraction: number;
}

export interface ParseResult {
  dataset: Dataset;
  stats: Record<string, DescribeStats>;
}

/** Longest stretch the page spends splitting dates before it lets other work run. */
const SLICE_MS = 15;

/**
 * Splits the newline-joined dates back into an array, yielding to the event loop every SLICE_MS
 * so a million-row file never blocks the page in one long task.
 */
async function splitLines(joined: string | null): Promise<string[] | null> {
  if (joined === null) return null;
  const out: string[] = [];
  let start = 0;
  while (start <= joined.length) {
    const t0 = performance.now();
    while (start <= joined.length && performance.now() - t0 < SLICE_MS) {
      for (let k = 0; k < 4096 && start <= joined.length; k++) {
        const nl = joined.indexOf('\n', start);
        const end = nl < 0 ? joined.length : nl;
        out.push(joined.slice(start, end));
        start = end + 1;
      }
    }
    // Yield after the last slice too: the page then renders the new dataset in a task of its own.
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  {
    resolve: (r: ParseResult) => void;
    reject: (e: Error) => void;
    onProgress?: (p: ParseProgress) => void;
  }
>();
const preparing = new Map<
  number,
  { resolve: (d: PreparedData | null) => void; reject: (e: Error) => void }
>();
/** The parse id each dataset the worker produced came from (what `prepare` names). */
const datasetIds = new WeakMap<Dataset, number>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (e: MessageEvent<FromParse>) => {
    const msg = e.data;
    const prep = preparing.get(msg.id);
    if (prep) {
      preparing.delete(msg.id);
      if (msg.type === 'prepared') prep.resolve(msg.data);
      else if (msg.type === 'error')
        prep.reject(msg.dataError ? new DataError(msg.message) : new Error(msg.message));
      else prep.resolve(null);
      return;
    }
    const job = pending.get(msg.id);
    if (!job) return;
    switch (msg.type) {
      case 'progress':
        job.onProgress?.({
          phase: msg.phase,
          fraction: msg.total > 0 ? msg.loaded / msg.total : 1,
        });
        break;
      case 'result':
        pending.delete(msg.id);
        void splitLines(msg.dates).then((dates) => {
          const dataset = { ...msg.dataset, dates };
          datasetIds.set(dataset, msg.id);
          job.resolve({ dataset, stats: msg.stats });
        });
        break;
      case 'prepared':
      case 'unknown':
        break;
      case 'error':
        pending.delete(msg.id);
        job.reject(
          new Error(msg.dataError ? msg.message : `Could not read this file: ${msg.message}`),
        );
        break;
      default: {
        const never: never = msg;
        void never;
      }
    }
  });
  w.addEventListener('error', (e) => {
    // A crashed parser fails every job in flight; the next parse starts a fresh worker.
    for (const job of pending.values())
      job.reject(new Error(`The file reader crashed: ${e.message || 'unknown error'}`));
    pending.clear();
    // A fresh worker holds no dataset: prepare those on the page instead.
    for (const job of preparing.values()) job.resolve(null);
    preparing.clear();
    w.terminate();
    worker = null;
  });
  worker = w;
  return w;
}

/** Parses a File (or text) in the worker. Progress callbacks arrive at most ~10 times a second. */
export function parseInWorker(
  source: { file: File } | { text: string; name: string },
  onProgress?: (p: ParseProgress) => void,
): Promise<ParseResult> {
  const id = nextId++;
  const msg: ToParse =
    'file' in source
      ? { type: 'parse', id, name: source.file.name, file: source.file }
      : { type: 'parse', id, name: source.name, text: source.text };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    getWorker().postMessage(msg);
  });
}

/**
 * prepareData(dataset, config) in the parse worker, which still holds the numbers of the file it
 * parsed: a million-row series costs the page no long task. Falls back to the page for a dataset
 * the worker does not hold (not parsed there, or replaced since). Rejects with the DataError
 * prepareData would throw.
 */
export async function prepareInWorker(dataset: Dataset, config: DataConfig): Promise<PreparedData> {
  const datasetId = datasetIds.get(dataset);
  if (datasetId !== undefined && worker) {
    const id = nextId++;
    const w = worker;
    const data = await new Promise<PreparedData | null>((resolve, reject) => {
      preparing.set(id, { resolve, reject });
      const msg: ToParse = { type: 'prepare', id, datasetId, config };
      w.postMessage(msg);
    });
    // The worker leaves the dates out (see parse.worker.ts); they are the dataset's from the split on.
    if (data) {
      const split = splitIndex(dataset.rowCount, config.trainSplit);
      return { ...data, testDates: dataset.dates ? dataset.dates.slice(split) : null };
    }
  }
  return prepareData(dataset, config);
}
