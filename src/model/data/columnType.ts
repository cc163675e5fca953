/**
 * Column typing for parseDataset: numeric, date or text, with values and junk lines. One tight loop
 * per column with char-code fast paths for plain decimals and ISO dates; every other cell goes
 * through the general parsers, so results are exactly those of the regex-based rules.
 */
import type { ColumnKind } from '../core/types';
import { parseDate, slashOrder, type SlashOrder } from './dates';

/** Cell texts (trimmed, case-insensitive) that mean "no value". pandas' defaults plus `-`. */
export const MISSING_MARKERS: ReadonlySet<string> = new Set([
  '',
  'nan',
  '-nan',
  'null',
  'na',
  'n/a',
  '#n/a',
  '<na>',
  'none',
  '-',
]);

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** True when a cell is a missing marker. */
export function isMissing(cell: string): boolean {
  return MISSING_MARKERS.has(cell.trim().toLowerCase());
}

/**
 * Parses one cell as a number: plain decimals and exponents, and `1,234.50` thousands separators.
 * Returns NaN for anything else, including values too large to be finite.
 */
export function parseNumber(cell: string): number {
  const s = cell.trim();
  let v = NaN;
  if (PLAIN_NUMBER.test(s)) v = Number(s);
  else if (THOUSANDS.test(s)) v = Number(s.replace(/,/g, ''));
  return Number.isFinite(v) ? v : NaN;
}

const DECIMAL_COMMA = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d*)?$/;

/**
 * Parses a European-style number, `1.234,5` or `0,25` (only tried in `;`- or tab-separated files,
 * where a comma cannot be the delimiter). NaN for anything else.
 */
export function parseDecimalComma(cell: string): number {
  const s = cell.trim();
  if (!DECIMAL_COMMA.test(s)) return NaN;
  const v = Number(s.replace(/\./g, '').replace(',', '.'));
  return Number.isFinite(v) ? v : NaN;
}

/**
 * A column is numeric (or a date column) when at least this share of its non-missing cells parse;
 * the few that do not are treated as gaps, with a warning naming their lines.
 */
export const TYPE_SHARE = 0.9;

/** A typed column: its kind, missing count, values (NaN = gap) and the lines of junk cells. */
export interface TypedColumn {
  kind: ColumnKind;
  missing: number;
  values: Float64Array;
  /** Lines of cells that were neither missing nor of the column's kind (turned into gaps). */
  junk: number[];
  /** For a text column: how many of its non-missing cells are numbers (to explain the rule). */
  numbers?: number;
  /** For a text column: its non-missing cells. */
  present?: number;
}

const ZERO = 48;
const NINE = 57;
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;

/** Exact powers of ten: an integer below 2^53 divided by one of these is correctly rounded. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `[+-]?digits[.digits]` with at most 15 digits (no spaces, exponent or separators) as a number,
 * or NaN when the cell has another shape (the caller then uses parseNumber). The same double as
 * `Number(cell)`: the digits form an exact integer and the division by an exact power of ten is
 * correctly rounded (Clinger's fast path).
 */
export function fastNumber(s: string, start = 0, end = s.length): number {
  const n = end;
  let i = start;
  let c = n > i ? s.charCodeAt(i) : 0;
  const neg = c === 45;
  if (neg || c === 43) i++; // - +
  let digits = 0;
  let m = 0;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (!isDigit(c)) break;
    m = m * 10 + (c - ZERO);
    digits++;
  }
  let frac = 0;
  if (i < n && c === 46) {
    for (i++; i < n; i++) {
      c = s.charCodeAt(i);
      if (!isDigit(c)) break;
      m = m * 10 + (c - ZERO);
      digits++;
      frac++;
    }
  }
  if (i !== n || digits === 0 || digits > 15) return NaN;
  const v = frac === 0 ? m : m / POW10[frac];
  return neg ? -v : v;
}

/** Number of d digits at s[i…], or -1. */
function digitsAt(s: string, i: number, d: number): number {
  let v = 0;
  for (let k = i; k < i + d; k++) {
    const c = s.charCodeAt(k);
    if (!isDigit(c)) return -1;
    v = v * 10 + c - ZERO;
  }
  return v;
}

const daysIn = (y: number, m: number): number =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(m)
      ? 30
      : 31;

/**
 * `YYYY-MM-DD`, optionally with `THH:MM` or `THH:MM:SS` (T or space), years 1000–9999, as UTC
 * epoch ms; NaN for anything else (the caller then uses parseDate). Same value as parseDate.
 */
export function fastIsoDate(s: string, start = 0, end = s.length): number {
  const n = end - start;
  const o = start;
  if (n !== 10 && n !== 16 && n !== 19) return NaN;
  if (s.charCodeAt(o + 4) !== 45 || s.charCodeAt(o + 7) !== 45) return NaN;
  const y = digitsAt(s, o, 4);
  const m = digitsAt(s, o + 5, 2);
  const d = digitsAt(s, o + 8, 2);
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return NaN;
  let hh = 0;
  let mm = 0;
  let ss = 0;
  if (n > 10) {
    const sep = s.charCodeAt(o + 10);
    if ((sep !== 84 && sep !== 32) || s.charCodeAt(o + 13) !== 58) return NaN; // T or space, ':'
    hh = digitsAt(s, o + 11, 2);
    mm = digitsAt(s, o + 14, 2);
    if (n === 19) {
      if (s.charCodeAt(o + 16) !== 58) return NaN;
      ss = digitsAt(s, o + 17, 2);
    }
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return NaN;
  }
  return Date.UTC(y, m - 1, d, hh, mm, ss);
}

