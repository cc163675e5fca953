/**
 * Baselines a network must beat, as pure functions over window matrices (no tfjs): a ridge
 * regression on the same windows ("Linear") and the seasonal naive forecast ŷ_t = y_{t−m} with a
 * period m detected from the time axis and the autocorrelation of the training part.
 * A window matrix X is [n, d] row-major (d = timesteps for one input column, k · timesteps later).
 */
import type { Metrics } from './types';

/** A fitted linear model ŷ = x · coef + intercept (scaled units, as the windows). */
export interface LinearModel {
  coef: Float64Array;
  intercept: number;
  /** The penalty used. */
  lambda: number;
}

/** The baselines beside persistence, sent by the trainer with `loaded`. */
export interface BaselineMetrics {
  /** Ridge on the same windows; null when it could not be fitted (e.g. no train window). */
  linear: Metrics | null;
  /** ŷ_t = y_{t−period}; null when the series shows no clear period. */
  seasonal: { period: number; metrics: Metrics } | null;
}

/**
 * The ridge penalty for `nTrain` windows: λ = 1e-6 · nTrain, i.e. 1e-6 · ‖w‖² added to the mean
 * squared error in scaled units. Just enough to make the system solvable when windows outnumber
 * rows or neighbouring days are nearly collinear (condition ≤ about 1e6 · timesteps), small enough
 * not to shrink the fit: on the S&P 500 sample (1,446 windows, λ = 0.0014) ten times more or less
 * moves the test RMSE by under 0.3 %, while λ = 1e-3 · nTrain shrinks the weights' sum to 0.998
 * and the RMSE grows from 35.7 to 63.
 */
export function ridgeLambda(nTrain: number): number {
  return 1e-6 * nTrain;
}

/**
 * Ridge regression min ‖y − Xw − b‖² + λ‖w‖² with an unpenalised intercept, as scikit-learn's
 * `Ridge(alpha=λ, fit_intercept=True)`: columns and targets are centred, (XcᵀXc + λI) w = Xcᵀyc is
 * solved by Cholesky in float64, and b = ȳ − x̄·w. X is [n, d] row-major. Cost n·d² + d³/3.
 * @throws Error when n = 0 or the system is not positive definite (λ = 0 on collinear columns).
 */
export function fitRidge(
  X: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  d: number,
  lambda: number,
): LinearModel {
  if (n === 0) throw new Error('fitRidge: no rows.');
  const mx = new Float64Array(d);
  let my = 0;
  for (let i = 0; i < n; i++) {
    my += y[i];
    for (let j = 0; j < d; j++) mx[j] += X[i * d + j];
  }
  my /= n;
  for (let j = 0; j < d; j++) mx[j] /= n;
  // A = XcᵀXc + λI (upper triangle, mirrored), b = Xcᵀyc.
  const A = new Float64Array(d * d);
  const b = new Float64Array(d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = X[i * d + j] - mx[j];
    const yc = y[i] - my;
    for (let j = 0; j < d; j++) {
      const rj = row[j];
      b[j] += rj * yc;
      for (let k = j; k < d; k++) A[j * d + k] += rj * row[k];
    }
  }
  for (let j = 0; j < d; j++) {
    A[j * d + j] += lambda;
    for (let k = 0; k < j; k++) A[j * d + k] = A[k * d + j];
  }
  const coef = solveCholesky(A, b, d);
  let intercept = my;
  for (let j = 0; j < d; j++) intercept -= mx[j] * coef[j];
  return { coef, intercept, lambda };
}

