/**
 * The Results panel's words: which baseline is the bar to beat, the verdict against it, and the
 * diagnostics of a run as plain sentences. Pure (the detection itself is model/core/diagnostics.ts).
 */
import type { BaselineMetrics } from '../model/core/baselines';
import {
  detectOverfitting,
  FLAT_RATIO,
  spreadRatio,
  type Extrapolation,
} from '../model/core/diagnostics';
import type { Metrics } from '../model/core/types';
import { formatMetric } from './format';

/** One baseline: its column header in the metrics table, how a sentence names it, its metrics. */
export interface Baseline {
  column: string;
  phrase: string;
  /** Null until the trainer has sent them (the column shows dashes). */
  metrics: Metrics | null;
}

/**
 * The baselines to show, in table order: persistence and Linear always (dashes before a run),
 * then Seasonal naive when the series has a period.
 */
export function baselineList(
  persistence: Metrics | null,
  others: BaselineMetrics | null,
): Baseline[] {
  const out: Baseline[] = [
    {
      column: 'Persistence baseline',
      phrase: '“tomorrow = today” (persistence)',
      metrics: persistence,
    },
    {
      column: 'Linear',
      phrase: 'Linear (a ridge regression on the same window)',
      metrics: others?.linear ?? null,
    },
  ];
  if (others?.seasonal)
    out.push({
      column: 'Seasonal naive',
      phrase: `Seasonal naive (the value ${others.seasonal.period} rows back)`,
      metrics: others.seasonal.metrics,
    });
  return out;
}

/** A baseline whose metrics have arrived. */
export type ScoredBaseline = Baseline & { metrics: Metrics };

/** The baseline with the lowest test RMSE (the first on ties), or null without any. */
export function bestBaseline(list: Baseline[]): ScoredBaseline | null {
  let best: ScoredBaseline | null = null;
  for (const b of list) {
    if (b.metrics && (!best || b.metrics.rmse < best.metrics.rmse))
      best = { ...b, metrics: b.metrics };
  }
  return best;
}

/** One sentence: does the model beat the best baseline? "yet" only while the run can still improve. */
export function verdictText(model: Metrics, best: ScoredBaseline, finished: boolean): string {
  const m = formatMetric(model.rmse);
  const b = formatMetric(best.metrics.rmse);
  return model.rmse < best.metrics.rmse
    ? `The model beats the best baseline, ${best.phrase}: its RMSE is ${m} against ${b}.`
    : `Not better than the best baseline${finished ? '' : ' yet'}, ${best.phrase}: RMSE ${m} against its ${b}.`;
}

export interface DiagnosticsInput {
  extrapolation: Extrapolation | null;
  actual: ArrayLike<number> | null;
  predictions: ArrayLike<number> | null;
  epochLoss: readonly { epoch: number; train: number; val: number }[];
  stopReason: string | null;
  restoredEpoch: number | null;
  /** Early stopping patience of the run (0 = off). */
  patience: number;
}

/** The diagnostics that apply, each a plain sentence for a classroom. */
export function diagnosticSentences(d: DiagnosticsInput): string[] {
  const out: string[] = [];
  if (d.stopReason) out.push(d.stopReason);
  const x = d.extrapolation;
  if (x && x.above + x.below > 0) {
    const parts = [
      x.above > 0
        ? `${x.above} of ${x.total} test values lie above anything seen in training (highest ${formatMetric(x.trainMax)})`
        : '',
      x.below > 0
        ? `${x.below} of ${x.total} lie below anything seen in training (lowest ${formatMetric(x.trainMin)})`
        : '',
    ].filter(Boolean);
    out.push(
      `${parts.join('; ')}. The network works on values scaled to the training range (0 to 1) and has never been shown anything beyond it, so its predictions tend to level off there, while “tomorrow = today” simply carries the last value along.`,
    );
  }
  if (d.actual && d.predictions && d.predictions.length === d.actual.length) {
    const ratio = spreadRatio(d.actual, d.predictions);
    if (ratio < FLAT_RATIO) {
      out.push(
        `The prediction is nearly flat: its spread is ${(100 * ratio).toFixed(1)} % of the actual test values’ spread, so the network predicts little more than one number. Try more epochs, a higher learning rate or a smaller network.`,
      );
    }
  }
  const over = detectOverfitting(d.epochLoss);
  if (over) {
    out.push(
      `Overfitting: the held-out loss was lowest at epoch ${over.bestEpoch} and has not improved for ${over.since} epochs while the training loss kept falling.${d.patience > 0 ? '' : ' Turn on Early stopping to keep the best epoch, or try more dropout or fewer units.'}`,
    );
  }
  if (d.restoredEpoch !== null) {
    out.push(
      `Early stopping restored the weights of epoch ${d.restoredEpoch}, the lowest held-out loss; the predictions and metrics are theirs.`,
    );
  }
  return out;
}
