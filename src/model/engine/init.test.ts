import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng';
import { initialWeightArrays, orthogonal } from './init';

function gram(m: Float32Array, rows: number, cols: number, byRows: boolean): number[][] {
  const n = byRows ? rows : cols;
  const out: number[][] = [];
  for (let a = 0; a < n; a++) {
    out.push([]);
    for (let b = 0; b < n; b++) {
      let d = 0;
      const len = byRows ? cols : rows;
      for (let k = 0; k < len; k++) {
        d += byRows ? m[a * cols + k] * m[b * cols + k] : m[k * cols + a] * m[k * cols + b];
      }
      out[a].push(d);
    }
  }
  return out;
}

describe('orthogonal', () => {
  it('gives orthonormal rows for a wide [4, 12] matrix (LSTM recurrent kernel shape)', () => {
    const w = orthogonal(createRng(3), 4, 12);
    const g = gram(w, 4, 12, true);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) expect(g[i][j]).toBeCloseTo(i === j ? 1 : 0, 5);
  });
  it('gives orthonormal columns for a square matrix', () => {
    const w = orthogonal(createRng(3), 5, 5);
    const g = gram(w, 5, 5, false);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) expect(g[i][j]).toBeCloseTo(i === j ? 1 : 0, 5);
  });
});

describe('initialWeightArrays', () => {
  it('has Keras shapes and order for 2 × LSTM(3)', () => {
    const w = initialWeightArrays({ cell: 'lstm', layers: 2, units: 3 }, 1, 42);
    expect(w.map((x) => x.shape)).toEqual([
      [1, 12],
      [3, 12],
      [12],
      [3, 12],
      [3, 12],
      [12],
      [3, 1],
      [1],
    ]);
    // forget-gate bias is 1, the rest 0
    expect(Array.from(w[2].values)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });
  it('is deterministic per seed, within glorot limits', () => {
    const a = initialWeightArrays({ cell: 'simpleRNN', layers: 1, units: 50 }, 1, 42);
    const b = initialWeightArrays({ cell: 'simpleRNN', layers: 1, units: 50 }, 1, 42);
    const c = initialWeightArrays({ cell: 'simpleRNN', layers: 1, units: 50 }, 1, 43);
    expect(a.map((x) => Array.from(x.values))).toEqual(b.map((x) => Array.from(x.values)));
    expect(Array.from(a[0].values)).not.toEqual(Array.from(c[0].values));
    const limit = Math.sqrt(6 / 51);
    for (const v of a[0].values) expect(Math.abs(v)).toBeLessThanOrEqual(limit);
    expect(Math.max(...a[0].values.map(Math.abs))).toBeGreaterThan(limit * 0.8);
    expect(Array.from(a[2].values).every((v) => v === 0)).toBe(true);
  });
  it('GRU bias has 3·units entries (tfjs reset_after = false)', () => {
    const w = initialWeightArrays({ cell: 'gru', layers: 1, units: 4 }, 1, 1);
    expect(w[2].shape).toEqual([12]);
  });
});
