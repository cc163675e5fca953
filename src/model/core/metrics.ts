/**
 * Regression metrics in original units (prices), for the model and the persistence baseline, and the
 * predictions CSV. Pure: no tfjs.
 */
import type { Metrics, PreparedData } from './types';

/**
 * RMSE, MAE, MAPE (%) and R² of `predicted` against `actual` (same length, original units).
 * MAPE skips rows whose actual value is 0 (undefined there); NaN when every row is skipped.
 * R² = 1 − SS_res / SS_tot; undefined when the actual values are constant (SS_tot = 0): we return
 * 1 for a perfect prediction and 0 otherwise, as sklearn's `r2_score(force_finite=True)`.
 * All NaN for empty input.
 */
export function computeMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): Metrics {
  const n = actual.length;
  if (predicted.length !== n) {
    throw new Error(`computeMetrics: ${n} actual values but ${predicted.length} predictions.`);
  }
  if (n === 0) return { rmse: NaN, mae: NaN, mape: NaN, r2: NaN };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i];
  mean /= n;
  let se = 0;
  let ae = 0;
  let ape = 0;
  let apeCount = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = predicted[i] - a;
    se += e * e;
    ae += Math.abs(e);
    if (a !== 0) {
      ape += Math.abs(e / a);
      apeCount++;
    }
    ssTot += (a - mean) * (a - mean);
  }
  const r2 = ssTot > 0 ? 1 - se / ssTot : se === 0 ? 1 : 0;
  return {
    rmse: Math.sqrt(se / n),
    mae: ae / n,
    mape: apeCount > 0 ? (100 * ape) / apeCount : NaN,
    r2,
  };
}

/** Metrics of the persistence forecast ("tomorrow = today": the last value of each test window). */
export function persistenceMetrics(
  data: Pick<PreparedData, 'testActual' | 'testPrevious'>,
): Metrics {
  return computeMetrics(data.testActual, data.testPrevious);
}

/** Quotes a CSV field when it holds a comma, quote or newline (RFC 4180). */
/**
 * A text cell: quoted when it holds a quote, comma or line break, and prefixed with `'` when it
 * starts with `=` `+` `-` `@` (or tab/CR) so a spreadsheet shows it as text instead of running it.
 */
function csvField(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number cell; empty for NaN or ±Infinity, which no reader of the file should take for a value. */
function numberField(v: number, digits?: number): string {
  if (!Number.isFinite(v)) return '';
  return String(digits ? Number(v.toPrecision(digits)) : v);
}

/**
 * The test predictions as CSV text: header `date,actual,predicted` (or `actual,predicted` when there
 * are no dates), one row per test row, numbers at full precision, `\n` line ends. A value that is
 * not finite is written as an empty cell; text cells are guarded against spreadsheet formulas.
 */
export function predictionsCsv(
  dates: readonly string[] | null,
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): string {
  if (predicted.length !== actual.length || (dates && dates.length !== actual.length)) {
    throw new Error('predictionsCsv: dates, actual and predicted must have the same length.');
  }
  const lines = [dates ? 'date,actual,predicted' : 'actual,predicted'];
  for (let i = 0; i < actual.length; i++) {
    // Predictions are float32: 7 significant digits is all they hold (no 62.92264175415039).
    const row = `${numberField(actual[i])},${numberField(predicted[i], 7)}`;
    lines.push(dates ? `${csvField(dates[i])},${row}` : row);
  }
  return lines.join('\n') + '\n';
}
