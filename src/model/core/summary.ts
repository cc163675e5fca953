/**
 * The model summary shown on the page (Keras `model.summary()` style), computed from the config alone.
 * Pure: no tfjs import, so the page can show it without loading TensorFlow.js.
 */
import type { CellType, TrainConfig } from './config';

export interface SummaryRow {
  /** e.g. `simple_rnn_1 (SimpleRNN)`. */
  layer: string;
  /** e.g. `(None, 40, 50)`. */
  outputShape: string;
  /** Trainable parameters of the layer. */
  params: number;
}

export interface ModelSummary {
  /** The input as Keras prints it, `(None, T, k)` for k values per step. */
  inputShape: string;
  rows: SummaryRow[];
  total: number;
}

const CELL_NAMES: Record<CellType, { snake: string; klass: string; gates: number }> = {
  simpleRNN: { snake: 'simple_rnn', klass: 'SimpleRNN', gates: 1 },
  lstm: { snake: 'lstm', klass: 'LSTM', gates: 4 },
  gru: { snake: 'gru', klass: 'GRU', gates: 3 },
};

/** Keras auto-naming: `name`, then `name_1`, `name_2`, … */
function autoName(base: string, index: number): string {
  return index === 0 ? base : `${base}_${index}`;
}

/**
 * Rows and total as Keras prints them for the stacked model: per recurrent layer
 * `g · units · (units + in + 1)` parameters (g = 1 SimpleRNN, 4 LSTM, 3 GRU; GRU as tfjs-layers,
 * reset_after = false — Keras 2's default reset_after = true adds 3·units more per layer),
 * a 0-parameter Dropout row after each (omitted when dropout is 0), and Dense(1) with units + 1.
 * The reference config (4 × SimpleRNN(50), 40 timesteps) totals 17,801; with `inputDim` = 4 inputs
 * per step the first layer has 4·50 more, 17,951.
 */
export function summarizeModel(
  config: Pick<TrainConfig, 'cell' | 'layers' | 'units' | 'dropout' | 'timesteps'>,
  inputDim = 1,
): ModelSummary {
  const cell = CELL_NAMES[config.cell];
  const u = config.units;
  const rows: SummaryRow[] = [];
  let inDim = inputDim;
  for (let l = 0; l < config.layers; l++) {
    const last = l === config.layers - 1;
    rows.push({
      layer: `${autoName(cell.snake, l)} (${cell.klass})`,
      outputShape: last ? `(None, ${u})` : `(None, ${config.timesteps}, ${u})`,
      params: cell.gates * u * (u + inDim + 1),
    });
    if (config.dropout > 0) {
      rows.push({
        layer: `${autoName('dropout', l)} (Dropout)`,
        outputShape: last ? `(None, ${u})` : `(None, ${config.timesteps}, ${u})`,
        params: 0,
      });
    }
    inDim = u;
  }
  rows.push({ layer: 'dense (Dense)', outputShape: '(None, 1)', params: u + 1 });
  return {
    inputShape: `(None, ${config.timesteps}, ${inputDim})`,
    rows,
    total: rows.reduce((s, r) => s + r.params, 0),
  };
}
