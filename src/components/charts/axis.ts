/** Helpers for charts whose x axis is a row index labelled with the file's dates. */
import { isoDate } from '../../model/data/dates';

/**
 * Tick formatter: the date (YYYY-MM-DD, or YYYY when `yearly`: a year axis) of row i from the
 * dataset's `times`, or the row number.
 */
export function dateTick(times: Float64Array | null, yearly = false) {
  return (i: number): string => {
    const row = Math.round(i);
    const t = times?.[row];
    if (t === undefined || Number.isNaN(t)) return String(row);
    const day = isoDate(t, true);
    return yearly ? day.slice(0, 4) : day;
  };
}

/** Compact tick for values (1.2k, 3.4M) so the y axis stays narrow on a projector. */
export function valueTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (a >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(3)));
}
