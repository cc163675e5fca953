/**
 * The products of the cpu kernels (and of the recurrences on wasm): C (+)= A · Bᵀ on a scratch float
 * area the caller lays its operands out in. The area is the WebAssembly SIMD kernel's memory (simd.ts,
 * ≈ 18–35 GFLOP/s here) when WebAssembly SIMD is available; otherwise a JS array with a 2 × 4
 * register-blocked loop (≈ 5 GFLOP/s, float64 accumulation). tfjs-cpu's own matMul runs at ≈ 1.3.
 */
import { simdGemm } from './simd';

/**
 * C[cOff + r·n + i] (+)= Σ_q A[aOff + r·lda + q] · B[bOff + i·ldb + q] for r < m, i < n:
 * C = A · Bᵀ with A [m, k] and B [n, k] both row-major (row strides lda, ldb; default k), so both
 * inner reads are contiguous.
 */
export function gemmABt(
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  C: Float32Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  lda = k,
  ldb = k,
): void {
  let r = 0;
  for (; r + 1 < m; r += 2) {
    const a0 = aOff + r * lda;
    const a1 = a0 + lda;
    const c0 = cOff + r * n;
    const c1 = c0 + n;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      const b0 = bOff + i * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let q = 0; q < k; q++) {
        const x0 = A[a0 + q];
        const x1 = A[a1 + q];
        const y0 = B[b0 + q];
        const y1 = B[b1 + q];
        const y2 = B[b2 + q];
        const y3 = B[b3 + q];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      if (accumulate) {
        s00 += C[c0 + i];
        s01 += C[c0 + i + 1];
        s02 += C[c0 + i + 2];
        s03 += C[c0 + i + 3];
        s10 += C[c1 + i];
        s11 += C[c1 + i + 1];
        s12 += C[c1 + i + 2];
        s13 += C[c1 + i + 3];
      }
      C[c0 + i] = s00;
      C[c0 + i + 1] = s01;
      C[c0 + i + 2] = s02;
      C[c0 + i + 3] = s03;
      C[c1 + i] = s10;
      C[c1 + i + 1] = s11;
      C[c1 + i + 2] = s12;
      C[c1 + i + 3] = s13;
    }
    for (; i < n; i++) {
      const b0 = bOff + i * ldb;
      let s0 = 0;
      let s1 = 0;
      for (let q = 0; q < k; q++) {
        s0 += A[a0 + q] * B[b0 + q];
        s1 += A[a1 + q] * B[b0 + q];
      }
      C[c0 + i] = accumulate ? C[c0 + i] + s0 : s0;
      C[c1 + i] = accumulate ? C[c1 + i] + s1 : s1;
    }
  }
  for (; r < m; r++) {
    const a0 = aOff + r * lda;
    const c0 = cOff + r * n;
    for (let i = 0; i < n; i++) {
      const b0 = bOff + i * ldb;
      let s = 0;
      for (let q = 0; q < k; q++) s += A[a0 + q] * B[b0 + q];
      C[c0 + i] = accumulate ? C[c0 + i] + s : s;
    }
  }
}

/**
 * C[cOff + r·ldc + j] (+)= Σ_q A[aOff + r·ai + q·aq] · B[bOff + q·ldb + j] for r < m, j < n: C = A · B
 * with A read through strides (A row-major: ai = k, aq = 1; Aᵀ: ai = 1, aq = rows of the stored
 * matrix), so neither operand is transposed first. The JS form of the SIMD kernel's `mm`.
 */
export function gemmAB(
  A: Float32Array,
  aOff: number,
  B: Float32Array,
  bOff: number,
  C: Float32Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
  accumulate: boolean,
  ai: number,
  aq: number,
  ldb = n,
  ldc = n,
): void {
  const row = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    row.fill(0);
    for (let q = 0; q < k; q++) {
      const a = A[aOff + r * ai + q * aq];
      if (a === 0) continue;
      const b0 = bOff + q * ldb;
      for (let j = 0; j < n; j++) row[j] += a * B[b0 + j];
    }
    const c0 = cOff + r * ldc;
    for (let j = 0; j < n; j++) C[c0 + j] = accumulate ? C[c0 + j] + row[j] : row[j];
  }
}

/** Row-major [rows, cols] → [cols, rows], written into `out` from float `at`. */
export function transposeInto(
  m: Float32Array,
  rows: number,
  cols: number,
  out: Float32Array,
  at: number,
): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[at + j * rows + i] = m[o + j];
  }
}

/** A float area to lay operands out in, with C (+)= A · Bᵀ on float offsets into it. */
export interface Workspace {
  f: Float32Array;
  gemm(a: number, b: number, c: number, m: number, k: number, n: number, acc: boolean): void;
  /** Same with row strides of A and B. */
  gemmStrided(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    lda: number,
    ldb: number,
  ): void;
  /** f[a … a + n) ⊙= f[b … b + n). */
  mul(a: number, b: number, n: number): void;
  /**
   * C (+)= A · B (see {@link gemmAB}): A's element (i, q) at a + i·ai + q·aq, B [k, n] with row
   * stride ldb, C [m, n] with row stride ldc.
   */
  mm(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    ai: number,
    aq: number,
    ldb: number,
    ldc: number,
    acc: boolean,
  ): void;
}

/**
 * A workspace of at least `floats` floats: the SIMD kernel's memory (shared and reused: copy results
 * out before the next call), or a fresh JS array when `useSimd` is false or SIMD is unavailable.
 */
export function workspace(floats: number, useSimd: boolean): Workspace {
  const simd = useSimd ? simdGemm() : null;
  if (simd) {
    // Slack after the caller's last float: the kernels may read (never write) a few floats past the
    // end of an operand (mm's last columns, the fused LSTM step's last lanes).
    simd.reserve(floats + 4);
    const f = simd.f32;
    return {
      f,
      gemm: (a, b, c, m, k, n, acc) => simd.gemm(a, b, c, m, k, n, k, k, acc),
      gemmStrided: (a, b, c, m, k, n, lda, ldb) => simd.gemm(a, b, c, m, k, n, lda, ldb, false),
      mul: (a, b, n) => simd.mul(a, b, n),
      mm: (a, b, c, m, k, n, ai, aq, ldb, ldc, acc) =>
        simd.mm(a, b, c, m, k, n, ai, aq, ldb, ldc, acc),
    };
  }
  const f = new Float32Array(floats);
  return {
    f,
    gemm: (a, b, c, m, k, n, acc) => gemmABt(f, a, f, b, f, c, m, k, n, acc),
    gemmStrided: (a, b, c, m, k, n, lda, ldb) =>
      gemmABt(f, a, f, b, f, c, m, k, n, false, lda, ldb),
    mul(a, b, n) {
      for (let i = 0; i < n; i++) f[a + i] *= f[b + i];
    },
    mm: (a, b, c, m, k, n, ai, aq, ldb, ldc, acc) =>
      gemmAB(f, a, f, b, f, c, m, k, n, acc, ai, aq, ldb, ldc),
  };
}
