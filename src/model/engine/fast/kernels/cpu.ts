/**
 * cpu backend kernels in plain loops. On this backend a tensor's data already is a JS Float32Array,
 * so reading it is free, and the recurrence needs no kernel dispatch per step at all. The products run
 * in gemm.ts (the WebAssembly SIMD kernel of simd.ts, or the JS loops without it) on a scratch area
 * the operands are laid out in, each transposed at most once.
 */
import { hostData, hostTensor2d } from './hostData';
import { gruKernel } from './gatedGru';
import { lstmKernel } from './gatedLstm';
import { transposeInto, workspace } from './gemm';
import { tfSplit } from './ops';
import { placeOutputGrad } from './fused';
import { cpuWeightGrads } from './weightGrads';
import type { FastKernels, RnnRecurrence } from './types';

const data = hostData;

/**
 * The cpu kernels (they read tensor data synchronously: cpu backend, or wasm for the recurrences).
 * `useSimd` false forces the JS loops even where WebAssembly SIMD exists (tests compare both).
 */
export function makeCpuKernels(useSimd: boolean): FastKernels {
  const rnn: RnnRecurrence = {
    forward(proj, recurrent, steps, activation) {
      const [rows, u] = proj.shape;
      const block = (rows / steps) * u;
      // Layout: U [u, u] at 0, then the states [T·b, u], starting as the projections.
      const ws = workspace(u * u + rows * u, useSimd);
      const { f } = ws;
      f.set(data(recurrent), 0);
      const h0 = u * u;
      f.set(data(proj), h0);
      for (let t = 0; t < steps; t++) {
        const o = h0 + t * block;
        if (t > 0) ws.mm(o - block, 0, o, rows / steps, u, u, u, 1, u, u, true);
        activation.applyInPlace(f, o, o + block);
      }
      return hostTensor2d(f.slice(h0, h0 + rows * u), [rows, u]);
    },
    backward(states, recurrent, dOut, dLast, steps, activation) {
      const [rows, u] = states.shape;
      const b = rows / steps;
      const block = b * u;
      const h = data(states);
      // Layout: Uᵀ [u, u] at 0 (dA_{t+1} · Uᵀ in outer-product form), then dA [T·b, u].
      const ws = workspace(u * u + rows * u, useSimd);
      const { f } = ws;
      transposeInto(data(recurrent), u, u, f, 0);
      const d0 = u * u;
      placeOutputGrad(f, d0, rows, u, b, dOut, dLast);
      for (let t = steps - 1; t >= 0; t--) {
        const o = d0 + t * block;
        if (t < steps - 1) ws.mm(o + block, 0, o, b, u, u, u, 1, u, u, true);
        activation.gradInPlace(f, o, o + block, h, t * block - o);
      }
      return hostTensor2d(f.slice(d0, d0 + rows * u), [rows, u]);
    },
  };
  return {
    matMul(a, b, transposeA, transposeB, bias) {
      const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
      const n = transposeB ? b.shape[0] : b.shape[1];
      const ws = workspace(m * k + n * k + m * n, useSimd);
      const { f } = ws;
      // A is read through strides either way; B as stored: A · Bᵀ's kernel when B is transposed (its
      // rows are then the columns of op(B), contiguous along k), the outer-product one otherwise.
      f.set(data(a), 0);
      f.set(data(b), m * k);
      const c = m * k + n * k;
      // The bias, if any, is C's starting value: the product adds onto it.
      if (bias) {
        const bv = data(bias);
        for (let r = 0; r < m; r++) f.set(bv, c + r * n);
      }
      const acc = bias !== undefined;
      if (transposeB && !transposeA) ws.gemm(0, m * k, c, m, k, n, acc);
      else if (transposeB) {
        transposeInto(data(b), n, k, f, m * k);
        ws.mm(0, m * k, c, m, k, n, 1, m, n, n, acc);
      } else ws.mm(0, m * k, c, m, k, n, transposeA ? 1 : k, transposeA ? m : 1, n, n, acc);
      return hostTensor2d(f.slice(c, c + m * n), [m, n]);
    },

    mul(a, b) {
      const x = data(a);
      const y = data(b);
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = x[i] * y[i];
      return hostTensor2d(out, a.shape);
    },
    split: tfSplit,
    columns(x, n) {
      const [rows, cols] = x.shape;
      const c = cols / n;
      const src = data(x);
      return Array.from({ length: n }, (_, g) => {
        const out = new Float32Array(rows * c);
        for (let r = 0; r < rows; r++) {
          out.set(src.subarray(r * cols + g * c, r * cols + (g + 1) * c), r * c);
        }
        return hostTensor2d(out, [rows, c]);
      });
    },
    rnn,
    gated: { lstm: lstmKernel(useSimd), gru: gruKernel(useSimd) },
    params: 'array',

    weightGrads: cpuWeightGrads(useSimd),
  };
}

/** See {@link FastKernels}: the cpu set with the SIMD products where available. */
export const cpuKernels: FastKernels = makeCpuKernels(true);
