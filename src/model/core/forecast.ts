/**
 * The forecast past the data's last row, the parts that need no tfjs: the future dates in the
 * series' own cadence, the Monte Carlo band's quantiles and the forecast CSV.
 */

const DAY = 86_400_000;

/** What a forecast answer holds, in original units: [steps] each. */
export interface ForecastValues {
  /** The median of the samples (with dropout off: the one deterministic path). */
  forecast: Float32Array;
  /** The 10 % and 90 % quantiles of the Monte Carlo dropout samples; equal to `forecast` without dropout. */
  low: Float32Array;
  high: Float32Array;
  /** Samples behind the band (1: no dropout, no band). */
  samples: number;
}

/** The band's quantiles. */
export const BAND = { low: 0.1, high: 0.9 } as const;

/** Monte Carlo samples when dropout is on (one batch of this many windows per step). */
export const MC_SAMPLES = 30;

/** The q-quantile (linear interpolation, as numpy's default) of `sorted`, ascending. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/**
 * Median and the 10–90 % band per step from `samples` [steps, b] (row-major, b samples per step).
 */
export function bandOf(samples: Float32Array, steps: number, b: number): ForecastValues {
  const forecast = new Float32Array(steps);
  const low = new Float32Array(steps);
  const high = new Float32Array(steps);
  for (let s = 0; s < steps; s++) {
    const row = Float64Array.from(samples.subarray(s * b, s * b + b)).sort();
    forecast[s] = quantile(row, 0.5);
    low[s] = quantile(row, BAND.low);
    high[s] = quantile(row, BAND.high);
  }
  return { forecast, low, high, samples: b };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

function addMonths(t: number, months: number): number {
  const d = new Date(t);
  const day = d.getUTCDate();
  const out = new Date(t);
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out.getTime();
}

/** How a series steps from row to row. */
export type Cadence =
  { kind: 'businessDays' } | { kind: 'months'; every: number } | { kind: 'fixed'; ms: number };

/**
 * The cadence of `times` (epoch ms, ascending) from its last 60 gaps: business days when daily
 * data never falls on a weekend, whole months (1, 3, 6, 12) for monthly to yearly data, else the
 * median gap. `yearly` (a year axis) is 12 months.
 */
export function detectCadence(times: Float64Array, yearly = false): Cadence {
  if (yearly) return { kind: 'months', every: 12 };
  const from = Math.max(1, times.length - 60);
  const gaps: number[] = [];
  for (let i = from; i < times.length; i++) gaps.push(times[i] - times[i - 1]);
  const gap = median(gaps);
  if (!(gap > 0)) return { kind: 'fixed', ms: DAY };
  const days = gap / DAY;
  if (days >= 0.9 && days <= 1.1) {
    const tail = times.subarray(Math.max(0, times.length - 260));
    const weekend = tail.some((t) => {
      const wd = new Date(t).getUTCDay();
      return wd === 0 || wd === 6;
    });
    if (!weekend && tail.length >= 5) return { kind: 'businessDays' };
  }
  for (const every of [1, 3, 6, 12]) {
    const nominal = every * 30.44;
    if (Math.abs(days - nominal) <= every * 3) return { kind: 'months', every };
  }
  return { kind: 'fixed', ms: gap };
}

/** The `steps` times after `last` in `cadence` (epoch ms). */
export function futureTimes(last: number, cadence: Cadence, steps: number): Float64Array {
  const out = new Float64Array(steps);
  let t = last;
  for (let s = 0; s < steps; s++) {
    if (cadence.kind === 'months') t = addMonths(last, cadence.every * (s + 1));
    else if (cadence.kind === 'fixed') t += cadence.ms;
    else {
      do t += DAY;
      while ([0, 6].includes(new Date(t).getUTCDay()));
    }
    out[s] = t;
  }
  return out;
}

/**
 * The labels of the `steps` rows after a series of `rows` rows: ISO dates (years for a year
 * axis; date and time when `dateOnly` is false) in its cadence, or without a time axis the row
 * numbers that follow (0-based, as the charts count rows).
 */
export function forecastLabels(
  times: Float64Array | null,
  rows: number,
  steps: number,
  opts: { yearly?: boolean; dateOnly?: boolean } = {},
): string[] {
  if (!times || times.length < 2) return Array.from({ length: steps }, (_, s) => String(rows + s));
  const future = futureTimes(times[times.length - 1], detectCadence(times, opts.yearly), steps);
  return Array.from(future, (t) => {
    const iso = new Date(t).toISOString();
    if (opts.yearly) return iso.slice(0, 4);
    return opts.dateOnly === false ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
  });
}

/** The forecast as CSV: `Date,Forecast,Low,High`, one row per step (Low and High empty without a band). */
export function forecastCsv(labels: readonly string[], v: ForecastValues): string {
  const band = v.samples > 1;
  const rows = labels.map((d, s) =>
    [d, v.forecast[s], band ? v.low[s] : '', band ? v.high[s] : ''].join(','),
  );
  return ['Date,Forecast,Low,High', ...rows].join('\n') + '\n';
}
