/** Turns CSV text into a typed, chronological Dataset (column kinds, missing values, dates, order). */
import type { ColumnInfo, Dataset } from '../core/types';
import { headerWidth, readCsv, listLines, plural } from './csv';
import { checkColumnCount, DataError } from '../core/errors';
import { emptyRecord } from '../core/records';
import { sparseNumbersNote, typeColumn, type TypedColumn } from './columnType';
import { readPlainTable } from './plainTable';
import { splitLongFormat } from './longFormat';
import { isYearColumn, isYearly, yearTimes } from './series';

/** Options of parseDataset. */
export interface ParseOptions {
  /** Keep the cell text of only this many rows (the oldest) in `cells`; all rows by default. */
  cellRows?: number;
  /** Use the columnar fast path for plain files (default true; false only to compare in tests). */
  plainPath?: boolean;
}

/** The two readers' common face: header, line numbers, column typing and rows by index. */
interface TableSource {
  header: string[];
  rowCount: number;
  warnings: string[];
  typeColumn(j: number): TypedColumn;
  row(i: number): string[];
}

/** The general path: PapaParse via readCsv (quotes, ragged rows, any line breaks). */
function csvTable(text: string, name: string): TableSource {
  const { header, rows, lines, delimiter, warnings } = readCsv(text, name);
  return {
    header,
    rowCount: rows.length,
    warnings,
    typeColumn: (j) =>
      typeColumn(
        rows.map((r) => r[j]),
        lines,
        delimiter,
      ),
    row: (i) => rows[i],
  };
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
  if (down === 0) return { order: null, reversed: false, sorted: false };
  const idx = Array.from(times, (_, i) => i);
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
 * Missing markers (MISSING_MARKERS) are counted per column and stored as NaN. The axis (the first
 * date column, else an integer year column) orders the rows: a newest-first file is reversed
 * (`reversed: true` and a warning), a shuffled one is sorted; `times` holds NaN where a row has no
 * date. Dates that repeat need a text column that tells the series apart (`series`, long format).
 * Ragged rows: see readCsv. A numeric column keeps up to 10% cells that are not numbers, as gaps,
 * with a warning. Pure; no I/O.
 * @throws DataError with a specific message for an empty, binary or header-only file, one with more
 *   than MAX_COLUMNS columns, one without a numeric column, one whose rows are all unusable, or one whose dates repeat unexplained.
 */
export function parseDataset(text: string, name: string, options: ParseOptions = {}): Dataset {
  const { cellRows = Infinity, plainPath = true } = options;
  checkColumnCount(headerWidth(text), name);
  const table = (plainPath && readPlainTable(text, name)) || csvTable(text, name);
  const { header, rowCount } = table;
  const warnings = [...table.warnings];
  const typed = header.map((_, j) => table.typeColumn(j));
  const sparse = typed.flatMap((t, j) => sparseNumbersNote(header[j], t) ?? []);
  if (!typed.some((t) => t.kind === 'numeric' && t.missing < rowCount)) {
    throw new DataError(
      [
        `"${name}" has no numeric column (columns: ${header.slice(0, 20).join(', ')}${header.length > 20 ? ', …' : ''}); the network needs at least one column of numbers.`,
        ...sparse.slice(0, 3),
      ].join(' '),
    );
  }
  warnings.push(...sparse);
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

  // The axis: the first date column, else an integer year column (its times: Jan 1 of each year).
  const dateIdx = typed.findIndex((t) => t.kind === 'date');
  const axisIdx =
    dateIdx >= 0
      ? dateIdx
      : typed.findIndex((t, j) => t.kind === 'numeric' && isYearColumn(header[j], t.values));
  let times =
    axisIdx < 0 ? null : dateIdx >= 0 ? typed[dateIdx].values : yearTimes(typed[axisIdx].values);
  let reversed = false;
  let rowOrder: number[] | null = null;
  let sortNote: string | null = null;
  if (times) {
    const chrono = chronology(times);
    if (chrono.order) {
      const order = chrono.order;
      rowOrder = order;
      const permute = (a: Float64Array) => {
        const v = new Float64Array(order.length);
        for (let i = 0; i < order.length; i++) v[i] = a[order[i]];
        return v;
      };
      for (const t of typed) if (t.values.length > 0) t.values = permute(t.values);
      times = dateIdx >= 0 ? typed[dateIdx].values : permute(times);
      reversed = chrono.reversed;
      sortNote = chrono.sorted
        ? `Rows were not in date order; they were sorted by "${header[axisIdx]}", oldest first.`
        : `Rows were newest-first; they were reversed so the oldest row comes first.`;
    }
  }
  // Dates that repeat: long format (one series per category) or a refusal; never interleaved.
  const long = times
    ? splitLongFormat({
        name,
        header,
        typed,
        axis: header[axisIdx],
        times,
        rowOrder,
        row: (i) => table.row(i),
        cellRows,
      })
    : null;
  if (long) warnings.push(...long.warnings);
  else if (sortNote) warnings.push(sortNote);

  const numeric = emptyRecord<Float64Array>();
  const columns: ColumnInfo[] = header.map((h, j) => {
    const t = typed[j];
    let constant: number | null = null;
    if (t.kind === 'numeric') {
      numeric[h] = t.values;
      const first = t.values.find((v) => !Number.isNaN(v));
      // Not a warning here: a constant column matters only as the target (see constantTargetNote).
      if (
        rowCount > 1 &&
        first !== undefined &&
        t.values.every((v) => Number.isNaN(v) || v === first)
      )
        constant = first;
    }
    return { name: h, kind: t.kind, missing: t.missing, constant };
  });

  const dateOnly = times !== null && times.every((t) => Number.isNaN(t) || t % 86_400_000 === 0);
  const cells = new Array<string[]>(Math.min(rowCount, Math.max(0, cellRows)));
  for (let i = 0; i < cells.length; i++) cells[i] = table.row(rowOrder ? rowOrder[i] : i);
  return {
    name,
    columns,
    rowCount,
    cells,
    numeric,
    dateColumn: axisIdx >= 0 ? header[axisIdx] : null,
    times,
    dateOnly,
    yearly: times !== null && isYearly(times),
    series: long?.split ?? null,
    reversed,
    warnings,
  };
}
