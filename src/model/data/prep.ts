/**
 * Preparation exactly as the reference notebook: chronological split, MinMax scaling fitted on
 * the train part only, sliding windows, and test windows that start inside the train part.
 */
import type { Dataset, MinMaxScaler, PreparedData } from '../core/types';
import { DataError } from '../core/errors';
import { defaultTargetColumn } from './columns';
import { checkRepresentable } from './range';

export { columnsOf, fillWindows, makeWindows, type WindowSource } from './windows';

/** The settings that shape the windows of one series (a subset of TrainConfig). */
export interface DataSettings {
  /** Fraction of rows, oldest first, in the train part, (0, 1). */
  trainSplit: number;
  /** Window length. */
  timesteps: number;
}

/** DataSettings plus the target column of a dataset; '' means the dataset's default column. */
export interface DataConfig extends DataSettings {
  targetColumn: string;
  /** Extra input columns beside the target (TrainConfig.inputColumns); absent: none. */
  inputColumns?: readonly string[];
}

/**
 * The test rows of a series, as every consumer sees them: the rows from `offset` = floor(split · n)
 * on. `actual` holds their values and `previous` the value before each (the persistence forecast),
 * gaps interpolated; both are views into one array, not copies.
 */
export interface TestView {
  offset: number;
  actual: Float64Array;
  previous: Float64Array;
  /** Gaps of the series that were filled by interpolation. */
  interpolated: number;
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

/** The series with its gaps filled (the array itself when it has none) and how many were filled. */
function filled(values: Float64Array): { values: Float64Array; filled: number } {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) return interpolateMissing(values);
  }
  return { values, filled: 0 };
}

function viewOf(values: Float64Array, split: number, interpolated: number): TestView {
  const n = values.length;
  return {
    offset: split,
    actual: values.subarray(split),
    previous: values.subarray(Math.max(0, split - 1), Math.max(0, n - 1)),
    interpolated,
  };
}

/**
 * The test rows of `values` for a train split: the one definition the charts, the downloads and
 * the trainer share. Gaps are interpolated first (so a gap next to the split is filled from both
 * sides), as for training. @throws DataError when every value is missing.
 */
export function testView(values: Float64Array, trainSplit: number): TestView {
  const f = filled(values);
  return viewOf(f.values, splitIndex(values.length, trainSplit), f.filled);
}

/**
 * Everything training needs from one series, as the reference notebook prepares it: gaps
 * interpolated; the first floor(split · n) rows are the train part, and the MinMax scaler is fitted
 * on them only; the whole series is scaled (float32, as the windows are) so that train window j is
 * rows [j, j + T) → row j + T and test window j is rows [split + j − T, split + j) → row split + j
 * (its history reaches back into the train part). Windows are cut where they are used
 * (fillWindows, makeWindows), so a long series costs 4 bytes a row, not 4·T.
 * @throws DataError for bad settings, too few rows or an all-missing series.
 */
export function prepare(
  values: Float64Array,
  settings: DataSettings,
  extra: readonly Float64Array[] = [],
): PreparedData {
  const { trainSplit, timesteps: T } = settings;
  checkSettings(settings);
  const n = values.length;
  const need = minRowsFor(trainSplit, T);
  if (n < need) {
    throw new DataError(
      `The series needs at least ${need} rows for timesteps ${T} and train split ${trainSplit}; it has ${n}.`,
    );
  }
  if (extra.some((c) => c.length !== n)) {
    throw new DataError('Every input column must have as many rows as the target.');
  }
  const f = filled(values);
  const split = splitIndex(n, trainSplit);
  const [scaler, scaled] = scaleColumn(f.values, split);
  const more = extra.map((c) => scaleColumn(filled(c).values, split));
  const view = viewOf(f.values, split, f.filled);
  return {
    inputs: [scaled, ...more.map((m) => m[1])],
    inputScalers: [scaler, ...more.map((m) => m[0])],
    timesteps: T,
    split,
    nTrain: split - T,
    nTest: n - split,
    scaled,
    scaler,
    testActual: view.actual,
    testPrevious: view.previous,
    interpolated: f.filled,
  };
}

/** A column's scaler fitted on its first `split` rows, and the whole column scaled into float32. */
function scaleColumn(values: Float64Array, split: number): [MinMaxScaler, Float32Array] {
  const scaler = fitScaler(values.subarray(0, split));
  const scaled = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] * scaler.scale + scaler.min;
    scaled[i] = Math.max(-FLOAT32_MAX, Math.min(FLOAT32_MAX, v));
  }
  return [scaler, scaled];
}

function checkSettings({ trainSplit, timesteps }: DataSettings): void {
  if (!(trainSplit > 0 && trainSplit < 1)) {
    throw new DataError(`Train split must be between 0 and 1 (exclusive); it is ${trainSplit}.`);
  }
  if (!Number.isInteger(timesteps) || timesteps < 1) {
    throw new DataError(`Timesteps must be a whole number of at least 1; it is ${timesteps}.`);
  }
}

/**
 * The target column a config trains on ('' → the dataset's default) after checking everything
 * prepare needs, with messages that name the file and its columns.
 * @throws DataError
 */
export function checkDataConfig(ds: Dataset, cfg: DataConfig): string {
  checkSettings(cfg);
  const { trainSplit, timesteps } = cfg;
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
  checkRepresentable(ds.numeric[col.name], col.name);
  for (const name of cfg.inputColumns ?? []) {
    const c = ds.columns.find((x) => x.name === name);
    if (!c || c.kind !== 'numeric' || !ds.numeric[name] || c.missing >= ds.rowCount) {
      throw new DataError(
        `Input column "${name}" is not a numeric column with values in "${ds.name}"; untick it or pick from: ${numericNames.join(', ') || 'none'}.`,
      );
    }
    checkRepresentable(ds.numeric[name], name);
  }
  const need = minRowsFor(trainSplit, timesteps);
  if (ds.rowCount < need) {
    throw new DataError(
      `"${ds.name}" needs at least ${need} rows for timesteps ${timesteps} and train split ${trainSplit}; this file has ${ds.rowCount}. Lower the timesteps or load a longer series.`,
    );
  }
  return col.name;
}

/** The message checkDataConfig would throw for this dataset and settings, or null when they work. */
export function validateDataConfig(ds: Dataset, cfg: DataConfig): string | null {
  try {
    checkDataConfig(ds, cfg);
    return null;
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
}
