/**
 * The time axis and long format. parseDataset uses the detectors (a year column as the axis;
 * dates that repeat once per category); the page derives one series' rows with seriesDataset.
 * No PapaParse here: the page's bundle imports this file.
 */
import type { ColumnInfo, Dataset, SeriesSplit } from '../core/types';
import { DataError } from '../core/errors';
import { emptyRecord } from '../core/records';

/** Most categories a long-format column may have (more is not a few series, and no menu). */
export const MAX_SERIES = 1000;
const YEAR_NAME = /year|yr|jahr|année|año/i;
/** Name words that mark identifiers and codes (`id`, `zip_code`, `userId`). */
const ID_WORDS = new Set(['id', 'code', 'zip', 'zipcode', 'postcode', 'fips', 'index', 'idx']);

/** True when a column's name says it holds identifiers or codes (`id`, `zip_code`, `countyFips`). */
export function hasIdName(name: string): boolean {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => ID_WORDS.has(w));
}
const MS_PER_DAY = 86_400_000;

/**
 * True when a numeric column is a year axis: integers 1000–2100 (at least two distinct), not named
 * like an id or code, and either named like a year or strictly increasing in file order.
 */
export function isYearColumn(name: string, values: Float64Array): boolean {
  if (hasIdName(name)) return false;
  let n = 0;
  let increasing = true;
  let prev = -Infinity;
  let distinct = false;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v) || v < 1000 || v > 2100) return false;
    if (v <= prev) increasing = false;
    if (n > 0 && v !== prev) distinct = true;
    prev = v;
    n++;
  }
  return distinct && (YEAR_NAME.test(name) || increasing);
}

/** Jan 1 00:00 UTC of each year, as epoch ms (NaN stays NaN). */
export function yearTimes(years: Float64Array): Float64Array {
  return years.map((y) => (Number.isNaN(y) ? NaN : Date.UTC(y, 0, 1)));
}

/** True when every time is Jan 1 00:00 UTC (and there is one): the axis counts years. */
export function isYearly(times: Float64Array): boolean {
  let any = false;
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    if (t % MS_PER_DAY !== 0) return false;
    const d = new Date(t);
    if (d.getUTCMonth() !== 0 || d.getUTCDate() !== 1) return false;
    any = true;
  }
  return any;
}

/**
 * How many distinct times occur more than once, for times in chronological order (NaN gaps
 * anywhere). O(n): equal times are adjacent once sorted.
 */
export function countDuplicateTimes(times: Float64Array): number {
  let dups = 0;
  let prev = NaN;
  let counted = false;
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    if (t === prev) {
      if (!counted) dups++;
      counted = true;
    } else counted = false;
    prev = t;
  }
  return dups;
}

/** The refusal for repeated dates that no text column explains. */
export function duplicateDatesMessage(name: string, dups: number): string {
  const what = dups === 1 ? '1 date appears' : `${dups} dates appear`;
  return `"${name}": ${what} more than once and no text column tells the series apart; the app will not interleave them.`;
}

/**
 * Codes a category column so each category's times strictly increase (each date once per series),
 * or returns null when a category repeats a date, there are not 2…MAX_SERIES categories, or they
 * average fewer than two rows each.
 * `times` chronological; `cells` the column's text in the same order; empty cells get code -1.
 */
export function codeCategories(
  times: Float64Array,
  cells: readonly string[],
  isMissing: (cell: string) => boolean,
): { names: string[]; counts: number[]; codes: Int32Array } | null {
  const index = new Map<string, number>();
  const names: string[] = [];
  const counts: number[] = [];
  const last: number[] = [];
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (isMissing(cell)) {
      codes[i] = -1;
      continue;
    }
    const label = cell.trim();
    let k = index.get(label);
    if (k === undefined) {
      if (names.length >= MAX_SERIES) return null;
      k = names.length;
      index.set(label, k);
      names.push(label);
      counts.push(0);
      last.push(-Infinity);
    }
    const t = times[i];
    if (!Number.isNaN(t)) {
      if (t <= last[k]) return null;
      last[k] = t;
    }
    codes[i] = k;
    counts[k]++;
  }
  // Values that repeat across dates: at least two rows per category on average (a column of
  // names, one per event, is not a set of series).
  const coded = counts.reduce((a, b) => a + b, 0);
  return names.length >= 2 && names.length * 2 <= coded ? { names, counts, codes } : null;
}

/** The name of the series with the most rows (the first such), or null without a split. */
export function largestSeries(split: SeriesSplit | null): string | null {
  if (!split || split.names.length === 0) return null;
  let best = 0;
  split.counts.forEach((c, k) => {
    if (c > split.counts[best]) best = k;
  });
  return split.names[best];
}

function constantOf(values: Float64Array): number | null {
  const first = values.find((v) => !Number.isNaN(v));
  if (values.length < 2 || first === undefined) return null;
  return values.every((v) => Number.isNaN(v) || v === first) ? first : null;
}

/**
 * One series of a long-format dataset as a Dataset of its own (its rows, chronological; the
 * preview cells of its first rows; missing counts and constants of its rows), so tables, charts
 * and training use it unchanged. Returns `full` itself when it has no split.
 * @throws DataError when `name` is not one of the split's series.
 */
export function seriesDataset(full: Dataset, name: string): Dataset {
  const split = full.series;
  if (!split) return full;
  const k = split.names.indexOf(name);
  if (k < 0) {
    throw new DataError(`"${full.name}" has no ${split.column} "${name}".`);
  }
  const rows: number[] = [];
  split.codes.forEach((c, i) => {
    if (c === k) rows.push(i);
  });
  const pick = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]);
  // Null prototype: a column may be called `__proto__`.
  const numeric = emptyRecord<Float64Array>();
  const columns: ColumnInfo[] = full.columns.map((c, j) => {
    const values = c.kind === 'numeric' ? full.numeric[c.name] : undefined;
    if (!values) return { ...c, missing: split.textMissing[j]?.[k] ?? c.missing, constant: null };
    const v = pick(values);
    numeric[c.name] = v;
    const missing = v.reduce((n, x) => n + (Number.isNaN(x) ? 1 : 0), 0);
    return { ...c, missing, constant: constantOf(v) };
  });
  return {
    ...full,
    columns,
    rowCount: rows.length,
    cells: split.heads[k],
    numeric,
    times: full.times ? pick(full.times) : null,
    series: null,
  };
}
