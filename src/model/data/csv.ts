/**
 * Low-level CSV reading with PapaParse: encoding checks, delimiter choice, header clean-up and
 * ragged-row repair. Column typing lives in dataset.ts.
 */
import Papa from 'papaparse';
import { DataError, formatBytes } from '../core/errors';

/** The grid read from a file: unique header names and rows of equal width. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  /** 1-based line number in the file of each row (for messages). */
  lines: number[];
  delimiter: string;
  warnings: string[];
}

/** Delimiters we detect; a `.tsv` name forces tab. */
export const DELIMITERS = [',', ';', '\t'] as const;

/** A line longer than this with no line break at all is reported instead of parsed. */
const SINGLE_LINE_LIMIT = 1024 * 1024;
/** How many line numbers a warning lists before "and N more". */
const LIST_LINES = 5;

/** "1 row", "3 rows" */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "line 3", "lines 3, 7, 9, 10, 12 and 4 more" */
export function listLines(lines: number[]): string {
  const shown = lines.slice(0, LIST_LINES).join(', ');
  const list = lines.length > LIST_LINES ? `${shown} and ${lines.length - LIST_LINES} more` : shown;
  return `${lines.length === 1 ? 'line' : 'lines'} ${list}`;
}

/** True when the text looks like a binary file decoded as text (NUL bytes, control or U+FFFD characters). */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  if (sample.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Control characters other than tab/LF/CR, and the replacement character invalid UTF-8 decodes to.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 127) odd++;
  }
  return odd > 0 && odd >= sample.length * 0.05;
}

/** True for UTF-16 text read as UTF-8: a NUL in every other character of the first line(s). */
export function looksUtf16(text: string): boolean {
  const sample = text.slice(0, 4096);
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    }
  }
  return sample.length >= 8 && Math.max(nulEven, nulOdd) >= sample.length * 0.4;
}

/** Makes header names unique and non-empty the way pandas does: `a, a.1, a.2`, `Unnamed: 3`. */
export function cleanHeader(raw: string[]): string[] {
  const named = raw.map((h, i) => {
    const t = h.trim();
    return t === '' ? `Unnamed: ${i}` : t;
  });
  // pandas' C parser: `a.N` with N counting up, skipping names already in the header.
  const all = new Set(named);
  const counts = new Map<string, number>();
  const out = named.map((name) => {
    let cur = counts.get(name) ?? 0;
    let col = name;
    while (cur > 0) {
      counts.set(name, cur + 1);
      col = `${name}.${cur}`;
      cur = all.has(col) ? cur + 1 : (counts.get(col) ?? 0);
    }
    counts.set(col, (counts.get(col) ?? 0) + 1);
    return col;
  });
  // Safety net for pathological headers: names stay unique whatever pandas would do.
  const seen = new Set<string>();
  return out.map((c) => {
    let u = c;
    for (let k = 1; seen.has(u); k++) u = `${c}.${k}`;
    seen.add(u);
    return u;
  });
}

/**
 * Picks `,` `;` or tab with PapaParse's guesser, run on the first lines with blank lines skipped
 * (a trailing blank line would otherwise tip a short file to the wrong choice). ',' when unsure.
 */
