/**
 * Histograms of plain numbers (the inspector's weight histogram). No tfjs here.
 */
import type { Histogram } from './inspect';

/**
 * Counts the finite values of `arrays` into `bins` equal bins over their [min, max] (the last bin
 * closed). When every value is equal the range is widened to [v − 0.5, v + 0.5], so they fall in the
 * middle bin instead of dividing by zero; with no finite value at all the range is [0, 0] and every
 * count 0. Non-finite values (a diverged run) are left out.
 */
export function histogramOf(arrays: readonly Float32Array[], bins: number): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const counts = new Int32Array(bins);
  if (!Number.isFinite(max - min)) {
    // No values, or an infinity among them: count the finite ones, if any.
    const finite = arrays.map((a) => a.filter(Number.isFinite));
    return finite.some((a) => a.length > 0)
      ? histogramOf(finite, bins)
      : { min: 0, max: 0, counts };
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const scale = bins / (max - min);
  for (const a of arrays) {
    for (const v of a) {
      if (!(v >= min && v <= max)) continue; // NaN
      counts[Math.min(bins - 1, Math.floor((v - min) * scale))]++;
    }
  }
  return { min, max, counts };
}
