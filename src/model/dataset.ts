/** Turns CSV text into a typed, chronological Dataset (column kinds, missing values, dates, order). */
import type { ColumnInfo, ColumnKind, Dataset } from './types';
import { readCsv, listLines, plural } from './csv';
import { DataError } from './errors';
import { isoDate, parseDate, slashOrder } from './dates';

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

/**
 * A column is numeric (or a date column) when at least this share of its non-missing cells parse;
 * the few that do not are treated as gaps, with a warning naming their lines.
 */
const TYPE_SHARE = 0.9;

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

const countOk = (v: Float64Array): number =>
  v.reduce((acc, x) => acc + (Number.isNaN(x) ? 0 : 1), 0);

interface Typed {
  kind: ColumnKind;
  missing: number;
  values: Float64Array;
  /** Lines of cells that were neither missing nor of the column's kind (turned into gaps). */
  junk: number[];
}

function typeColumn(cells: string[], lines: number[], delimiter: string): Typed {
  const n = cells.length;
  const miss = cells.map(isMissing);
  const present = miss.filter((m) => !m).length;
  const missingCount = n - present;
  let numbers = Float64Array.from(cells, (c, i) => (miss[i] ? NaN : parseNumber(c)));
  let numOk = countOk(numbers);
  if (delimiter !== ',' && numOk < present && cells.some((c) => c.includes(','))) {
    const eu = Float64Array.from(cells, (c, i) => (miss[i] ? NaN : parseDecimalComma(c)));
    const euOk = countOk(eu);
    if (euOk > numOk) [numbers, numOk] = [eu, euOk];
  }
  const junkOf = (vals: Float64Array): number[] =>
    lines.filter((_, i) => !miss[i] && Number.isNaN(vals[i]));
  // An all-missing column is numeric, as in pandas (float64 of NaN), so the target check can say so.
  if (present === 0) return { kind: 'numeric', missing: n, values: numbers, junk: [] };
  if (numOk >= present * TYPE_SHARE) {
    const junk = junkOf(numbers);
    return { kind: 'numeric', missing: missingCount + junk.length, values: numbers, junk };
  }
  const order = slashOrder(cells);
  const times = Float64Array.from(cells, (c, i) => (miss[i] ? NaN : parseDate(c, order)));
  const dateOk = countOk(times);
  if (dateOk >= present * TYPE_SHARE) {
    const junk = junkOf(times);
    return { kind: 'date', missing: missingCount + junk.length, values: times, junk };
  }
  return { kind: 'text', missing: missingCount, values: new Float64Array(0), junk: [] };
}

/** Indices in chronological order, or null when already in order; `reversed` when newest-first. */
function chronology(times: Float64Array): {
  order: number[] | null;
  reversed: boolean;
  sorted: boolean;
} {
  let up = 0;
  let down = 0;
  let prev = NaN;
  for (const t of times) {
    if (!Number.isNaN(t) && !Number.isNaN(prev)) {
      if (t > prev) up++;
      else if (t < prev) down++;
    }
    if (!Number.isNaN(t)) prev = t;
  }
  const idx = Array.from(times, (_, i) => i);
  if (down === 0) return { order: null, reversed: false, sorted: false };
  if (up === 0) return { order: idx.reverse(), reversed: true, sorted: false };
  // Mixed order: a stable sort by date; rows without a date keep their place relative to the previous dated row.
  const keys = new Float64Array(times.length);
  let last = -Infinity;
  times.forEach((t, i) => {
    keys[i] = Number.isNaN(t) ? last : t;
    last = keys[i];
  });
  const flip = down > up; // mostly newest-first: reverse first so ties keep a sensible order
  const base = flip ? idx.reverse() : idx;
  base.sort((a, b) => keys[a] - keys[b]);
  return { order: base, reversed: flip, sorted: true };
}

