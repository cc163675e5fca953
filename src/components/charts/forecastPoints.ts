/** The Forecast figure's points: the end of the series, then the forecast steps (pure, testable). */
import type { ForecastValues } from '../../model/core/forecast';

/** One x position: a row index (the forecast's rows follow the last one). */
export interface ForecastPoint {
  x: number;
  actual: number | null;
  forecast: number | null;
  /** [low, high] of the band, or null. */
  band: [number, number] | null;
  persistence: number | null;
}

/** Rows of history shown before the forecast: three times the steps, at least 120. */
export function historyRows(steps: number): number {
  return Math.max(120, 3 * steps);
}

/**
 * The last {@link historyRows} values of `values`, then the forecast; the forecast, the band and
 * persistence (the last value, flat) start at the last row so the lines join the series.
 */
export function forecastPoints(values: ArrayLike<number>, f: ForecastValues): ForecastPoint[] {
  const n = values.length;
  const steps = f.forecast.length;
  const from = Math.max(0, n - historyRows(steps));
  const last = values[n - 1];
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  const out: ForecastPoint[] = [];
  for (let i = from; i < n; i++) {
    const end = i === n - 1 && Number.isFinite(last);
    out.push({
      x: i,
      actual: finite(values[i]),
      forecast: end ? last : null,
      band: end ? [last, last] : null,
      persistence: end ? last : null,
    });
  }
  for (let s = 0; s < steps; s++) {
    out.push({
      x: n + s,
      actual: null,
      forecast: finite(f.forecast[s]),
      band: [f.low[s], f.high[s]],
      persistence: finite(last),
    });
  }
  return out;
}

/** "A", "A and B", "A, B and C". */
export function namesList(names: readonly string[]): string {
  return names.length < 2
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
