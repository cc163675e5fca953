import { describe, expect, it } from 'vitest';
import { histogramOf } from './histogram';

describe('histogramOf', () => {
  it('counts every value into equal bins over [min, max], the maximum in the last bin', () => {
    const h = histogramOf([Float32Array.of(0, 1, 2), Float32Array.of(3, 4, 1.5)], 4);
    expect([h.min, h.max]).toEqual([0, 4]);
    expect([...h.counts]).toEqual([1, 2, 1, 2]);
  });

  it('puts equal values in the middle bin of a widened range', () => {
    const h = histogramOf([Float32Array.of(2, 2, 2)], 30);
    expect([h.min, h.max]).toEqual([1.5, 2.5]);
    expect(h.counts[15]).toBe(3);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('leaves out NaN and infinities, and gives empty counts for no finite value', () => {
    const h = histogramOf([Float32Array.of(NaN, -1, Infinity, 1)], 2);
    expect([h.min, h.max, ...h.counts]).toEqual([-1, 1, 1, 1]);
    const none = histogramOf([Float32Array.of(NaN), new Float32Array(0)], 3);
    expect([none.min, none.max, ...none.counts]).toEqual([0, 0, 0, 0, 0]);
  });
});
