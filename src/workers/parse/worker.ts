/**
 * Reads and parses a CSV off the main thread, reporting progress, then computes the summary
 * statistics here too, so a 50 MB file never blocks the page. Stateless: each job stands alone.
 */
import { DataError } from '../../model/core/errors';
import { parseDataset } from '../../model/data/dataset';
import { fixCp1252, LEGACY_ENCODING_NOTE, textDecoder } from '../../model/data/encoding';
import { describeDataset } from '../../model/data/stats';
import type { FromParse, ToParse } from './protocol';

/** Rows of raw cell text sent back to the page (the first-rows table); numbers travel as typed arrays. */
const HEAD_ROWS = 10;
/** Report reading progress at most this often. */
const PROGRESS_MS = 100;

const ctx = self as unknown as {
  postMessage(msg: FromParse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<ToParse>) => void): void;
};

/** Reads the file as text; `legacy` decodes Windows-1252, else invalid UTF-8 throws a TypeError. */
async function readText(id: number, file: File, legacy: boolean): Promise<string> {
  const total = file.size;
  const reader = file.stream().getReader();
  const decoder = textDecoder(legacy);
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

async function handle({ id, name, file, text }: ToParse): Promise<void> {
  try {
    let legacy = false;
    let body = text ?? '';
    if (file) {
      // Read again rather than keep every byte: the retry happens only for invalid UTF-8.
      body = await readText(id, file, false).catch((e: unknown) => {
        if (!(e instanceof TypeError)) throw e;
        legacy = true;
        return readText(id, file, true).then(fixCp1252);
      });
    }
    ctx.postMessage({ type: 'progress', id, phase: 'parsing', loaded: 1, total: 1 });
    // Only the preview rows keep their cell text: a million rows of strings cost seconds of GC.
    const dataset = parseDataset(body, name, { cellRows: HEAD_ROWS });
    if (legacy) dataset.warnings.unshift(LEGACY_ENCODING_NOTE);
    const stats = describeDataset(dataset);
    const arrays = [
      ...Object.values(dataset.numeric),
      ...(dataset.times ? [dataset.times] : []),
      ...(dataset.series ? [dataset.series.codes] : []),
    ];
    ctx.postMessage(
      { type: 'result', id, dataset, stats },
      arrays.map((a) => a.buffer),
    );
  } catch (err) {
    const dataError = err instanceof DataError;
    const message = err instanceof Error ? err.message : String(err);
    ctx.postMessage({ type: 'error', id, message, dataError });
  }
}

ctx.addEventListener('message', (e) => void handle(e.data));
