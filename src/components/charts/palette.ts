/**
 * The charts' semantic palette: one colour per meaning on every chart (a colour never means two
 * things). Hues follow Okabe–Ito and Paul Tol's colour-vision-friendly sets, darkened where needed
 * so every line reaches 3:1 against the white panel (WCAG 1.4.11, graphics). Legend text is drawn in
 * the page's text colour, not the line colour, so text contrast never depends on these.
 * Ratios vs #ffffff are checked by palette.test.ts.
 */
export const COLORS = {
  /** Actual values, the target column itself (test rows and whole series): near-black, 17.4:1. */
  actual: '#1a1a1a',
  /** The model's prediction: Okabe–Ito vermillion, 3.9:1. */
  prediction: '#D55E00',
  /** The forecast's Monte Carlo dropout band (10–90 %): a lighter vermillion, the prediction's hue on purpose, 4.3:1 edges; filled faintly. */
  forecastBand: '#B8652E',
  /** Persistence baseline ("tomorrow = today"): Tol purple, 5.3:1; dashed as well. */
  persistence: '#AA4499',
  /** Train loss per epoch: Okabe–Ito blue, 5.2:1. */
  trainLoss: '#0072B2',
  /** Held-out (test) loss per epoch: Tol green, 5.7:1; dashed as well. */
  heldOutLoss: '#117733',
  /** Smoothed per-batch train loss: a lighter blue, the train hue on purpose, 3.5:1; thin. */
  batchLoss: '#3A8FC7',
  /** The previous run's held-out loss: neutral grey, 5.1:1, told apart by its dotted dash. */
  previous: '#6e6e6e',
  /** The train | test split marker: ochre, 4.9:1. */
  split: '#996600',
  /** Signed values above zero (input influence bars; the heatmaps' scale ends in it): 6.9:1. */
  positive: '#b2182b',
  /** Signed values below zero: 5.9:1. */
  negative: '#2166ac',
} as const;

/**
 * The inside view's per-layer lines (gradient flow): one teal ramp, dark = layer 1, a hue no other
 * meaning uses; told apart by dash as well. 13.2, 6.9, 4.1 and 3.6:1.
 */
export const LAYER_COLORS = ['#00363d', '#00646e', '#2b8a94', '#5e8f95'] as const;

/**
 * One bar colour per input column in the influence figure when the network reads several (Tol's
 * indigo, wine, olive, and a dark orange-brown), cycled beyond four; the table names them exactly.
 */
export const INPUT_COLORS = ['#332288', '#882255', '#666600', '#8a4a00'] as const;

/** Dash of layer l's line (solid, long, short, dotted), so layers differ without colour too. */
export const LAYER_DASHES = ['', '8 4', '4 3', '2 3'] as const;

/** Gridlines are decoration, not data: deliberately faint and outside the contrast rule. */
export const GRID = '#d9d9d9';

/** Muted text drawn inside charts (reference labels): the page's --muted, 7.8:1. */
export const CHART_TEXT = '#4b5260';

/**
 * Line widths in px, from one place: every data line is at least 2 px. Classroom mode may scale
 * them with CSS (`.recharts-line-curve { stroke-width: … }` beats the SVG attribute).
 */
export const LINE = {
  /** Secondary lines: per-batch loss, previous run, baseline. */
  thin: 2,
  /** The lines the eye should follow: losses, actual, prediction. */
  main: 2.5,
} as const;

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
