/**
 * Parse side of long format: when dates repeat, find the text column that tells the series apart
 * (stocks' `symbol`) and describe the split, or refuse the file. Used by parseDataset only.
 */
import type { SeriesSplit } from '../core/types';
import { DataError } from '../core/errors';
import { isMissing, type TypedColumn } from './columnType';
import { codeCategories, countDuplicateTimes, duplicateDatesMessage } from './series';

/** What splitLongFormat reads of the table being parsed. */
export interface LongFormatInput {
  name: string;
  header: string[];
  /** Columns as typed, values in chronological order. */
  typed: TypedColumn[];
  /** The axis column's name. */
  axis: string;
  /** The axis times, chronological. */
  times: Float64Array;
  /** Original row index of each chronological row, or null when the file was in order. */
  rowOrder: number[] | null;
  /** Cells of an original row. */
  row(i: number): string[];
  /** Preview rows kept per series. */
  cellRows: number;
}

/**
 * null when no date repeats. Otherwise the split by the text column (fewest categories first)
 * within whose categories every date occurs once, plus a warning when some series was out of
 * date order in the file (the rows were sorted; each series is now oldest first).
 * @throws DataError naming how many dates repeat when no text column explains them.
 */
export function splitLongFormat(input: LongFormatInput): {
  split: SeriesSplit;
  warnings: string[];
} | null {
  const { name, header, typed, axis, times, rowOrder, row, cellRows } = input;
  const dups = countDuplicateTimes(times);
  if (dups === 0) return null;
  const original = (i: number) => (rowOrder ? rowOrder[i] : i);
  const textIdx = typed.flatMap((t, j) => (t.kind === 'text' ? [j] : []));
  const texts = textIdx.map(() => new Array<string>(times.length));
  for (let i = 0; i < times.length; i++) {
    const r = row(original(i));
    textIdx.forEach((j, m) => (texts[m][i] = r[j] ?? ''));
  }
  const found = textIdx
    .map((j, m) => ({ j, cells: texts[m], coded: codeCategories(times, texts[m], isMissing) }))
    .filter((c) => c.coded !== null)
    .sort((a, b) => a.coded!.names.length - b.coded!.names.length)[0];
  if (!found?.coded) throw new DataError(duplicateDatesMessage(name, dups));
  const { names, counts, codes } = found.coded;
  const column = header[found.j];

  const heads = names.map(() => [] as string[][]);
  const lastOriginal = names.map(() => -1);
  let unsorted = false;
  let blank = 0;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i];
    if (k < 0) {
      blank++;
      continue;
    }
    if (heads[k].length < cellRows) heads[k].push(row(original(i)));
    if (original(i) < lastOriginal[k]) unsorted = true;
    lastOriginal[k] = original(i);
  }
  const textMissing = typed.map((t, j) => {
    if (t.kind === 'numeric') return [];
    const out = names.map(() => 0);
    const m = textIdx.indexOf(j);
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] < 0) continue;
      const gap = m >= 0 ? isMissing(texts[m][i]) : Number.isNaN(t.values[i]);
      if (gap) out[codes[i]]++;
    }
    return out;
  });
  const warnings: string[] = [];
  if (unsorted)
    warnings.push(
      `Rows of some ${column} series were not in date order; each series was sorted by "${axis}", oldest first.`,
    );
  if (blank > 0)
    warnings.push(`${blank} row(s) have no ${column} and belong to no series; they are left out.`);
  return { split: { column, names, counts, codes, heads, textMissing }, warnings };
}
