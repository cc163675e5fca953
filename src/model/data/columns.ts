/**
 * Facts about a parsed dataset's columns that the page needs without the CSV reader: the default
 * target column (never the axis, an id or a code), the notes about a constant target and a file
 * without a time axis. (Kept apart from dataset.ts, which imports PapaParse: the page's bundle
 * stays free of it.)
 */
import type { Dataset } from '../core/types';
import { hasIdName, isYearColumn } from './series';

/** Column names (lower case) that say "this is the series", in order of preference. */
const VALUE_NAMES = ['open', 'close', 'adj close', 'adj_close', 'price', 'value'];

/**
 * True when a numeric column holds identifiers, not measurements: integers that count up by 1 in
 * every row (a row number), or integers named like an id or code (`id`, `zip_code`, `FIPS`), or
 * integers written with a leading zero in the preview rows (`00501`: a code, not a quantity).
 */
export function isIdLike(ds: Dataset, column: string): boolean {
  const values = ds.numeric[column];
  const j = ds.columns.findIndex((c) => c.name === column);
  if (!values || j < 0) return false;
  let step1 = values.length >= 3;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      step1 = false;
      continue;
    }
    if (!Number.isInteger(v)) return false;
    if (i > 0 && v !== values[i - 1] + 1) step1 = false;
  }
  if (step1 || hasIdName(column)) return true;
  return ds.cells.some((row) => /^0\d+$/.test(row[j]?.trim() ?? ''));
}

/**
 * The default target: a column named like the series (`Open`, `Close`, `Adj Close`, `price`,
 * `value`, case-insensitive, in that order), else the first numeric column with a value that is
 * neither the time axis, nor a year column beside a date axis, nor id-like (isIdLike), nor
 * constant, nor a pandas index (`Unnamed: 0`);
 * failing that, the first numeric column with a value that is not the axis, else the first numeric
 * column, else null.
 */
export function defaultTargetColumn(ds: Dataset): string | null {
  const numeric = ds.columns.filter((c) => c.kind === 'numeric');
  const usable = numeric.filter((c) => c.missing < ds.rowCount && c.name !== ds.dateColumn);
  const named = VALUE_NAMES.map((n) => usable.find((c) => c.name.toLowerCase() === n)).find(
    (c) => c !== undefined,
  );
  return (
    (
      named ??
      usable.find(
        (c) =>
          c.constant === null &&
          !/^Unnamed: \d+$/.test(c.name) &&
          !isIdLike(ds, c.name) &&
          !isYearColumn(c.name, ds.numeric[c.name]),
      ) ??
      usable[0] ??
      numeric[0]
    )?.name ?? null
  );
}

/** The note for a file without a time axis (its rows are taken as equally spaced), or null. */
export function noAxisNote(ds: Dataset): string | null {
  return ds.dateColumn === null
    ? 'No date or year column: the rows are taken as equally spaced time steps, in file order.'
    : null;
}

/**
 * The extra input columns of a run, in the file's column order: the numeric columns named in
 * `chosen`, without the target (always input 0) and without names the file lacks (checkDataConfig
 * refuses those with a message before a run).
 */
export function extraInputColumns(
  ds: Dataset,
  target: string,
  chosen: readonly string[],
): string[] {
  const wanted = new Set(chosen);
  return ds.columns
    .filter((c) => c.kind === 'numeric' && c.name !== target && wanted.has(c.name))
    .map((c) => c.name);
}

/** The warning for a target column with one value in every row (it trains, but learns only that), or null. */
export function constantTargetNote(ds: Dataset, target: string): string | null {
  const value = ds.columns.find((c) => c.name === target)?.constant ?? null;
  return value === null
    ? null
    : `Column "${target}" has the same value (${value}) in every row; a model can only learn that constant.`;
}
