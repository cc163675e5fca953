/**
 * Diagnostics of a run, as numbers and plain sentences for the Results panel: test values outside
 * the training range, a flat prediction, overfitting, a diverging loss. Pure: no tfjs, no DOM.
 */

/** Test values outside the range of the train part (what the MinMax scaler was fitted on). */
export interface Extrapolation {
  above: number;
  below: number;
  total: number;
  trainMin: number;
  trainMax: number;
}

/** Counts the test values above `trainMax` and below `trainMin`. */
export function countExtrapolation(
  trainMin: number,
  trainMax: number,
  testActual: ArrayLike<number>,
): Extrapolation {
  let above = 0;
  let below = 0;
  for (let i = 0; i < testActual.length; i++) {
    if (testActual[i] > trainMax) above++;
    else if (testActual[i] < trainMin) below++;
  }
  return { above, below, total: testActual.length, trainMin, trainMax };
}

/** Spread (population standard deviation) of `v`; NaN when empty. */
export function spread(v: ArrayLike<number>): number {
  const n = v.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += v[i];
  mean /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i] - mean) ** 2;
  return Math.sqrt(s / n);
}

/** Below this share of the actual test spread, a prediction counts as flat. */
export const FLAT_RATIO = 0.02;

/** std(predicted) / std(actual), or NaN when the actual values do not vary. */
export function spreadRatio(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const a = spread(actual);
  return a > 0 ? spread(predicted) / a : NaN;
}

/** Epochs of no held-out improvement, with training loss falling, that count as overfitting. */
export const OVERFIT_EPOCHS = 3;

export interface Overfitting {
  /** 1-based epoch with the lowest held-out loss. */
  bestEpoch: number;
  /** Epochs since then. */
  since: number;
}

/**
 * Overfitting: the lowest held-out loss lies OVERFIT_EPOCHS or more epochs back while the training
 * loss has kept falling since. `losses` is per epoch, in order. Null when not (or too few epochs).
 */
export function detectOverfitting(
  losses: readonly { epoch: number; train: number; val: number }[],
): Overfitting | null {
  if (losses.length <= OVERFIT_EPOCHS) return null;
  let best = 0;
  for (let i = 1; i < losses.length; i++) if (losses[i].val < losses[best].val) best = i;
  const last = losses.length - 1;
  const since = last - best;
  if (since < OVERFIT_EPOCHS || !(losses[last].train < losses[best].train)) return null;
  return { bestEpoch: losses[best].epoch, since };
}

/** A batch loss this many times the first epoch's (or larger) means the run has diverged. */
export const DIVERGENCE_FACTOR = 1e6;
/** Floor of the reference loss, so a near-perfect first epoch does not make noise look like divergence. */
const DIVERGENCE_FLOOR = 1e-3;

/**
 * Why a loss means divergence, as a sentence that suggests a lower learning rate, or null when it is
 * fine: non-finite, or above DIVERGENCE_FACTOR × max(reference, 1e-3) (reference: the first loss
 * read; NaN before there is one).
 */
export function divergence(
  loss: number,
  reference: number,
  epoch: number,
  learningRate: number,
): string | null {
  const ref = Math.max(Number.isFinite(reference) ? reference : 0, DIVERGENCE_FLOOR);
  if (Number.isFinite(loss) && loss <= DIVERGENCE_FACTOR * ref) return null;
  const what = Number.isFinite(loss)
    ? `exploded to ${loss.toExponential(1)}, over a million times where it started`
    : 'became NaN or infinite';
  const lower = Number((learningRate / 10).toPrecision(2));
  return (
    `Training stopped in epoch ${epoch}: the loss ${what}, so the weights diverged. ` +
    `Try a lower learning rate (e.g. ${lower} instead of ${learningRate}).`
  );
}
