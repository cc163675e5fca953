import { describe, expect, it } from 'vitest';
import { logDomain, logTicks } from './logScale';

describe('logDomain', () => {
  it('covers every positive value with a margin, on 1·2·5 bounds', () => {
    const values = [0.0031, 0.04, 0.87, 0.0123];
    const [lo, hi] = logDomain(values)!;
    expect(lo).toBe(0.002);
    expect(hi).toBe(2);
    for (const v of values) expect(v >= lo * 1.2 && v * 1.2 <= hi).toBe(true);
  });

  it('ignores zero, negative and non-finite values; null when nothing is left', () => {
    expect(logDomain([0, -1, NaN, Infinity, 0.5])).toEqual([0.2, 1]);
    expect(logDomain([0, NaN])).toBeNull();
    expect(logDomain([])).toBeNull();
  });

  it('widens a single value', () => {
    expect(logDomain([1])).toEqual([0.5, 2]);
  });
});

describe('logTicks', () => {
  it('labels powers of ten over several decades', () => {
    expect(logTicks([0.001, 10])).toEqual([0.001, 0.01, 0.1, 1, 10]);
  });

  it('adds intermediate steps when the range is short', () => {
    expect(logTicks([0.02, 0.1])).toEqual([0.02, 0.05, 0.1]);
    expect(logTicks([0.01, 1])).toEqual([0.01, 0.03, 0.1, 0.3, 1]);
  });
});
