/**
 * Preparation exactly as the reference notebook: chronological split, MinMax scaling fitted on
 * the train part only, sliding windows, and test windows that start inside the train part.
 */
import type { Dataset, MinMaxScaler, PreparedData } from '../core/types';
import { DataError } from '../core/errors';
import { defaultTargetColumn } from './dataset';

/** The settings prepareData needs (a subset of TrainConfig). '' as target means the default column. */
export interface DataConfig {
  targetColumn: string;
  trainSplit: number;
  timesteps: number;
}

/** Largest magnitude a scaled value may have: beyond it a Float32 window would hold Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Rows in the train part: floor(trainSplit · n), like Python's `int(0.8 * n)`, clamped to [0, n].
 * A 1e-9 guard absorbs float error (0.29 · 100 = 28.999… gives 29; Python's int() would give 28).
 */
export function splitIndex(n: number, trainSplit: number): number {
  return Math.min(n, Math.max(0, Math.floor(trainSplit * n + 1e-9)));
}

/**
 * Fills NaN gaps by linear interpolation between the nearest values on each side; leading and
 * trailing gaps take the nearest value. Returns a new array and how many cells were filled.
 * @throws DataError when every value is missing.
 */
export function interpolateMissing(values: Float64Array): { values: Float64Array; filled: number } {
  const out = values.slice();
  let filled = 0;
  let prev = -1; // index of the last present value
  for (let i = 0; i <= out.length; i++) {
    if (i < out.length && Number.isNaN(out[i])) continue;
    const gap = i - prev - 1;
    if (gap > 0) {
      if (prev < 0 && i === out.length)
        throw new DataError('Every value of this column is missing.');
      for (let k = prev + 1; k < i; k++) {
        if (prev < 0) out[k] = out[i];
        else if (i === out.length) out[k] = out[prev];
        else {
          const t = (k - prev) / (i - prev);
          const v = out[prev] + (out[i] - out[prev]) * t;
          // The blend form cannot overflow when the difference of two huge values does.
          out[k] = Number.isFinite(v) ? v : out[prev] * (1 - t) + out[i] * t;
        }
      }
      filled += gap;
    }
    prev = i;
  }
  return { values: out, filled };
}

/**
 * sklearn `MinMaxScaler((0, 1)).fit(train)`: scale = 1 / (max − min), or 1 when the range is below
 * 10·machine epsilon (a constant column, as sklearn's `_handle_zeros_in_scale`); min = −dataMin · scale.
 * NaN values are ignored. @throws DataError when no value is finite or the range overflows.
 */
export function fitScaler(train: ArrayLike<number>): MinMaxScaler {
  let dataMin = Infinity;
  let dataMax = -Infinity;
  for (let i = 0; i < train.length; i++) {
    const v = train[i];
    if (v < dataMin) dataMin = v;
    if (v > dataMax) dataMax = v;
  }
  if (!Number.isFinite(dataMin) || !Number.isFinite(dataMax)) {
    throw new DataError('The train part has no finite values to scale.');
  }
  const range = dataMax - dataMin;
  if (!Number.isFinite(range)) {
    throw new DataError('The values span too wide a range to scale (more than 1.8e308).');
  }
  const scale = range < 10 * Number.EPSILON ? 1 : 1 / range;
  return { dataMin, dataMax, scale, min: -dataMin * scale };
}

/** x' = x · scale + min, as sklearn's `transform`. */
export function transform(s: MinMaxScaler, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = values[i] * s.scale + s.min;
  return out;
}

/** x = (x' − min) / scale, as sklearn's `inverse_transform`. */
export function inverseTransform(s: MinMaxScaler, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = (values[i] - s.min) / s.scale;
  return out;
}

/**
 * Sliding windows for targets i = from … to − 1: X row = series[i − timesteps, i), Y = series[i].
 * X is [to − from, timesteps] row-major. Requires from ≥ timesteps and to ≤ series.length.
 */
export function makeWindows(
  series: ArrayLike<number>,
  timesteps: number,
  from: number,
  to: number,
): { X: Float32Array; Y: Float32Array } {
  const n = Math.max(0, to - from);
  const X = new Float32Array(n * timesteps);
  const Y = new Float32Array(n);
  for (let w = 0; w < n; w++) {
    const i = from + w;
    for (let k = 0; k < timesteps; k++) X[w * timesteps + k] = series[i - timesteps + k];
    Y[w] = series[i];
  }
  return { X, Y };
}

