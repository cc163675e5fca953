/**
 * Facts about a parsed dataset's columns that the page needs without the CSV reader: the default
 * target column and the note about a constant target. (Kept apart from dataset.ts, which imports
 * PapaParse: the page's bundle stays free of it.)
 */
import type { Dataset } from '../core/types';

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
