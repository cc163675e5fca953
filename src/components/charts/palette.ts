/** Okabe–Ito colours: distinguishable with every common colour-vision deficiency. */
export const COLORS = {
  actual: '#1a1a1a',
  predicted: '#D55E00',
  baseline: '#0072B2',
  train: '#0072B2',
  val: '#D55E00',
  batch: '#56B4E9',
  split: '#CC79A7',
  series: '#009E73',
  /** The previous run: neutral grey (4.8:1 on white), told apart by its dotted dash, not hue. */
  previous: '#6e6e6e',
  grid: '#d9d9d9',
  /** Signed bars (input influence): above and below zero. */
  positive: '#b2182b',
  negative: '#2166ac',
} as const;

/** One colour per layer in the inside view's per-layer lines. */
export const LAYER_COLORS = ['#1b4f72', '#117a65', '#7d3c98', '#935116', '#566573'] as const;
