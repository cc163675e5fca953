/**
 * Page side of the CSV parse worker: `parseInWorker(file or text)` resolves with the dataset and
 * its summary statistics, or rejects with an Error whose message is for the user. A worker that goes
 * silent for PARSE_TIMEOUT_MS while a file is open is stopped and the file's load fails with an alert.
 */
import type { Dataset, DescribeStats } from '../../model/core/types';
import { toRecord } from '../../model/core/records';
import { spawnWorker } from '../spawn';
import { createWatchdog } from '../watchdog';
import type { FromParse, ToParse } from './protocol';
import workerUrl from './worker.ts?worker&url';

/**
 * How long the parser may stay silent with a file open. It reports reading progress ~10×/s; parsing
 * itself is one silent stretch (about 1.5 s for 50 MB here), so this is generous.
 */
export const PARSE_TIMEOUT_MS = 120_000;

export interface ParseProgress {
  phase: 'reading' | 'parsing';
  /** 0…1 while reading; 1 while parsing. */
  fraction: number;
}

export interface ParseResult {
  dataset: Dataset;
  stats: Record<string, DescribeStats>;
}

interface Job {
  resolve: (r: ParseResult) => void;
  reject: (e: Error) => void;
  onProgress?: (p: ParseProgress) => void;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Job>();

/** Stops the worker and fails every job in flight with `message` (the next parse starts a fresh one). */
function failAll(message: string): void {
  for (const job of pending.values()) job.reject(new Error(message));
  pending.clear();
  watchdog.clear();
  worker?.terminate();
  worker = null;
}

const watchdog = createWatchdog(PARSE_TIMEOUT_MS, (open) =>
  failAll(
    `The file reader did not answer while ${open.map((r) => r.what).join(' and ')} for ${PARSE_TIMEOUT_MS / 1000} s, so it was stopped. Try again; if this happens again, reload the page.`,
  ),
);

function onMessage(msg: FromParse): void {
  watchdog.alive();
  if (msg.type !== 'progress') watchdog.answered(String(msg.id));
  const job = pending.get(msg.id);
  if (!job) return;
  switch (msg.type) {
    case 'progress':
      job.onProgress?.({ phase: msg.phase, fraction: msg.total > 0 ? msg.loaded / msg.total : 1 });
      break;
    case 'result':
      pending.delete(msg.id);
      // Structured clone rebuilt the records keyed by column name as plain objects: strip the prototype.
      job.resolve({
        dataset: { ...msg.dataset, numeric: toRecord(msg.dataset.numeric) },
        stats: toRecord(msg.stats),
      });
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
}

function getWorker(): Worker {
  if (worker) return worker;
  // From a blob script, so that it runs under the page's policy on any host (../spawn.ts).
  const w = spawnWorker(workerUrl, 'parse');
  w.addEventListener('message', (e: MessageEvent<FromParse>) => onMessage(e.data));
  // A crashed parser fails every job in flight; the next parse starts a fresh worker.
  w.addEventListener('error', (e) =>
    failAll(`The file reader crashed: ${e.message || 'unknown error'}`),
  );
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
    watchdog.expect(String(id), `reading ${msg.name}`);
  });
}
