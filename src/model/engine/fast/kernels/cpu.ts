/**
 * cpu backend kernels in plain loops. On this backend a tensor's data already is a JS Float32Array,
 * so reading it is free, and the recurrence needs no kernel dispatch per step at all. The products run
 * in a WebAssembly SIMD kernel (fastSimd.ts, ≈ 18–35 GFLOP/s here) on a scratch memory the operands
 * are copied into; without WebAssembly SIMD, in a 2 × 4 register-blocked JS loop (≈ 5 GFLOP/s,
 * float64 accumulation). tfjs-cpu's own matMul runs at ≈ 1.3 GFLOP/s.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FastKernels } from './index';
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

const data = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;

/**
 * tanh through one exp: ≈ 1.6× faster than Math.tanh here and equal to it after rounding to float32
 * (|x| > 10 rounds to ±1, |x| < 1e-3 takes x − x³/3; NaN stays NaN). A rational approximation
 * (Eigen's, no exp) was faster still but moved the bench's gradient check from 1e-6 to 6e-6 for no
 * measurable gain per batch.
 */
export function tanh(x: number): number {
  if (x > 10) return 1;
  if (x < -10) return -1;
  // Near 0, e − 1 cancels: the series is exact in float32 there.
  if (x > -1e-3 && x < 1e-3) return x - (x * x * x) / 3;
  const e = Math.exp(2 * x);
  return (e - 1) / (e + 1);
}

/** A float area to lay operands out in, with C (+)= A · Bᵀ on offsets into it. */
interface Workspace {
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
}

/** The SIMD kernel's memory (reused: copy results out before the next call), or a fresh JS array. */
function workspace(floats: number, useSimd = true): Workspace {
  const simd = useSimd ? simdGemm() : null;
  if (simd) {
    simd.reserve(floats);
    const f = simd.f32;
    return {
      f,
      gemm: (a, b, c, m, k, n, acc) => simd.gemm(a, b, c, m, k, n, k, k, acc),
      gemmStrided: (a, b, c, m, k, n, lda, ldb) => simd.gemm(a, b, c, m, k, n, lda, ldb, false),
    };
  }
  const f = new Float32Array(floats);
  return {
    f,
    gemm: (a, b, c, m, k, n, acc) => gemmABt(f, a, f, b, f, c, m, k, n, acc),
    gemmStrided: (a, b, c, m, k, n, lda, ldb) =>
      gemmABt(f, a, f, b, f, c, m, k, n, false, lda, ldb),
  };
}

