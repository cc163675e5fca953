/**
 * What a downloaded model carries besides its weights (`userDefinedMetadata` in model.json): the
 * columns, the window length, each column's scaler, the split, the whole configuration and the
 * app's version, so the files alone rebuild the windows and turn predictions back into units.
 * Pure: no tfjs.
 */
import type { TrainConfig } from './config';
import { summarizeModel } from './summary';
import type { RowSource, SeriesChoice } from './rowSource';
import type { MinMaxScaler, PreparedData } from './types';

export type { RowSource, SeriesChoice };

/** The app's version (package.json), injected by Vite's `define`; 'dev' where nothing injects it. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/** One input column's sklearn MinMaxScaler fitted on the train rows: x' = x · scale + min. */
export interface ColumnScaler extends MinMaxScaler {
  column: string;
}

/** model.json's `userDefinedMetadata`: everything needed to use the model on the original file. */
export interface ModelMetadata {
  generator: 'RNN Playground';
  appVersion: string;
  /** The column predicted (the next row's value), in original units after `scalers[0]`'s inverse. */
  targetColumn: string;
  /** The k columns read at each step, the target first: the model's input is [batch, timesteps, k]. */
  inputColumns: string[];
  /** The time axis the rows were sorted by (oldest first), or null: rows in file order. */
  dateColumn: string | null;
  /** A long-format file: the rows whose `column` cell (trimmed) is `name`; null: every row. */
  series: SeriesChoice | null;
  timesteps: number;
  /** Rows of the series, and rows in the train part (floor(trainSplit · rows)): the first test row. */
  rows: number;
  trainRows: number;
  /** One scaler per input column, in `inputColumns` order, fitted on the train rows only. */
  scalers: ColumnScaler[];
  /** Layer names in model order, as the page's model summary prints them. */
  layerNames: string[];
  /** The trainable parameters the summary counts. */
  params: number;
  config: TrainConfig;
}

/** Layer names of the stacked model as Keras auto-names them (`simple_rnn`, `dropout`, …, `dense`). */
export function layerNames(
  config: Pick<TrainConfig, 'cell' | 'layers' | 'units' | 'dropout' | 'timesteps'>,
  inputDim = 1,
): string[] {
  return summarizeModel(config, inputDim).rows.map((r) => r.layer.split(' ')[0]);
}

/** The metadata of a run of `config` on `data`, whose rows came from `rows` of the file. */
export function modelMetadata(
  config: TrainConfig,
  data: Pick<PreparedData, 'timesteps' | 'split' | 'inputScalers' | 'nTest'>,
  rows: RowSource = { dateColumn: null },
): ModelMetadata {
  const inputColumns = [config.targetColumn, ...config.inputColumns];
  const shape = { ...config, timesteps: data.timesteps };
  return {
    generator: 'RNN Playground',
    appVersion: APP_VERSION,
    targetColumn: config.targetColumn,
    inputColumns,
    dateColumn: rows.dateColumn,
    series: rows.series ?? null,
    timesteps: data.timesteps,
    rows: data.split + data.nTest,
    trainRows: data.split,
    scalers: data.inputScalers.map((s, i) => ({ column: inputColumns[i], ...s })),
    layerNames: layerNames(shape, inputColumns.length),
    params: summarizeModel(shape, inputColumns.length).total,
    config,
  };
}
