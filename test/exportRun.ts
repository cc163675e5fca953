/**
 * Test helper: a tiny run trained in Node on the cpu backend through the TrainerHandler, from a CSV
 * text parsed as the page parses it, then exported (model.json, weights) with the predictions CSV
 * the page would download. Used by the export and Keras-script tests.
 */
import type { CellType, TrainConfig } from '../src/model/core/config';
import { predictionsCsv } from '../src/model/core/metrics';
import { REFERENCE_CONFIG } from '../src/model/core/presets';
import { parseDataset } from '../src/model/data/dataset';
import { seriesDataset } from '../src/model/data/series';
import { isoDates } from '../src/model/data/dates';
import { TrainerHandler } from '../src/workers/trainer/handler';
import type { WorkerReport } from '../src/workers/trainer/protocol';
import { sineSeries } from './sine';

/** A daily CSV, newest row first (the app and the script both sort it), one gap in Close. */
export function exportCsv(n = 90): string {
  const open = sineSeries(n, 0.5, 1);
  const close = sineSeries(n, 0.5, 2);
  const rows = ['Date,Open,Close,Volume'];
  for (let i = n - 1; i >= 0; i--) {
    const date = new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
    const c = i === 30 ? '' : (close[i] + 3).toFixed(2);
    rows.push(`${date},${open[i].toFixed(2)},${c},${1000 + ((i * 37) % 101)}`);
  }
  return rows.join('\n') + '\n';
}

/** exportCsv() as a long-format file: its rows as symbol B, interleaved with a decoy series A. */
export function longFormatCsv(n = 90): string {
  const [header, ...rows] = exportCsv(n).trim().split('\n');
  const decoy = rows.map((r) =>
    r.replace(/^([^,]*),([^,]*)/, (_, d, o) => `${d},${Number(o) * 3}`),
  );
  return (
    [`${header},symbol`, ...rows.flatMap((r, i) => [`${decoy[i]},A`, `${r},B`])].join('\n') + '\n'
  );
}

export const EXPORT_CONFIG: TrainConfig = {
  ...REFERENCE_CONFIG,
  targetColumn: 'Open',
  inputColumns: ['Close'],
  timesteps: 6,
  layers: 2,
  units: 4,
  dropout: 0.1,
  learningRate: 0.01,
  epochs: 2,
  batchSize: 16,
  backend: 'cpu',
  engine: 'fast',
};

export interface ExportedRun {
  csv: string;
  config: TrainConfig;
  modelJson: string;
  weights: ArrayBuffer;
  /** The predictions CSV the page would save after this run. */
  predictions: string;
  params: number;
}

/** Trains `cell` on exportCsv() and exports it (tf backend must be cpu already). */
export async function exportedRun(
  cell: CellType,
  over: Partial<TrainConfig> = {},
  longFormat = false,
) {
  const csv = longFormat ? longFormatCsv() : exportCsv();
  const source = parseDataset(csv, 'prices.csv');
  const ds = longFormat ? seriesDataset(source, 'B') : source;
  if (longFormat && !source.series)
    throw new Error('longFormatCsv() did not parse as long format.');
  const series_ = longFormat ? { column: 'symbol', name: 'B' } : null;
  const config: TrainConfig = { ...EXPORT_CONFIG, cell, ...over };
  const msgs: WorkerReport[] = [];
  const h = new TrainerHandler((m) => msgs.push(m));
  const of = <T extends WorkerReport['type']>(type: T) =>
    msgs.filter((m): m is Extract<WorkerReport, { type: T }> => m.type === type);
  await h.handle({ type: 'init', runId: 0, backend: 'cpu' });
  const series = ds.numeric[config.targetColumn];
  const inputs = config.inputColumns.map((c) => ds.numeric[c]);
  await h.handle({ type: 'load', runId: 1, datasetId: 1, series, inputs, config, times: ds.times });
  await h.handle({ type: 'start', runId: 1 });
  await h.whenIdle();
  await h.handle({
    type: 'exportModel',
    runId: 1,
    rows: { dateColumn: ds.dateColumn, series: series_ },
  });
  const errors = of('error');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  const { modelJson, weights } = of('model')[0];
  const values = of('predictions').at(-1)!.values;
  const n = ds.rowCount;
  const start = n - values.length;
  const dates = isoDates(ds.times!.subarray(start), ds.dateOnly);
  const actual = series.subarray(start);
  await h.handle({ type: 'reset', runId: 1 });
  const run: ExportedRun = {
    csv,
    config,
    modelJson,
    weights,
    predictions: predictionsCsv(dates, actual, values),
    params: of('loaded')[0].params,
  };
  return run;
}

/** Parses a predictions CSV into its predicted column (and the rest of each row, for comparison). */
export function parsePredictions(text: string): { keys: string[]; predicted: number[] } {
  const rows = text.trim().split('\n').slice(1);
  return {
    keys: rows.map((r) => r.split(',').slice(0, -1).join(',')),
    predicted: rows.map((r) => Number(r.split(',').at(-1))),
  };
}
