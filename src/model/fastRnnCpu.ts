/**
 * cpu backend kernels in plain loops. On this backend a tensor's data already is a JS Float32Array,
 * so reading it is free; tfjs-cpu's matMul runs at ≈ 1.3 GFLOP/s here, a 2 × 4 register-blocked
 * dot-product loop at ≈ 5 GFLOP/s, and the recurrence needs no kernel dispatch per step at all.
 * Accumulation is in float64 (JS numbers), stores are float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { FastKernels } from './fastRnnKernels';

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

/** Row-major [rows, cols] → [cols, rows]. */
export function transposed(m: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) t[j * rows + i] = m[o + j];
  }
  return t;
}

const data = (t: tf.Tensor): Float32Array => t.dataSync() as Float32Array;

/** See {@link FastKernels}; cpu backend only (reads tensor data synchronously). */
export const cpuKernels: FastKernels = {
  matMul(a, b, transposeA, transposeB, bias) {
    const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
    const n = transposeB ? b.shape[0] : b.shape[1];
    const rowsA = transposeA ? transposed(data(a), a.shape[0], a.shape[1]) : data(a);
    const rowsB = transposeB ? data(b) : transposed(data(b), b.shape[0], b.shape[1]);
    const out = new Float32Array(m * n);
    gemmABt(rowsA, 0, rowsB, 0, out, 0, m, k, n, false);
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
    const b = rows / steps;
    const block = b * u;
    const h = Float32Array.from(data(proj));
    const ut = transposed(data(recurrent), u, u);
    for (let t = 0; t < steps; t++) {
      const o = t * block;
      if (t > 0) gemmABt(h, o - block, ut, 0, h, o, b, u, u, true);
      if (activation === 'tanh') for (let i = o; i < o + block; i++) h[i] = Math.tanh(h[i]);
      else for (let i = o; i < o + block; i++) if (h[i] < 0) h[i] = 0;
    }
    return tf.tensor2d(h, [rows, u]);
  },

  backward(states, recurrent, dOut, dLast, steps, activation) {
    const [rows, u] = states.shape;
    const b = rows / steps;
    const block = b * u;
    const h = data(states);
    const w = data(recurrent);
    const dA = dOut ? Float32Array.from(data(dOut)) : new Float32Array(rows * u);
    if (!dOut && dLast) dA.set(data(dLast), rows * u - block);
    for (let t = steps - 1; t >= 0; t--) {
      const o = t * block;
      // (dA_{t+1} · Uᵀ)[i, j] = Σ_k dA_{t+1}[i, k] · U[j, k]: U's rows are contiguous already.
      if (t < steps - 1) gemmABt(dA, o + block, w, 0, dA, o, b, u, u, true);
      if (activation === 'tanh') {
        for (let i = o; i < o + block; i++) dA[i] *= 1 - h[i] * h[i];
      } else {
        for (let i = o; i < o + block; i++) if (!(h[i] > 0)) dA[i] = 0;
      }
    }
    return tf.tensor2d(dA, [rows, u]);
  },

  weightGrads(input, states, dA, steps) {
    const [rows, inDim] = input.shape;
    const u = states.shape[1];
    const b = rows / steps;
    // One transpose per operand; every product then reads contiguous rows of length T·b.
    const inT = transposed(data(input), rows, inDim);
    const hT = transposed(data(states), rows, u);
    const dT = transposed(data(dA), rows, u);
    const kernel = new Float32Array(inDim * u);
    gemmABt(inT, 0, dT, 0, kernel, 0, inDim, rows, u, false);
    // dU = Σ_t h_{t−1}ᵀ · dA_t (h_0 = 0): H's first (T−1)·b rows against dA's last (T−1)·b rows.
    const recurrent = new Float32Array(u * u);
    if (steps > 1) gemmABt(hT, 0, dT, b, recurrent, 0, u, rows - b, u, false, rows, rows);
    const bias = new Float32Array(u);
    for (let j = 0; j < u; j++) {
      let s = 0;
      for (let i = j * rows; i < (j + 1) * rows; i++) s += dT[i];
      bias[j] = s;
    }
    return {
      kernel: tf.tensor2d(kernel, [inDim, u]),
      recurrent: tf.tensor2d(recurrent, [u, u]),
      bias: tf.tensor1d(bias),
    };
  },
};