/**
 * The smallest row count n with at least one train window (floor(split·n) ≥ timesteps + 1) and at
 * least one test row (n − floor(split·n) ≥ 1). Infinity for a split outside (0, 1).
 */
export function minRowsFor(trainSplit: number, timesteps: number): number {
  if (!(trainSplit > 0 && trainSplit < 1) || !(timesteps >= 0)) return Infinity;
  const start = Math.max(timesteps + 2, Math.floor((timesteps + 1) / trainSplit) - 2);
  for (let n = start; n < start + 1e7; n++) {
    const split = splitIndex(n, trainSplit);
    if (split - timesteps >= 1 && n - split >= 1) return n;
  }
  return Infinity;
}

/** Resolves '' to the default column and checks everything prepareData needs. @throws DataError */
function checkConfig(ds: Dataset, cfg: DataConfig): { target: string; split: number } {
  const { trainSplit, timesteps } = cfg;
  if (!(trainSplit > 0 && trainSplit < 1)) {
    throw new DataError(`Train split must be between 0 and 1 (exclusive); it is ${trainSplit}.`);
  }
  if (!Number.isInteger(timesteps) || timesteps < 1) {
    throw new DataError(`Timesteps must be a whole number of at least 1; it is ${timesteps}.`);
  }
  const target = cfg.targetColumn === '' ? defaultTargetColumn(ds) : cfg.targetColumn;
  const numericNames = ds.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const col = ds.columns.find((c) => c.name === target);
  if (target === null || !col) {
    throw new DataError(
      `Column "${target ?? ''}" is not in "${ds.name}"; pick one of its numeric columns: ${numericNames.join(', ') || 'none'}.`,
    );
  }
  if (col.kind !== 'numeric' || !ds.numeric[col.name]) {
    throw new DataError(
      `Column "${col.name}" holds ${col.kind === 'date' ? 'dates' : 'text'}, not numbers; pick one of: ${numericNames.join(', ') || 'none'}.`,
    );
  }
  if (col.missing >= ds.rowCount) {
    throw new DataError(
      `Every value of column "${col.name}" is missing; pick another target column.`,
    );
  }
  const need = minRowsFor(trainSplit, timesteps);
  if (ds.rowCount < need) {
    throw new DataError(
      `"${ds.name}" needs at least ${need} rows for timesteps ${timesteps} and train split ${trainSplit}; this file has ${ds.rowCount}. Lower the timesteps or load a longer series.`,
    );
  }
  return { target: col.name, split: splitIndex(ds.rowCount, trainSplit) };
}

/** The message prepareData would throw for this dataset and settings, or null when they work. */
export function validateDataConfig(ds: Dataset, cfg: DataConfig): string | null {
  try {
    checkConfig(ds, cfg);
    return null;
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
}

/**
 * Builds train/test windows for the target column as the reference notebook does: train = first
 * floor(split·n) rows; scaler fitted on them only; train windows for i = timesteps … split − 1;
 * one test window per test row, its history reaching back into the train part. Gaps in the target
 * are interpolated first (counted in `interpolated`). Windows never hold NaN or Infinity.
 * @throws DataError for a missing, non-numeric or all-missing target, or too few rows.
 */
export function prepareData(ds: Dataset, cfg: DataConfig): PreparedData {
  const { target, split } = checkConfig(ds, cfg);
  const T = cfg.timesteps;
  const n = ds.rowCount;
  const { values, filled } = interpolateMissing(ds.numeric[target]);
  const scaler = fitScaler(values.subarray(0, split));
  const scaled = transform(scaler, values);
  for (let i = 0; i < n; i++) scaled[i] = Math.max(-FLOAT32_MAX, Math.min(FLOAT32_MAX, scaled[i]));
  const train = makeWindows(scaled, T, T, split);
  const test = makeWindows(scaled, T, split, n);
  return {
    timesteps: T,
    nTrain: split - T,
    nTest: n - split,
    trainX: train.X,
    trainY: train.Y,
    testX: test.X,
    testY: test.Y,
    scaler,
    testActual: values.slice(split),
    testPrevious: values.slice(split - 1, n - 1),
    testDates: ds.dates ? ds.dates.slice(split) : null,
    interpolated: filled,
  };
}
