import { describe, expect, it } from 'vitest';
import { gemmAB, gemmABt } from './gemm';
import { simdGemm, simdModuleBytes } from './simd';
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

  // [m, k, n, transposed A, ldb, ldc]: the LSTM step (b × u by u × 4u), its backward (n = u, a column
  // tail), dW = Xᵀ·dZ with one input row (m = 1), dU over shifted rows (strided B), odd everything.
  const mmShapes: [number, number, number, boolean, number, number][] = [
    [20, 50, 200, false, 200, 200],
    [20, 200, 50, false, 50, 50],
    [1, 800, 200, true, 200, 200],
    [50, 760, 150, true, 200, 150],
    [7, 9, 13, false, 15, 17],
    [5, 3, 6, true, 6, 6],
  ];
  for (const [m, k, n, transposed, ldb, ldc] of mmShapes) {
    it(`mm: C (+)= ${transposed ? 'Aᵀ' : 'A'}·B for m=${m}, k=${k}, n=${n} equals the JS loops`, () => {
      const g = simdGemm();
      if (!g) throw new Error('no SIMD');
      const rng = createRng(m * 7919 + k * 31 + n);
      const fill = (len: number) => Float32Array.from({ length: len }, () => rng.uniform() - 0.5);
      const A = fill(m * k);
      const B = fill(k * ldb);
      const C = fill(m * ldc);
      // A stored [m, k] row-major, or its transpose [k, m] read as A.
      const [ai, aq] = transposed ? [1, m] : [k, 1];
      for (const accumulate of [false, true]) {
        const expected = C.slice();
        gemmAB(A, 0, B, 0, expected, 0, m, k, n, accumulate, ai, aq, ldb, ldc);
        // A naive triple loop as the independent reference.
        const naive = C.slice();
        for (let r = 0; r < m; r++) {
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let q = 0; q < k; q++) s += A[r * ai + q * aq] * B[q * ldb + j];
            naive[r * ldc + j] = (accumulate ? naive[r * ldc + j] : 0) + s;
          }
        }
        const [a, b, c] = [1, 1 + A.length, 2 + A.length + B.length];
        g.reserve(c + C.length);
        g.f32.set(A, a);
        g.f32.set(B, b);
        g.f32.set(C, c);
        g.mm(a, b, c, m, k, n, ai, aq, ldb, ldc, accumulate);
        const actual = g.f32.subarray(c, c + m * ldc);
        for (let i = 0; i < m * ldc; i++) {
          expect(actual[i]).toBeCloseTo(naive[i], 4);
          expect(expected[i]).toBeCloseTo(naive[i], 4);
        }
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

describe('the SIMD activations', () => {
  const g = simdGemm();
  /** Runs `kind` over xs in the kernel's memory at an odd offset (any alignment, a scalar tail). */
  const run = (kind: 'tanh' | 'sigmoid', xs: Float32Array): Float32Array => {
    if (!g) throw new Error('no SIMD');
    g.reserve(xs.length + 5);
    g.f32.set(xs, 5);
    g[kind](5, xs.length);
    return g.f32.slice(5, 5 + xs.length);
  };
  // −12 … 12 in steps of 1/1024 plus the tiny range, n % 4 ≠ 0.
  const xs = Float32Array.from({ length: 24 * 1024 + 3 }, (_, i) => -12 + i / 1024);
  const tiny = Float32Array.from({ length: 2001 }, (_, i) => (i - 1000) * 1e-6);

  it('tanh is within 3 float32 ulp of tanh (relative 4e-7), odd, saturates and keeps NaN', () => {
    for (const set of [xs, tiny]) {
      const y = run('tanh', set);
      set.forEach((x, i) => {
        const exact = Math.tanh(x);
        expect(Math.abs(y[i] - exact)).toBeLessThanOrEqual(4e-7 * Math.max(Math.abs(exact), 1e-30));
      });
    }
    const [a, b, big, small, nan] = run('tanh', Float32Array.from([0.3, -0.3, 50, -50, NaN]));
    expect(a).toBe(-b);
    expect(big).toBeCloseTo(1, 7);
    expect(small).toBeCloseTo(-1, 7);
    expect(nan).toBeNaN();
  });

  it('sigmoid is within 2e-7 (two float32 ulp of 1) of 1 / (1 + e^−x)', () => {
    const y = run('sigmoid', xs);
    xs.forEach((x, i) => {
      expect(Math.abs(y[i] - 1 / (1 + Math.exp(-x)))).toBeLessThan(2e-7);
    });
  });
});

describe('simdModule.ts', () => {
  it('holds the bytes of simd.wat as it is now (run node scripts/build-wasm.mjs after editing it)', async () => {
    const { readFile } = await import('node:fs/promises');
    // @ts-expect-error: a plain .mjs helper without types
    const { compileWat } = (await import('../../../../../scripts/wat.mjs')) as {
      compileWat(source: string): Promise<Uint8Array>;
    };
    const source = await readFile(new URL('./simd.wat', import.meta.url), 'utf8');
    expect([...(await compileWat(source))]).toEqual([...simdModuleBytes()]);
  });
});

describe('the SIMD dropout mask', () => {
  it('is bit-identical to Rng.fillMask (n % 4 ≠ 0, several rates) and the stream continues alike', () => {
    const g = simdGemm();
    if (!g) throw new Error('no SIMD');
    for (const rate of [0, 0.2, 0.5, 0.9]) {
      const a = createRng(7);
      const b = createRng(7);
      const keep = 1 / (1 - rate);
      const n = 40_003;
      const expected = new Float32Array(n);
      a.fillMask(expected, rate, keep);
      g.reserve(n + 3);
      g.mask(3, n, b.takeCounter(n), Math.ceil(rate * 4294967296), keep);
      expect(g.f32.slice(3, 3 + n)).toEqual(expected);
      expect(b.uniform()).toBe(a.uniform());
    }
  });
});