/**
 * Parses CSV/TSV text (any of `,` `;` tab; `.tsv` means tab) into a typed Dataset, oldest row first.
 * Missing markers (MISSING_MARKERS) are counted per column and stored as NaN. The first date column
 * orders the rows: a newest-first file is reversed (`reversed: true` and a warning), a shuffled one
 * is sorted; `dates` holds '' where a row has no date. Ragged rows: see readCsv. A numeric column
 * keeps up to 10% cells that are not numbers, as gaps, with a warning. Pure; no I/O.
 * @throws DataError with a specific message for an empty, binary or header-only file, one without
 *   a numeric column, or one whose rows are all unusable.
 */
export function parseDataset(text: string, name: string): Dataset {
  const table = readCsv(text, name);
  const { header, lines } = table;
  let rows = table.rows;
  const warnings = [...table.warnings];
  const typed = header.map((_, j) =>
    typeColumn(
      rows.map((r) => r[j]),
      lines,
      table.delimiter,
    ),
  );
  if (!typed.some((t) => t.kind === 'numeric' && t.missing < rows.length)) {
    throw new DataError(
      `"${name}" has no numeric column (columns: ${header.join(', ')}); the network needs at least one column of numbers.`,
    );
  }
  typed.forEach((t, j) => {
    if (t.junk.length > 0) {
      const one = t.junk.length === 1;
      const what = t.kind === 'numeric' ? 'number' : 'date';
      const verb = one
        ? `is not a ${what} and counts as a gap`
        : `are not ${what}s and count as gaps`;
      warnings.push(
        `Column "${header[j]}": ${plural(t.junk.length, 'cell')} ${verb}: ${listLines(t.junk)}.`,
      );
    }
  });

  const dateIdx = typed.findIndex((t) => t.kind === 'date');
  let times = dateIdx >= 0 ? typed[dateIdx].values : null;
  let reversed = false;
  if (times) {
    const chrono = chronology(times);
    if (chrono.order) {
      const order = chrono.order;
      rows = order.map((i) => rows[i]);
      for (const t of typed)
        if (t.values.length > 0) t.values = Float64Array.from(order, (i) => t.values[i]);
      times = typed[dateIdx].values;
      reversed = chrono.reversed;
      warnings.push(
        chrono.sorted
          ? `Rows were not in date order; they were sorted by "${header[dateIdx]}", oldest first.`
          : `Rows were newest-first; they were reversed so the oldest row comes first.`,
      );
    }
  }

  const numeric: Record<string, Float64Array> = {};
  const columns: ColumnInfo[] = header.map((h, j) => {
    const t = typed[j];
    if (t.kind === 'numeric') {
      numeric[h] = t.values;
      const first = t.values.find((v) => !Number.isNaN(v));
      if (
        rows.length > 1 &&
        first !== undefined &&
        t.values.every((v) => Number.isNaN(v) || v === first)
      ) {
        warnings.push(
          `Column "${h}" has the same value (${first}) in every row; a model can only learn that constant.`,
        );
      }
    }
    return { name: h, kind: t.kind, missing: t.missing };
  });

  let dates: string[] | null = null;
  if (times) {
    const tms = times;
    const dateOnly = tms.every((t) => Number.isNaN(t) || t % 86_400_000 === 0);
    dates = Array.from(tms, (t) => isoDate(t, dateOnly));
  }
  return {
    name,
    columns,
    rowCount: rows.length,
    cells: rows,
    numeric,
    dateColumn: dateIdx >= 0 ? header[dateIdx] : null,
    dates,
    reversed,
    warnings,
  };
}

/**
 * `Open` (case-insensitive) when present, else the first numeric column that has a value (a pandas
 * index column named `Unnamed: 0` only as a last resort), else the first numeric column, else null.
 */
export function defaultTargetColumn(ds: Dataset): string | null {
  const numeric = ds.columns.filter((c) => c.kind === 'numeric');
  return (
    (
      numeric.find((c) => c.name.toLowerCase() === 'open') ??
      numeric.find((c) => c.missing < ds.rowCount && !/^Unnamed: \d+$/.test(c.name)) ??
      numeric.find((c) => c.missing < ds.rowCount) ??
      numeric[0]
    )?.name ?? null
  );
}
