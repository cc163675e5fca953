/**
 * A recurrent layer's weight gradients on the cpu kernels' product (gemm.ts), for any number of gates:
 * dW = Xᵀ · dZ, dU = Σ_t h_{t−1}ᵀ · dZ_t (h_{−1} = 0), db = 1ᵀ · dZ, each one product over all T·b
 * rows, on one workspace with no operand transposed (the product reads Xᵀ and Hᵀ through strides). With `resetInput` (GRU, whose reset gate
 * multiplies h_{t−1} before U_h) dU's last u columns are Σ_t resetInput_tᵀ · dZ_t instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hostData, hostTensor2d } from './hostData';
import { workspace } from './gemm';
import type { FastKernels } from './types';

const data = hostData;

/** {@link FastKernels.weightGrads} on the workspace's product (SIMD where `useSimd` and available). */
export function cpuWeightGrads(useSimd: boolean): NonNullable<FastKernels['weightGrads']> {
  return (input, states, dZ, steps, resetInput) => {
    const [rows, inDim] = input.shape;
    const u = states.shape[1];
    const n = dZ.shape[1];
    const b = rows / steps;
    // Columns of dU whose recurrent input is h_{t−1}: all, or all but the candidate's u.
    const nh = resetInput ? n - u : n;
    // Layout: X [T·b, in], H [T·b, u], dZ [T·b, n], (RH [T·b, u]) as stored, then dW [in, n], dU for
    // the h_{t−1} columns [u, nh] and (dU for the candidate's [u, u]). Each product reads its left
    // operand transposed through strides (ws.mm) and dZ's rows as they are: nothing is transposed.
    const h = inDim * rows;
    const d = h + u * rows;
    const rh = d + n * rows;
    const kw = rh + (resetInput ? u * rows : 0);
    const ku = kw + inDim * n;
    const kr = ku + u * nh;
    // Then db [n] as 1ᵀ · dZ, with the ones [T·b].
    const kb = kr + (resetInput ? u * u : 0);
    const ones = kb + n;
    const ws = workspace(ones + rows, useSimd);
    const { f } = ws;
    f.set(data(input), 0);
    f.set(data(states), h);
    f.set(data(dZ), d);
    if (resetInput) f.set(data(resetInput), rh);
    ws.mm(0, d, kw, inDim, rows, n, 1, inDim, n, n, false);
    // H's first (T−1)·b rows against dZ's last (T−1)·b rows; RH_t pairs with dZ_t (RH_0 = 0).
    if (steps > 1) {
      ws.mm(h, d + b * n, ku, u, rows - b, nh, 1, u, n, nh, false);
      if (resetInput) ws.mm(rh + b * u, d + b * n + nh, kr, u, rows - b, u, 1, u, n, u, false);
    } else f.fill(0, ku, kr + (resetInput ? u * u : 0));
    f.fill(1, ones, ones + rows);
    ws.mm(ones, d, kb, 1, rows, n, rows, 1, n, n, false);
    const bias = f.slice(kb, kb + n);
    const recurrent = new Float32Array(u * n);
    for (let i = 0; i < u; i++) {
      recurrent.set(f.subarray(ku + i * nh, ku + (i + 1) * nh), i * n);
      if (resetInput) recurrent.set(f.subarray(kr + i * u, kr + (i + 1) * u), i * n + nh);
    }
    return {
      kernel: hostTensor2d(f.slice(kw, kw + inDim * n), [inDim, n]),
      recurrent: hostTensor2d(recurrent, [u, n]),
      bias: tf.tensor1d(bias),
    };
  };
}
