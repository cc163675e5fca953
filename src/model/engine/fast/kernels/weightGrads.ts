/**
 * A recurrent layer's weight gradients on the cpu kernels' product (gemm.ts), for any number of gates:
 * dW = Xᵀ · dZ, dU = Σ_t h_{t−1}ᵀ · dZ_t (h_{−1} = 0), db = 1ᵀ · dZ, each one product over all T·b
 * rows, every operand transposed once into one workspace. With `resetInput` (GRU, whose reset gate
 * multiplies h_{t−1} before U_h) dU's last u columns are Σ_t resetInput_tᵀ · dZ_t instead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hostData, hostTensor2d } from './hostData';
import { transposeInto, workspace } from './gemm';
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
    // Layout: Xᵀ [in, T·b], Hᵀ [u, T·b], dZᵀ [n, T·b], (RHᵀ [u, T·b]), then dW [in, n], dU for the
    // h_{t−1} columns [u, nh] and (dU for the candidate's [u, u]): every product reads contiguous
    // rows of length T·b.
    const hT = inDim * rows;
    const dT = hT + u * rows;
    const rT = dT + n * rows;
    const kw = rT + (resetInput ? u * rows : 0);
    const ku = kw + inDim * n;
    const kr = ku + u * nh;
    const ws = workspace(kr + (resetInput ? u * u : 0), useSimd);
    const { f } = ws;
    transposeInto(data(input), rows, inDim, f, 0);
    transposeInto(data(states), rows, u, f, hT);
    transposeInto(data(dZ), rows, n, f, dT);
    if (resetInput) transposeInto(data(resetInput), rows, u, f, rT);
    ws.gemm(0, dT, kw, inDim, rows, n, false);
    // H's first (T−1)·b rows against dZ's last (T−1)·b rows; RH_t pairs with dZ_t (RH_0 = 0).
    if (steps > 1) {
      ws.gemmStrided(hT, dT + b, ku, u, rows - b, nh, rows, rows);
      if (resetInput) ws.gemmStrided(rT + b, dT + nh * rows + b, kr, u, rows - b, u, rows, rows);
    } else f.fill(0, ku, kr + (resetInput ? u * u : 0));
    const bias = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = dT + j * rows; i < dT + (j + 1) * rows; i++) s += f[i];
      bias[j] = s;
    }
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
