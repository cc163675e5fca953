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
  /**
   * The time axis: a date column, or an integer year column (values 1000–2100, named like a year
   * or increasing; its `times` are Jan 1 UTC of each year). Never the default target. null: rows
   * are taken as equally spaced, in file order.
   */
  dateColumn: string | null;
  /**
   * The date column as UTC epoch milliseconds, chronological; NaN where a row has no date; null
   * without a date column. Text is made where it is shown (data/dates.ts: isoDate, isoDates).
   */
  times: Float64Array | null;
  /** True when every date is midnight UTC, so dates print as `YYYY-MM-DD` (else full ISO). */
  dateOnly: boolean;
  /**
   * True when every time is Jan 1 00:00 UTC (a year axis: `1880`, or `2001-01-01` each year), so
   * axis ticks print the year only. Implies `dateOnly`.
   */
  yearly: boolean;
  /**
   * Long format: the text column whose values tell apart several series that share dates (stocks'
   * `symbol`), or null for one series. The page trains on one series at a time, derived with
   * data/series.ts `seriesDataset`; a derived dataset has `series: null`.
   */
  series: SeriesSplit | null;
  /** True when the file was newest-first and rows were reversed. */
  reversed: boolean;
  /** Human-readable notes about what was fixed while loading (reordering, skipped lines, …). */
  warnings: string[];
}

/** How the rows of a long-format file divide into series (Dataset.series). */
export interface SeriesSplit {
  /** The category column, e.g. `symbol`. */
  column: string;
  /** Each series' label (the cell text, trimmed), in order of each series' first date. */
  names: string[];
  /** Rows of each series, by index into `names`. */
  counts: number[];
  /** Per row (chronological): index into `names`; -1 where the category cell is empty. */
  codes: Int32Array;
  /** Raw cell text of each series' first rows (the preview table), by index into `names`. */
  heads: string[][][];
  /** Missing cells per series of each text column: [column index][series]; [] for other columns. */
  textMissing: number[][];
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
 * One series prepared for training (data/prep.ts `prepare`). Windows are not materialised: train
 * window j is `scaled[j, j + T)` → `scaled[j + T]`, test window j is `scaled[split + j − T,
 * split + j)` → `scaled[split + j]` (k inputs per step: `inputs`); cut them with fillWindows/makeWindows
 * (data/windows.ts) where they are used.
 */
export interface PreparedData {
  timesteps: number;
  /** Rows in the train part, floor(trainSplit · n): the index of the first test row. */
  split: number;
  /** Train windows: split − timesteps. */
  nTrain: number;
  /** Test windows, one per test row: n − split. */
  nTest: number;
  /** The whole target series, gaps interpolated, scaled by `scaler`, in float32, [n]. */
  scaled: Float32Array;
  /** The target's scaler (inverse transforms of predictions). */
  scaler: MinMaxScaler;
  /**
   * The k input columns the windows are cut from, [n] each, gaps interpolated, each scaled by its
   * own scaler fitted on the train rows: inputs[0] is `scaled` itself (the target is always an input).
   */
  inputs: Float32Array[];
  /** One scaler per input, in input order; inputScalers[0] is `scaler`. */
  inputScalers: MinMaxScaler[];
  /** Test targets in original units, [nTest]. */
  testActual: Float64Array;
  /** The value before each test target in original units, [nTest] (the persistence forecast). */
  testPrevious: Float64Array;
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
