import { describe, expect, it } from 'vitest';
import { appendBounded, sampleIndices, smooth, type XY } from './series';

describe('bounded series', () => {
  it('never holds more than max points and keeps the newest x', () => {
    let s: XY[] = [];
    for (let i = 1; i <= 10_000; i++) s = appendBounded(s, { x: i, y: 1 / i }, 100);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(s.length).toBeGreaterThan(50);
    expect(s[s.length - 1].x).toBe(10_000);
    for (let i = 1; i < s.length; i++) expect(s[i].x).toBeGreaterThan(s[i - 1].x);
  });

  it('halves by averaging neighbouring pairs', () => {
    const s = appendBounded(
      [
        { x: 1, y: 1 },
        { x: 2, y: 3 },
        { x: 3, y: 5 },
        { x: 4, y: 7 },
      ],
      { x: 5, y: 9 },
      4,
    );
    expect(s).toEqual([
      { x: 2, y: 2 },
      { x: 4, y: 6 },
      { x: 5, y: 9 },
    ]);
  });

  it('samples at most max evenly spaced indices, first and last kept', () => {
    expect(sampleIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const idx = sampleIndices(100_001, 1000);
    expect(idx.length).toBe(1000);
    expect(idx[0]).toBe(0);
    expect(idx[999]).toBe(100_000);
  });

  it('smooths with an exponential moving average', () => {
    expect(smooth(null, 4)).toBe(4);
    expect(smooth(4, 2, 0.5)).toBe(3);
  });
});
