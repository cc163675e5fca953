import { describe, expect, it } from 'vitest';
import {
  bandOf,
  detectCadence,
  forecastCsv,
  forecastLabels,
  futureTimes,
  quantile,
} from './forecast';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Weekdays from `from`, `n` of them. */
function businessDays(from: string, n: number): Float64Array {
  const out: number[] = [];
  for (let t = day(from); out.length < n; t += 86_400_000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(t);
  }
  return Float64Array.from(out);
}

describe('future dates', () => {
  it('skips weekends when the data does', () => {
    const times = businessDays('2024-01-01', 50); // ends Friday 2024-03-08
    expect(new Date(times[times.length - 1]).toISOString().slice(0, 10)).toBe('2024-03-08');
    expect(detectCadence(times)).toEqual({ kind: 'businessDays' });
    expect(forecastLabels(times, 50, 3)).toEqual(['2024-03-11', '2024-03-12', '2024-03-13']);
  });

  it('keeps weekends when the data has them', () => {
    const times = Float64Array.from({ length: 30 }, (_, i) => day('2024-01-01') + i * 86_400_000);
    expect(forecastLabels(times, 30, 2)).toEqual(['2024-01-31', '2024-02-01']);
  });

  it('steps by months for monthly data, clamping the day to the month', () => {
    const times = Float64Array.from([day('2023-10-31'), day('2023-11-30'), day('2023-12-31')]);
    expect(detectCadence(times)).toEqual({ kind: 'months', every: 1 });
    expect(forecastLabels(times, 3, 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
  });

  it('steps by years on a year axis, printed as years', () => {
    const times = Float64Array.from([1998, 1999, 2000].map((y) => Date.UTC(y, 0, 1)));
    expect(forecastLabels(times, 3, 2, { yearly: true })).toEqual(['2001', '2002']);
  });

  it('counts rows when there is no date', () => {
    expect(forecastLabels(null, 100, 3)).toEqual(['100', '101', '102']);
  });

  it('keeps a fixed gap for hourly data', () => {
    const h = 3_600_000;
    const times = Float64Array.from({ length: 10 }, (_, i) => i * h);
    expect(Array.from(futureTimes(9 * h, detectCadence(times), 2))).toEqual([10 * h, 11 * h]);
  });
});

describe('band and CSV', () => {
  it('takes numpy-style quantiles', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1);
  });

  it('orders Low ≤ median ≤ High per step', () => {
    // 2 steps × 5 samples.
    const v = bandOf(Float32Array.from([5, 1, 3, 2, 4, 10, 30, 20, 50, 40]), 2, 5);
    expect(Array.from(v.forecast)).toEqual([3, 30]);
    expect(v.low[0]).toBeLessThanOrEqual(v.forecast[0]);
    expect(v.high[1]).toBeGreaterThanOrEqual(v.forecast[1]);
    expect(v.low[1]).toBeCloseTo(14);
  });

  it('writes Date,Forecast,Low,High (no band: empty Low and High)', () => {
    const one = Float32Array.from([1.5]);
    const csv = forecastCsv(['2024-01-02'], { forecast: one, low: one, high: one, samples: 1 });
    expect(csv).toBe('Date,Forecast,Low,High\n2024-01-02,1.5,,\n');
  });
});