export function guessDelimiter(body: string): string {
  let sample = body.slice(0, 64 * 1024);
  if (sample.length < body.length) {
    sample = sample.slice(0, Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'), 0));
  }
  const res = Papa.parse<string[]>(sample, {
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: 'greedy',
    preview: 20,
  });
  return res.meta.delimiter || ',';
}

/**
 * Columns in the header line, counted without parsing the file: fields split by whichever of
 * `,` `;` tab occurs most outside quotes on the first non-blank line (after a BOM or `sep=` line).
 * Cheap (one pass over one line), so a file with 50,000 columns is refused before any real work.
 * 0 when the text has no line break outside quotes.
 */
export function headerWidth(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const sep = /^sep=[,;\t|][ \t]*(\r\n|\n|\r)/i.exec(text.slice(i, i + 16));
  if (sep) i += sep[0].length;
  while (i < text.length && (text[i] === '\n' || text[i] === '\r')) i++;
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) return 1 + Math.max(...counts.values());
    else if (!inQuotes && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return 0; // one line and nothing else: readCsv says that more plainly than a column count
}

/**
 * The error for a quote that is never closed: everything after it would be one cell, so the file
 * is refused with the line where the quote opens (`index` is PapaParse's, just past the quote).
 */
function unclosedQuote(name: string, text: string, index: number, firstLine: number): DataError {
  const at = Math.max(0, Math.min(index - 1, text.length));
  let line = firstLine;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return new DataError(
    `"${name}" has a quote (") on line ${line} that is never closed, so the rest of the file would read as one cell. Close or remove that quote and load the file again.`,
  );
}

function countOf(s: string, sub: string): number {
  let n = 0;
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/**
 * Reads CSV text into a rectangular table. Strips a UTF-8 BOM, accepts CRLF/LF/CR, quoted fields,
 * skips blank lines. Ragged rows: a short row is padded with empty (missing) cells, as pandas does;
 * a row with extra non-empty fields is dropped; both are listed by line number in `warnings`.
 * @throws DataError for empty, binary or one-enormous-line files, a quote that is never closed, or
 *   a header without data rows.
 */
export function readCsv(text: string, name: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new DataError(`"${name}" is empty: it has no header and no rows.`);
  if (looksUtf16(body)) {
    throw new DataError(
      `"${name}" is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8" (or plain CSV) and load that.`,
    );
  }
  if (looksBinary(body)) {
    throw new DataError(
      `"${name}" looks like a binary file (an image, a spreadsheet or an archive), not CSV text. Save or export it as CSV and load that.`,
    );
  }
  // Length without trailing line breaks; a regex or a copy of a 50 MB text would cost tens of ms.
  let end = body.length;
  while (end > 0 && (body.charCodeAt(end - 1) === 10 || body.charCodeAt(end - 1) === 13)) end--;
  const firstBreak = Math.min(...['\n', '\r'].map((b) => body.indexOf(b) >>> 0));
  if (firstBreak >= end) {
    if (end > SINGLE_LINE_LIMIT) {
      throw new DataError(
        `"${name}" is a single ${formatBytes(end)} line with no line breaks; a CSV needs a header line and then one line per row.`,
      );
    }
    throw new DataError(`"${name}" has a header line but no data rows.`);
  }

  // Excel may write a `sep=;` line first to name the delimiter.
  const sep = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r)/i.exec(body);
  const rest = sep ? body.slice(sep[0].length) : body;
  const parsed = Papa.parse<string[]>(rest, {
    header: false,
    delimiter: sep ? sep[1] : /\.tsv$/i.test(name) ? '\t' : guessDelimiter(body),
    skipEmptyLines: false,
  });
  const open = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (open) throw unclosedQuote(name, rest, open.index ?? 0, sep ? 2 : 1);
  const linebreak = parsed.meta.linebreak || '\n';
  const delimiter = parsed.meta.delimiter;
  const warnings: string[] = [];

  // Number every row by its first line in the file; quoted fields may span lines.
  let header: string[] | null = null;
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = sep ? 2 : 1;
  // Without a quote character no field can hold a line break (PapaParse then splits by lines).
  const quoted = rest.includes('"');
  for (let k = 0; k < parsed.data.length; k++) {
    const row = parsed.data[k];
    const here = line;
    line += quoted ? 1 + row.reduce((acc, f) => acc + countOf(f, linebreak), 0) : 1;
    if (row.length === 1 && row[0].trim() === '') continue; // blank line
    if (header === null) {
      header = row;
      continue;
    }
    rows.push(row);
    lines.push(here);
  }
  if (header === null) throw new DataError(`"${name}" is empty: it has no header and no rows.`);
  if (rows.length === 0) throw new DataError(`"${name}" has a header line but no data rows.`);

  const width = header.length;
  const padded: number[] = [];
  const dropped: number[] = [];
  // Kept rows are compacted in place: no second million-entry array for a clean file.
  let kept = 0;
  for (let i = 0; i < rows.length; i++) {
    let r = rows[i];
    if (r.length !== width) {
      if (r.length > width && r.slice(width).every((f) => f.trim() === '')) r = r.slice(0, width);
      if (r.length > width) {
        dropped.push(lines[i]);
        continue;
      }
      if (r.length < width) {
        padded.push(lines[i]);
        r = r.concat(new Array<string>(width - r.length).fill(''));
      }
    }
    rows[kept] = r;
    lines[kept] = lines[i];
    kept++;
  }
  rows.length = kept;
  lines.length = kept;
  if (kept === 0) {
    throw new DataError(
      `"${name}": every data row has more fields than the ${width} header columns (${listLines(dropped)}). Check the delimiter or the header line.`,
    );
  }
  if (dropped.length > 0) {
    warnings.push(
      `Skipped ${plural(dropped.length, 'row')} with more fields than the ${width} header columns: ${listLines(dropped)}.`,
    );
  }
  if (padded.length > 0) {
    warnings.push(
      `${plural(padded.length, 'row')} had fewer fields than the ${width} header columns; their missing cells count as gaps: ${listLines(padded)}.`,
    );
  }
  return { header: cleanHeader(header), rows, lines, delimiter, warnings };
}
