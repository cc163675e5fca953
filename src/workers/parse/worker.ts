/**
 * Reads and parses a CSV off the main thread, reporting progress, then computes the summary
 * statistics here too, so a 50 MB file never blocks the page. It keeps the numbers of the last
 * parsed file so that `prepare` (train/test windows) also runs here, not on the page.
 */
import { parseDataset } from '../../model/data/dataset';
import { DataError } from '../../model/core/errors';
import { prepareData } from '../../model/data/prep';
import { describeDataset } from '../../model/data/stats';
import type { Dataset, PreparedData } from '../../model/core/types';
import type { FromParse, ToParse } from './client';

/** Rows of raw cell text sent back to the page (the first-rows table); numbers travel as typed arrays. */
const HEAD_ROWS = 10;
/** Report reading progress at most this often. */
const PROGRESS_MS = 100;

const ctx = self as unknown as {
  postMessage(msg: FromParse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<ToParse>) => void): void;
};

async function readText(id: number, file: File): Promise<string> {
  const total = file.size;
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let loaded = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(decoder.decode(value, { stream: true }));
    const now = performance.now();
    if (now - last > PROGRESS_MS) {
      last = now;
      ctx.postMessage({ type: 'progress', id, phase: 'reading', loaded, total });
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** The last parsed dataset (without its cell text), by the id of the parse that made it. */
let kept: { id: number; dataset: Dataset } | null = null;

function postError(id: number, err: unknown): void {
  const dataError = err instanceof DataError;
  const message = err instanceof Error ? err.message : String(err);
  ctx.postMessage({ type: 'error', id, message, dataError });
}

function transferOf(d: PreparedData): Transferable[] {
  return [d.trainX, d.trainY, d.testX, d.testY, d.testActual, d.testPrevious].map((a) => a.buffer);
}

function prepare(msg: Extract<ToParse, { type: 'prepare' }>): void {
  const { id, datasetId, config } = msg;
  if (!kept || kept.id !== datasetId) {
    ctx.postMessage({ type: 'unknown', id });
    return;
  }
  try {
    // The page already holds the dates; cloning ~200k date strings would cost it a long task.
    const data = { ...prepareData(kept.dataset, config), testDates: null };
    ctx.postMessage({ type: 'prepared', id, data }, transferOf(data));
  } catch (err) {
    postError(id, err);
  }
}

async function handle(msg: ToParse): Promise<void> {
  if (msg.type === 'prepare') {
    prepare(msg);
    return;
  }
  const { id, name } = msg;
  try {
    const text = msg.file ? await readText(id, msg.file) : (msg.text ?? '');
    ctx.postMessage({ type: 'progress', id, phase: 'parsing', loaded: 1, total: 1 });
    // Only the preview rows keep their cell text: a million rows of strings cost seconds of GC.
    const full = parseDataset(text, name, { cellRows: HEAD_ROWS });
    const stats = describeDataset(full);
    // Dates travel as one string: cloning a million small strings costs the page >100 ms,
    // one long string and a split there about a quarter of that.
    const dataset = { ...full, dates: null };
    // The page gets the numeric arrays (transferred); the worker keeps copies for `prepare`.
    const numeric: Record<string, Float64Array> = {};
    for (const [k, v] of Object.entries(full.numeric)) numeric[k] = v.slice();
    kept = { id, dataset: { ...dataset, numeric, dates: full.dates } };
    // An empty date list cannot round-trip through join/split ('' splits to ['']); none has 0 rows.
    const dates = full.dates && full.dates.length > 0 ? full.dates.join('\n') : null;
    const transfer = Object.values(dataset.numeric).map((a) => a.buffer);
    ctx.postMessage({ type: 'result', id, dataset, dates, stats }, transfer);
  } catch (err) {
    postError(id, err);
  }
}

ctx.addEventListener('message', (e) => void handle(e.data));