/** Solves A x = b for symmetric positive definite A [d, d] (overwritten with its factor L). */
function solveCholesky(A: Float64Array, b: Float64Array, d: number): Float64Array {
  for (let j = 0; j < d; j++) {
    let s = A[j * d + j];
    for (let k = 0; k < j; k++) s -= A[j * d + k] * A[j * d + k];
    if (!(s > 0)) throw new Error('fitRidge: the system is not positive definite.');
    const l = Math.sqrt(s);
    A[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = A[i * d + j];
      for (let k = 0; k < j; k++) t -= A[i * d + k] * A[j * d + k];
      A[i * d + j] = t / l;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < i; k++) x[i] -= A[i * d + k] * x[k];
    x[i] /= A[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    for (let k = i + 1; k < d; k++) x[i] -= A[k * d + i] * x[k];
    x[i] /= A[i * d + i];
  }
  return x;
}

/** Predictions x · coef + intercept for the n rows of X [n, d]. */
export function predictLinear(m: LinearModel, X: ArrayLike<number>, n: number): Float64Array {
  const d = m.coef.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = m.intercept;
    for (let j = 0; j < d; j++) s += X[i * d + j] * m.coef[j];
    out[i] = s;
  }
  return out;
}

/** Smallest autocorrelation (of the differenced train part) at which a period counts as clear. */
export const SEASONAL_MIN_ACF = 0.3;

const DAY = 86_400_000;

/**
 * The periods worth trying for rows spaced as `times` (epoch ms; NaN ignored): calendar days → 7
 * and 365, trading days (weekends missing) → 5 and 252, weeks → 52, months → 12, quarters → 4,
 * hours → 24 and 168. Without a time axis, or with another spacing: 5, 7, 12, 24, 52.
 */
export function candidatePeriods(times: ArrayLike<number> | null): number[] {
  const gaps: number[] = [];
  if (times) {
    for (let i = 1; i < times.length; i++) {
      const g = times[i] - times[i - 1];
      if (Number.isFinite(g) && g > 0) gaps.push(g);
    }
  }
  if (gaps.length === 0) return [5, 7, 12, 24, 52];
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] / DAY;
  if (median >= 0.9 && median <= 1.1) {
    // Trading days: about one gap in five spans a weekend (3 days or more).
    const long = gaps.filter((g) => g >= 2.5 * DAY).length / gaps.length;
    return long > 0.1 ? [5, 252] : [7, 365];
  }
  if (median >= 6 && median <= 8) return [52];
  if (median >= 27 && median <= 32) return [12];
  if (median >= 88 && median <= 93) return [4];
  if (median >= 0.9 / 24 && median <= 1.1 / 24) return [24, 168];
  return [5, 7, 12, 24, 52];
}

/**
 * Autocorrelation at `lag` of the first differences of `values` (differencing removes a trend or
 * random walk, which would otherwise correlate at every lag). NaN when too short or constant.
 */
export function diffAutocorrelation(values: ArrayLike<number>, lag: number): number {
  const n = values.length - 1;
  if (lag < 1 || n - lag < 2) return NaN;
  const d = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d[i] = values[i + 1] - values[i];
  mean /= n;
  let den = 0;
  for (let i = 0; i < n; i++) den += (d[i] - mean) ** 2;
  let num = 0;
  for (let i = lag; i < n; i++) num += (d[i] - mean) * (d[i - lag] - mean);
  return den > 0 ? num / den : NaN;
}

/**
 * The series' season length, or null: among `candidatePeriods(times)`, those whose history fits
 * at least three times into `train` (so the estimate is not one coincidence), the one whose
 * differenced autocorrelation is highest, if it reaches SEASONAL_MIN_ACF.
 */
export function detectPeriod(
  train: ArrayLike<number>,
  times: ArrayLike<number> | null,
): number | null {
  let best: number | null = null;
  let bestAcf = SEASONAL_MIN_ACF;
  for (const m of candidatePeriods(times)) {
    if (3 * m >= train.length) continue;
    const r = diffAutocorrelation(train, m);
    if (r >= bestAcf) {
      best = m;
      bestAcf = r;
    }
  }
  return best;
}

/** Seasonal naive forecasts ŷ_t = y_{t−m} for rows from … from + count − 1 (requires from ≥ m). */
export function seasonalNaive(
  values: ArrayLike<number>,
  period: number,
  from: number,
  count: number,
): Float64Array {
  if (from < period) throw new Error('seasonalNaive: not enough history for the period.');
  return Float64Array.from({ length: count }, (_, i) => values[from + i - period]);
}
