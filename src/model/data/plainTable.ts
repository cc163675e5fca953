/**
 * A columnar fast path for plain files (no quote character, `\n` or `\r\n` line breaks, rows as wide as
 * the header): cells are read straight from the text by offset, so a numeric or ISO-date column
 * of a million rows is typed without a million substrings. Anything else returns null and takes
 * the general readCsv path; both give the same result (tested).
 */
import { cleanHeader, guessDelimiter, looksBinary, looksUtf16 } from './csv';
import { fastIsoDate, fastNumber, typeColumn, type TypedColumn } from './columnType';

/** A rectangular plain table read by offsets: types its columns and materialises rows on demand. */
export interface PlainTable {
  header: string[];
  /** 1-based line number in the file of each row. */
  lines: number[];
  delimiter: string;
  rowCount: number;
  /** Always empty: a plain file has nothing to repair. */
  warnings: string[];
  /** Types column j (same result as typeColumn on its cells). */
  typeColumn(j: number): TypedColumn;
  /** The cells of row i. */
  row(i: number): string[];
}

/**
 * Reads `text` by offsets when it is a plain file, or returns null (quotes, `\r`, a `sep=` line,
 * ragged rows, an empty, binary or one-line file: readCsv handles and reports those).
 */
export function readPlainTable(text: string, name: string): PlainTable | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.includes('"') || /^sep=/i.test(body)) return null;
  if (body.trim() === '' || looksUtf16(body) || looksBinary(body)) return null;
  const delimiter = /\.tsv$/i.test(name) ? '\t' : guessDelimiter(body);
  const d = delimiter.charCodeAt(0);
  const N = body.length;

  let lineCount = 1;
  for (let k = body.indexOf('\n'); k !== -1; k = body.indexOf('\n', k + 1)) lineCount++;
  // Windows line breaks are fine when every line break is `\r\n` (PapaParse then splits on that).
  let crCount = 0;
  for (let k = body.indexOf('\r'); k !== -1; k = body.indexOf('\r', k + 1)) crCount++;
  const crlf = crCount > 0;
  if (crlf && crCount !== lineCount - 1) return null;

  let header: string[] | null = null;
  let width = 0;
  let offs = new Int32Array(0); // per row: start of each field, then end of line + 1
  const lines: number[] = [];
  let n = 0;
  let pos = 0;
  for (let line = 1; pos <= N; line++) {
    const nl = body.indexOf('\n', pos);
    const next = nl === -1 ? N + 1 : nl + 1; // where the next line starts
    let end = nl === -1 ? N : nl; // end of this line's text
    if (crlf && nl !== -1) {
      if (body.charCodeAt(nl - 1) !== 13) return null;
      end--;
    }
    if (header === null) {
      const raw = body.slice(pos, end);
      if (!raw.includes(delimiter) && raw.trim() === '') {
        pos = next;
        continue;
      }
      header = raw.split(delimiter);
      width = header.length;
      offs = new Int32Array((lineCount - line) * (width + 1));
      pos = next;
      continue;
    }
    const base = n * (width + 1);
    offs[base] = pos;
    let f = 1;
    for (let k = pos; k < end; k++) {
      if (body.charCodeAt(k) === d) {
        if (f === width) return null; // too many fields: readCsv reports it
        offs[base + f++] = k + 1;
      }
    }
    // A line without a delimiter that is only spaces is blank: skipped, as readCsv does.
    if (f === 1 && body.slice(pos, end).trim() === '') {
      pos = next;
      continue;
    }
    if (f !== width) return null; // too few fields: readCsv pads and reports them
    offs[base + width] = end + 1;
    lines.push(line);
    n++;
    pos = next;
  }
  if (header === null || n === 0) return null;
  const W1 = width + 1;
  const start = (i: number, j: number) => offs[i * W1 + j];
  const stop = (i: number, j: number) => offs[i * W1 + j + 1] - 1;
  const cellsOf = (j: number): string[] => {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = body.slice(start(i, j), stop(i, j));
    return out;
  };
  /** Every cell read by `parse`, or null at the first one it cannot read. */
  const readAll = (j: number, parse: (s: string, a: number, b: number) => number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = parse(body, start(i, j), stop(i, j));
      if (v !== v) return null;
      out[i] = v;
    }
    return out;
  };
  return {
    header: cleanHeader(header),
    lines,
    delimiter,
    rowCount: n,
    warnings: [],
    typeColumn(j) {
      // All plain numbers: numeric with no gap. All ISO dates (never numbers, never a comma): date.
      const numbers = readAll(j, fastNumber);
      if (numbers) return { kind: 'numeric', missing: 0, values: numbers, junk: [] };
      const times = readAll(j, fastIsoDate);
      if (times) return { kind: 'date', missing: 0, values: times, junk: [] };
      return typeColumn(cellsOf(j), lines, delimiter);
    },
    row(i) {
      return body.slice(start(i, 0), stop(i, width - 1)).split(delimiter);
    },
  };
}
