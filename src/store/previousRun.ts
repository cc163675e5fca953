/**
 * The previous run kept for comparison ("change one knob, train again, compare"): a compact,
 * serialisable snapshot taken when a new run starts, and a short label of what changed.
 */
import { CONFIG_FIELDS, CONFIG_KEYS, valueLabel, type TrainConfig } from '../model/core/config';
import type { Metrics } from '../model/core/types';
import { sampleIndices, type EpochPoint, type XY } from './series';

/** What the page keeps of the last finished (or stopped) run. Plain data only. */
export interface PreviousRun {
  /** What differs from the run after it, e.g. "units 50 → 16", or "same settings". */
  label: string;
  /** The previous run's configuration (target column resolved). */
  config: TrainConfig;
  /** Per-epoch held-out loss, at most MAX_POINTS points. */
  val: XY[];
  /** Per-epoch train loss, at most MAX_POINTS points. */
  train: XY[];
  /** Test RMSE and MAE of the model in original units, or null when it has none. */
  rmse: number | null;
  mae: number | null;
}

/** The parts of the current run a snapshot is made of. */
export interface RunForSnapshot {
  runConfig: TrainConfig | null;
  epochLoss: readonly EpochPoint[];
  /** Test metrics of the latest predictions (streamed by the worker), or null. */
  modelMetrics: Metrics | null;
}

/** Settings that decide the test rows: runs that differ in them are not comparable. */
const TEST_DEFINING: readonly (keyof TrainConfig)[] = ['targetColumn', 'trainSplit'];
/** Changes named in a label before the rest are only counted. */
const MAX_NAMED = 3;

/**
 * Names what changed from `from` to `to` in CONFIG_FIELDS order, with each field's label:
 * "units 50 → 16, epochs 5 → 10"; more than three changes end in "and N more";
 * identical settings give "same settings".
 */
export function describeChange(from: TrainConfig, to: TrainConfig): string {
  const changes: string[] = [];
  for (const key of CONFIG_KEYS) {
    // Forecast steps is a view setting: it changes nothing about the run.
    if (key === 'forecastSteps' || sameValue(from[key], to[key])) continue;
    const label = CONFIG_FIELDS[key].label;
    const name = label.charAt(0).toLowerCase() + label.slice(1);
    changes.push(`${name} ${valueLabel(key, from[key])} → ${valueLabel(key, to[key])}`);
  }
  if (changes.length === 0) return 'same settings';
  const named = changes.slice(0, MAX_NAMED).join(', ');
  return changes.length > MAX_NAMED ? `${named} and ${changes.length - MAX_NAMED} more` : named;
}

/** Config values compared by content (a column list is a new array after every edit). */
function sameValue(a: TrainConfig[keyof TrainConfig], b: TrainConfig[keyof TrainConfig]): boolean {
  return Array.isArray(a) && Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

/** True when two runs predict the same test rows, so their losses and metrics can be compared. */
export function comparable(a: TrainConfig, b: TrainConfig): boolean {
  return TEST_DEFINING.every((k) => a[k] === b[k]);
}

function bounded(points: readonly EpochPoint[], pick: (p: EpochPoint) => number): XY[] {
  return sampleIndices(points.length).map((i) => ({ x: points[i].epoch, y: pick(points[i]) }));
}

const finiteOrNull = (v: number | undefined): number | null =>
  v !== undefined && Number.isFinite(v) ? v : null;

/**
 * The comparison to keep when a run with `next` settings starts: a snapshot of the current run
 * when it has at least one finished epoch, else the older snapshot relabelled against `next`;
 * null when there is none or it predicted other test rows (another target column or split).
 */
export function nextPreviousRun(
  current: RunForSnapshot,
  older: PreviousRun | null,
  next: TrainConfig,
): PreviousRun | null {
  let base: Omit<PreviousRun, 'label'> | null = older;
  if (current.runConfig && current.epochLoss.length > 0) {
    const model = current.modelMetrics;
    base = {
      config: current.runConfig,
      val: bounded(current.epochLoss, (p) => p.val),
      train: bounded(current.epochLoss, (p) => p.train),
      rmse: finiteOrNull(model?.rmse),
      mae: finiteOrNull(model?.mae),
    };
  }
  if (!base || !comparable(base.config, next)) return null;
  return { ...base, label: describeChange(base.config, next) };
}
