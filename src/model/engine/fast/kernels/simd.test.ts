import { describe, expect, it } from 'vitest';
import { gemmABt } from './gemm';
import { simdGemm } from './simd';
import { createRng } from '../../../core/rng';

describe('simdGemm', () => {
  it('is available in Node (WebAssembly SIMD)', () => {
    expect(simdGemm()).not.toBeNull();
  });

  // [m, k, n, lda, ldb]: the step product, a k tail (k % 4 ≠ 0), an n tail (n % 4 ≠ 0), strided rows
  // (dU's shifted operands), one row (layer 0's dW), k = 1 (layer 0's projection).
  const shapes = [
    [20, 50, 50, 50, 50],
    [3, 7, 9, 7, 7],
    [50, 760, 50, 800, 800],
    [1, 800, 50, 800, 800],
    [20, 1, 50, 1, 1],
  ];
  for (const [m, k, n, lda, ldb] of shapes) {
    it(`C (+)= A·Bᵀ for m=${m}, k=${k}, n=${n}, strides ${lda}/${ldb} equals the JS loops`, () => {
      const g = simdGemm();
      if (!g) throw new Error('no SIMD');
      const rng = createRng(m * 1000 + k);
      const fill = (len: number) => Float32Array.from({ length: len }, () => rng.uniform() - 0.5);
      const A = fill(m * lda);
      const B = fill(n * ldb);
      const C = fill(m * n);
      for (const accumulate of [false, true]) {
        const expected = C.slice();
        gemmABt(A, 0, B, 0, expected, 0, m, k, n, accumulate, lda, ldb);
        // Odd offsets: the kernel must not rely on 16-byte alignment.
        const [a, b, c] = [3, 3 + A.length, 3 + A.length + B.length];
        g.reserve(c + C.length);
        g.f32.set(A, a);
        g.f32.set(B, b);
        g.f32.set(C, c);
        g.gemm(a, b, c, m, k, n, lda, ldb, accumulate);
        const actual = g.f32.subarray(c, c + m * n);
        for (let i = 0; i < m * n; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
      }
    });
  }

  it('grows its memory on demand and keeps the view current', () => {
    const g = simdGemm();
    if (!g) throw new Error('no SIMD');
    g.reserve(2_000_000);
    expect(g.f32.length).toBeGreaterThanOrEqual(2_000_000);
    g.f32[1_999_999] = 1.5;
    expect(g.f32[1_999_999]).toBe(1.5);
  });
});
