/**
 * Page side of the CSV parse worker: `parseInWorker(file or text)` resolves with the dataset and
 * its summary statistics, or rejects with an Error whose message is for the user.
 */
import type { Dataset, DescribeStats } from '../model/types';

/** Page → parse worker: a File (read in the worker, with progress) or text already in memory. */
export interface ToParse {
  type: 'parse';
  id: number;
  name: string;
  file?: File;
  text?: string;
}

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
    if (start <= joined.length) await new Promise((r) => setTimeout(r, 0));
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

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (e: MessageEvent<FromParse>) => {
    const msg = e.data;
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
        void splitLines(msg.dates).then((dates) =>
          job.resolve({ dataset: { ...msg.dataset, dates }, stats: msg.stats }),
        );
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
