import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng';

describe('createRng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    const xb = Array.from({ length: 5 }, () => b.uniform());
    const xc = Array.from({ length: 5 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    for (const x of xa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('normal() has mean ≈ 0 and variance ≈ 1', () => {
    const r = createRng(7);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });

  it('shuffle() permutes in place, reproducibly', () => {
    const a = createRng(1).shuffle(Int32Array.from({ length: 10 }, (_, i) => i));
    const b = createRng(1).shuffle(Int32Array.from({ length: 10 }, (_, i) => i));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(a)).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('deriveSeed separates streams', () => {
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(42, 2));
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1));
  });
});

describe('fillMask', () => {
  it('draws exactly what the uniform() loop draws, and leaves the stream where that loop does', () => {
    for (const rate of [0, 0.2, 0.5, 0.999]) {
      const a = createRng(1234);
      const b = createRng(1234);
      const keep = 1 / (1 - rate);
      const bulk = new Float32Array(10_001);
      a.fillMask(bulk, rate, keep);
      const loop = Float32Array.from(bulk, () => (b.uniform() >= rate ? keep : 0));
      expect(bulk).toEqual(loop);
      expect(a.uniform()).toBe(b.uniform());
    }
  });
});

describe('takeCounter', () => {
  it('skips exactly n draws and returns the counter the next n hash from', () => {
    const a = createRng(99);
    const b = createRng(99);
    const from = a.takeCounter(1001);
    const skipped = Array.from({ length: 1001 }, () => b.uniform());
    expect(a.uniform()).toBe(b.uniform());
    // Draw j hashes from + j·C: the first skipped draw, recomputed from the counter alone.
    const s = (from + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    expect(((t ^ (t >>> 14)) >>> 0) / 4294967296).toBe(skipped[0]);
  });
});
