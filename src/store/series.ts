/** Bounded chart series: charts never receive more than MAX_POINTS points, however long the run. */

/** Most points a chart line gets. */
export const MAX_POINTS = 1000;

export interface XY {
  x: number;
  y: number;
}

/** One finished epoch's losses. */
export interface EpochPoint {
  epoch: number;
  train: number;
  val: number;
}

/**
 * Appends a point; when the series grows past `max`, neighbouring pairs are averaged so the
 * series halves (keeps the shape of a loss curve, bounded memory, O(1) amortised).
 */
export function appendBounded(series: readonly XY[], point: XY, max = MAX_POINTS): XY[] {
  const next = [...series, point];
  if (next.length <= max) return next;
  const halved: XY[] = [];
  for (let i = 0; i + 1 < next.length; i += 2) {
    halved.push({ x: next[i + 1].x, y: (next[i].y + next[i + 1].y) / 2 });
  }
  if (next.length % 2 === 1) halved.push(next[next.length - 1]);
  return halved;
}

/** Indices of at most `max` evenly spaced points of [0, n), always keeping the first and last. */
export function sampleIndices(n: number, max = MAX_POINTS): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (max - 1);
  for (let k = 0; k < max; k++) out.push(Math.round(k * step));
  return out;
}

/**
 * Exponential moving average step (TensorBoard-style smoothing of the per-batch loss). The weight is
 * modest because the worker samples the batch loss only ~10 times a second, not every batch.
 */
export function smooth(prev: number | null, value: number, weight = 0.6): number {
  return prev === null || !Number.isFinite(prev) ? value : weight * prev + (1 - weight) * value;
}
