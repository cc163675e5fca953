/**
 * A log axis from the data. Recharts' 'auto' domain on a log scale is computed linearly and clips
 * points near zero, so the loss chart passes an explicit domain and ticks from these helpers.
 */

const STEPS = [1, 2, 5, 10];

/** The largest 1·2·5×10^k not above v (v > 0). */
function niceBelow(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return p * [...STEPS].reverse().find((s) => s * p <= v * (1 + 1e-9))!;
}

/** The smallest 1·2·5×10^k not below v (v > 0). */
function niceAbove(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return p * STEPS.find((s) => s * p >= v * (1 - 1e-9))!;
}

/**
 * [lo, hi] covering every positive finite value with a 1.2× margin on each side in log space,
 * rounded out to 1·2·5 steps; null when there is nothing to draw.
 */
export function logDomain(values: Iterable<number>): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return null;
  return [niceBelow(min / 1.2), niceAbove(max * 1.2)];
}

/**
 * Tick values for a log axis on [lo, hi]: the powers of ten, with the 2 and 5 steps too when the
 * range spans fewer than three decades (so a short range still gets several labels).
 */
export function logTicks([lo, hi]: [number, number]): number[] {
  const decades = Math.log10(hi / lo);
  const steps = decades < 1 ? [1, 2, 5] : decades < 3 ? [1, 3] : [1];
  const ticks: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); 10 ** k <= hi * (1 + 1e-9); k++) {
    for (const s of steps) {
      const t = Number((s * 10 ** k).toPrecision(12));
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks;
}
