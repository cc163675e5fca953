/** Exploration equal to pandas: `head()`, `shape`, `isna().sum()` and `describe()`. */
import type { Dataset, DescribeStats } from '../core/types';
import { emptyRecord } from '../core/records';

/** Linear-interpolation quantile of sorted values (numpy's default `linear` method), q in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's _lerp: the second form is exact at t = 1 and keeps monotonicity.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/**
 * pandas `Series.describe()` of one numeric column. NaN cells are skipped; `count` is the number
 * of non-missing values. `std` uses n − 1 (pandas' ddof=1). A statistic pandas reports as NaN is NaN
 * here too: every field but `count` when count is 0, and `std` when count < 2. (Shown as "NaN" by the UI.)
 */
export function describe(values: Float64Array): DescribeStats {
  // A plain loop, not filter(callback): a million-row column copies in milliseconds, not ~80 ms.
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  const present = count === values.length ? values.slice() : new Float64Array(count);
  if (count < values.length) {
    let k = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present[k++] = values[i];
  }
  if (count === 0) {
    return { count: 0, mean: NaN, std: NaN, min: NaN, q25: NaN, q50: NaN, q75: NaN, max: NaN };
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += present[i];
  const mean = sum / count;
  let sq = 0;
  for (let i = 0; i < count; i++) sq += (present[i] - mean) * (present[i] - mean);
  const std = count < 2 ? NaN : Math.sqrt(sq / (count - 1));
  const sorted = present.sort();
  return {
    count,
    mean,
    std,
    min: sorted[0],
    q25: quantileSorted(sorted, 0.25),
    q50: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    max: sorted[count - 1],
  };
}

/** describe() of every numeric column, keyed by column name, in column order. */
export function describeDataset(ds: Dataset): Record<string, DescribeStats> {
  const out = emptyRecord<DescribeStats>();
  for (const c of ds.columns) {
    const v = ds.numeric[c.name];
    if (c.kind === 'numeric' && v) out[c.name] = describe(v);
  }
  return out;
}

/** The first n rows as cell text, oldest first (pandas `head(n)`); a negative n gives none. */
export function head(ds: Dataset, n = 5): string[][] {
  return ds.cells.slice(0, Math.max(0, n));
}

/** [rows, columns], as pandas `shape`. */
export function shape(ds: Dataset): [number, number] {
  return [ds.rowCount, ds.columns.length];
}

/** Missing cells per column, every column (pandas `isna().sum()`). */
export function missingCounts(ds: Dataset): Record<string, number> {
  const out = emptyRecord<number>();
  for (const c of ds.columns) out[c.name] = c.missing;
  return out;
}