/** The cpu kernels; `useSimd` false forces the JS loops (tests compare both). */
export function makeCpuKernels(useSimd = true): FastKernels {
  return {
    matMul(a, b, transposeA, transposeB, bias) {
      const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
      const n = transposeB ? b.shape[0] : b.shape[1];
      const ws = workspace(m * k + n * k + m * n, useSimd);
      const { f } = ws;
      if (transposeA) transposeInto(data(a), a.shape[0], a.shape[1], f, 0);
      else f.set(data(a), 0);
      if (transposeB) f.set(data(b), m * k);
      else transposeInto(data(b), b.shape[0], b.shape[1], f, m * k);
      const c = m * k + n * k;
      ws.gemm(0, m * k, c, m, k, n, false);
      const out = f.slice(c, c + m * n);
      if (bias) {
        const bv = data(bias);
        for (let r = 0; r < m; r++) for (let i = 0; i < n; i++) out[r * n + i] += bv[i];
      }
      return tf.tensor2d(out, [m, n]);
    },

    mul(a, b) {
      const x = data(a);
      const y = data(b);
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = x[i] * y[i];
      return tf.tensor2d(out, a.shape);
    },

    forward(proj, recurrent, steps, activation) {
      const [rows, u] = proj.shape;
      const block = (rows / steps) * u;
      // Layout: Uᵀ [u, u] at 0, then the states [T·b, u], starting as the projections.
      const ws = workspace(u * u + rows * u, useSimd);
      const { f } = ws;
      transposeInto(data(recurrent), u, u, f, 0);
      const h0 = u * u;
      f.set(data(proj), h0);
      for (let t = 0; t < steps; t++) {
        const o = h0 + t * block;
        if (t > 0) ws.gemm(o - block, 0, o, rows / steps, u, u, true);
        if (activation === 'tanh') for (let i = o; i < o + block; i++) f[i] = tanh(f[i]);
        else for (let i = o; i < o + block; i++) if (f[i] < 0) f[i] = 0;
      }
      return tf.tensor2d(f.slice(h0, h0 + rows * u), [rows, u]);
    },

    backward(states, recurrent, dOut, dLast, steps, activation) {
      const [rows, u] = states.shape;
      const b = rows / steps;
      const block = b * u;
      const h = data(states);
      // Layout: U [u, u] at 0 (dA_{t+1} · Uᵀ reads U's rows, contiguous already), then dA [T·b, u].
      const ws = workspace(u * u + rows * u, useSimd);
      const { f } = ws;
      f.set(data(recurrent), 0);
      const d0 = u * u;
      if (dOut) f.set(data(dOut), d0);
      else {
        f.fill(0, d0, d0 + rows * u - block);
        if (dLast) f.set(data(dLast), d0 + rows * u - block);
        else f.fill(0, d0 + rows * u - block, d0 + rows * u);
      }
      for (let t = steps - 1; t >= 0; t--) {
        const o = d0 + t * block;
        if (t < steps - 1) ws.gemm(o + block, 0, o, b, u, u, true);
        const ho = t * block - o;
        if (activation === 'tanh') {
          for (let i = o; i < o + block; i++) f[i] *= 1 - h[i + ho] * h[i + ho];
        } else {
          for (let i = o; i < o + block; i++) if (!(h[i + ho] > 0)) f[i] = 0;
        }
      }
      return tf.tensor2d(f.slice(d0, d0 + rows * u), [rows, u]);
    },

    weightGrads(input, states, dA, steps) {
      const [rows, inDim] = input.shape;
      const u = states.shape[1];
      const b = rows / steps;
      // Layout: Xᵀ [in, T·b], Hᵀ [u, T·b], dAᵀ [u, T·b], then dW [in, u] and dU [u, u]: every
      // product reads contiguous rows of length T·b, and each operand is transposed once.
      const hT = inDim * rows;
      const dT = hT + u * rows;
      const kw = dT + u * rows;
      const ku = kw + inDim * u;
      const ws = workspace(ku + u * u, useSimd);
      const { f } = ws;
      transposeInto(data(input), rows, inDim, f, 0);
      transposeInto(data(states), rows, u, f, hT);
      transposeInto(data(dA), rows, u, f, dT);
      ws.gemm(0, dT, kw, inDim, rows, u, false);
      // dU = Σ_t h_{t−1}ᵀ · dA_t (h_0 = 0): H's first (T−1)·b rows against dA's last (T−1)·b rows.
      if (steps > 1) ws.gemmStrided(hT, dT + b, ku, u, rows - b, u, rows, rows);
      else f.fill(0, ku, ku + u * u);
      const bias = new Float32Array(u);
      for (let j = 0; j < u; j++) {
        let s = 0;
        for (let i = dT + j * rows; i < dT + (j + 1) * rows; i++) s += f[i];
        bias[j] = s;
      }
      return {
        kernel: tf.tensor2d(f.slice(kw, kw + inDim * u), [inDim, u]),
        recurrent: tf.tensor2d(f.slice(ku, ku + u * u), [u, u]),
        bias: tf.tensor1d(bias),
      };
    },
  };
}

/** See {@link FastKernels}; cpu backend only (reads tensor data synchronously). */
export const cpuKernels: FastKernels = makeCpuKernels();
