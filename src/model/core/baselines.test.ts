import { describe, expect, it } from 'vitest';
import {
  candidatePeriods,
  detectPeriod,
  diffAutocorrelation,
  fitRidge,
  predictLinear,
  seasonalNaive,
} from './baselines';

const days = (n: number, step = 1, skipWeekends = false) => {
  const out: number[] = [];
  for (let d = 0; out.length < n; d += step) {
    const t = Date.UTC(2021, 0, 4 + d); // a Monday
    const wd = new Date(t).getUTCDay();
    if (!skipWeekends || (wd !== 0 && wd !== 6)) out.push(t);
  }
  return out;
};

describe('fitRidge', () => {
  it('recovers an exact linear relation with a tiny penalty, intercept unpenalised', () => {
    // y = 2·x0 − 3·x1 + 5 on 4 rows.
    const X = [0, 0, 1, 0, 0, 1, 1, 1];
    const y = [5, 7, 2, 4];
    const m = fitRidge(X, y, 4, 2, 1e-12);
    expect(m.coef[0]).toBeCloseTo(2, 9);
    expect(m.coef[1]).toBeCloseTo(-3, 9);
    expect(m.intercept).toBeCloseTo(5, 9);
    expect(Array.from(predictLinear(m, [2, 2], 1))).toEqual([expect.closeTo(3, 9)]);
  });
  it('shrinks with λ as the closed form (XcᵀXc + λ)⁻¹ Xcᵀyc for one feature', () => {
    const X = [1, 2, 3, 4];
    const y = [2, 4, 5, 9];
    // centred: x = −1.5, −0.5, 0.5, 1.5 (Σx² = 5), y − 5 = −3, −1, 0, 4 (Σxy = 11) → w = 11 / (5 + λ)
    const m = fitRidge(X, y, 4, 1, 2);
    expect(m.coef[0]).toBeCloseTo(11 / 7, 12);
    expect(m.intercept).toBeCloseTo(5 - 2.5 * (11 / 7), 12);
  });
  it('solves more features than rows thanks to λ, and refuses none', () => {
    const m = fitRidge([1, 2, 3], [1], 1, 3, 1e-6);
    expect(m.coef.every(Number.isFinite)).toBe(true);
    expect(() => fitRidge([], [], 0, 3, 1)).toThrow();
  });
});

describe('seasonal period detection', () => {
  it('picks candidates from the spacing of the time axis', () => {
    expect(candidatePeriods(days(30))).toEqual([7, 365]);
    expect(candidatePeriods(days(30, 1, true))).toEqual([5, 252]);
    expect(candidatePeriods(days(30, 7))).toEqual([52]);
    const months = Array.from({ length: 30 }, (_, i) => Date.UTC(2000, i, 1));
    expect(candidatePeriods(months)).toEqual([12]);
    expect(candidatePeriods(null)).toEqual([5, 7, 12, 24, 52]);
  });
  it('finds a weekly pattern in daily data and a yearly one in monthly data', () => {
    const week = [3, 5, 4, 6, 9, 1, 0];
    const daily = Array.from({ length: 300 }, (_, i) => i * 0.05 + week[i % 7]);
    expect(detectPeriod(daily, days(300))).toBe(7);
    expect(detectPeriod(daily, null)).toBe(7);
    const monthly = Array.from(
      { length: 120 },
      (_, i) => i + 10 * Math.sin((2 * Math.PI * i) / 12),
    );
    const months = Array.from({ length: 120 }, (_, i) => Date.UTC(2000, i, 1));
    expect(detectPeriod(monthly, months)).toBe(12);
  });
  it('finds none in a random walk or a series too short for three periods', () => {
    let v = 100;
    let s = 1;
    const walk = Array.from({ length: 500 }, () => {
      s = (s * 16807) % 2147483647;
      return (v += s / 2147483647 - 0.5);
    });
    expect(detectPeriod(walk, days(500))).toBeNull();
    const week = [3, 5, 4, 6, 9, 1, 0];
    expect(
      detectPeriod(
        Array.from({ length: 20 }, (_, i) => week[i % 7]),
        days(20),
      ),
    ).toBeNull();
  });
  it('differences before correlating: a trend alone is not a season', () => {
    const trend = Array.from({ length: 200 }, (_, i) => i * i);
    expect(diffAutocorrelation(trend, 7)).toBeLessThan(1);
    expect(
      detectPeriod(
        Array.from({ length: 200 }, (_, i) => 2 * i),
        null,
      ),
    ).toBeNull();
  });
});

describe('seasonalNaive', () => {
  it('repeats the value one period back', () => {
    expect(Array.from(seasonalNaive([1, 2, 3, 4, 5, 6], 2, 3, 3))).toEqual([2, 3, 4]);
    expect(() => seasonalNaive([1, 2, 3], 5, 2, 1)).toThrow();
  });
});