/** Missing unless it starts with a digit (no missing marker does): saves a trim and a lower-case. */
const missingCell = (c: string): boolean => {
  const k = c.length > 0 ? c.charCodeAt(0) : 0;
  return !isDigit(k) && isMissing(c);
};

/**
 * Parses every non-missing cell with `parse` into `out`; stops early (returning -1) as soon as the
 * column can no longer reach TYPE_SHARE of `present`. Otherwise returns how many cells parsed.
 */
function parseAll(
  cells: readonly string[],
  miss: Uint8Array,
  present: number,
  parse: (c: string) => number,
  out: Float64Array,
): number {
  const need = present * TYPE_SHARE;
  let ok = 0;
  let seen = 0;
  for (let i = 0; i < cells.length; i++) {
    if (miss[i]) {
      out[i] = NaN;
      continue;
    }
    seen++;
    const v = parse(cells[i]);
    out[i] = v;
    if (v === v) ok++;
    else if (ok + (present - seen) < need) return -1;
  }
  return ok;
}

function junkOf(lines: readonly number[], miss: Uint8Array, vals: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < vals.length; i++) if (!miss[i] && Number.isNaN(vals[i])) out.push(lines[i]);
  return out;
}

/**
 * Why a column with some numbers is still text: "Column "x" has numbers in only 12 of 300 non-empty
 * cells (4 %); a column counts as numeric when at least 90 % are numbers, so it is read as text."
 * Null for a column that is not text or holds no numbers at all.
 */
export function sparseNumbersNote(name: string, t: TypedColumn): string | null {
  if (t.kind !== 'text' || !t.numbers || !t.present) return null;
  const pct = Math.floor((100 * t.numbers) / t.present);
  return `Column "${name}" has numbers in only ${t.numbers} of ${t.present} non-empty cells (${pct} %); a column counts as numeric when at least ${TYPE_SHARE * 100} % of its non-empty cells are numbers, so it is read as text.`;
}

const countOk = (v: Float64Array): number =>
  v.reduce((acc, x) => acc + (Number.isNaN(x) ? 0 : 1), 0);

/**
 * Types one column: numeric when TYPE_SHARE of its present cells are numbers (in a `;` or tab file
 * `1.234,5` counts too when that reads more cells), else date when TYPE_SHARE are dates, else text.
 * An all-missing column is numeric (pandas' float64 of NaN).
 */
export function typeColumn(
  cells: readonly string[],
  lines: readonly number[],
  delimiter: string,
): TypedColumn {
  const n = cells.length;
  const miss = new Uint8Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    if (missingCell(cells[i])) miss[i] = 1;
    else present++;
  }
  const missingCount = n - present;
  if (present === 0) {
    return { kind: 'numeric', missing: n, values: new Float64Array(n).fill(NaN), junk: [] };
  }
  let numbers = new Float64Array(n);
  let numOk = parseAll(
    cells,
    miss,
    present,
    (c) => {
      const v = fastNumber(c);
      return v === v ? v : parseNumber(c);
    },
    numbers,
  );
  // Decimal commas are only tried where a comma cannot be the delimiter, and only when they read more.
  if (delimiter !== ',' && numOk < present && cells.some((c) => c.includes(','))) {
    if (numOk < 0) {
      numbers = Float64Array.from(cells, (c, i) => (miss[i] ? NaN : parseNumber(c)));
      numOk = countOk(numbers);
    }
    const eu = Float64Array.from(cells, (c, i) => (miss[i] ? NaN : parseDecimalComma(c)));
    const euOk = countOk(eu);
    if (euOk > numOk) [numbers, numOk] = [eu, euOk];
  }
  if (numOk >= 0 && numOk >= present * TYPE_SHARE) {
    const junk = junkOf(lines, miss, numbers);
    return { kind: 'numeric', missing: missingCount + junk.length, values: numbers, junk };
  }
  let order: SlashOrder | null = null; // only needed for cells that are not ISO dates
  const times = new Float64Array(n);
  const dateOk = parseAll(
    cells,
    miss,
    present,
    (c) => {
      const t = fastIsoDate(c);
      if (t === t) return t;
      order ??= slashOrder(cells);
      return parseDate(c, order);
    },
    times,
  );
  if (dateOk >= 0 && dateOk >= present * TYPE_SHARE) {
    const junk = junkOf(lines, miss, times);
    return { kind: 'date', missing: missingCount + junk.length, values: times, junk };
  }
  let numbersCount = 0;
  for (let i = 0; i < n; i++) if (!miss[i] && !Number.isNaN(parseNumber(cells[i]))) numbersCount++;
  return {
    kind: 'text',
    missing: missingCount,
    values: new Float64Array(0),
    junk: [],
    numbers: numbersCount,
    present,
  };
}
