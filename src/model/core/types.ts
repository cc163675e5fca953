/** Shared data shapes of the pipeline. Plain data only: everything here crosses the worker boundary. */

export type ColumnKind = 'numeric' | 'date' | 'text';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** Cells that are empty or a missing marker (NaN, null, NA, N/A, -). */
  missing: number;
  /** The one value of a numeric column that holds a single value in every non-missing row, else null. */
  constant: number | null;
}

/** A parsed, typed CSV in chronological order (oldest row first). */
export interface Dataset {
  /** The file name it came from (shown to the user). */
  name: string;
  columns: ColumnInfo[];
  /** Number of data rows (pandas `shape[0]`). */
  rowCount: number;
  /** Raw cell text, row-major, chronological, as read (after reordering). */
  cells: string[][];
  /** Numeric columns by name; NaN marks a missing cell. Chronological. */
  numeric: Record<string, Float64Array>;
  /** The detected date column, if any. */
  dateColumn: string | null;
  /** ISO dates (YYYY-MM-DD, or full ISO when times differ) of the date column, chronological; null without one. */
  dates: string[] | null;
  /** True when the file was newest-first and rows were reversed. */
  reversed: boolean;
  /** Human-readable notes about what was fixed while loading (reordering, skipped lines, …). */
  warnings: string[];
}

/** pandas `describe()` of one numeric column (std with n − 1, quartiles by linear interpolation). */
export interface DescribeStats {
  count: number;
  mean: number;
  std: number;
  min: number;
  q25: number;
  q50: number;
  q75: number;
  max: number;
}

/** sklearn MinMaxScaler(feature_range=(0, 1)) fitted on the train part: x' = x · scale + min. */
export interface MinMaxScaler {
  dataMin: number;
  dataMax: number;
  /** 1 / (dataMax − dataMin), or 1 when the range is 0 (as sklearn). */
  scale: number;
  /** −dataMin · scale. */
  min: number;
}

/**
 * Windows ready for training, scaled to (0, 1). Shapes: X is [n, timesteps, 1] row-major, Y is [n].
 * `test*` has exactly one window per test row (the last `timesteps` train values are prepended).
 */
export interface PreparedData {
  timesteps: number;
  nTrain: number;
  nTest: number;
  trainX: Float32Array;
  trainY: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
  scaler: MinMaxScaler;
  /** Test targets in original units, [nTest]. */
  testActual: Float64Array;
  /** The value before each test target in original units, [nTest] (the persistence forecast). */
  testPrevious: Float64Array;
  /** Dates of the test rows, or null when the file has no date column. */
  testDates: string[] | null;
  /** Count of missing target values that were linearly interpolated. */
  interpolated: number;
}

/** Regression metrics in original units. MAPE in percent (NaN-free: rows with actual 0 are skipped). */
export interface Metrics {
  rmse: number;
  mae: number;
  mape: number;
  r2: number;
}
