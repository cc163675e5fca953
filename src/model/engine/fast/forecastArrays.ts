/**
 * The recursive forecast of a SimpleRNN stack on the array kernels (cpu and wasm with WebAssembly SIMD,
 * or plain JS loops), without a single tfjs op: 365 steps × 4 layers through `forward` cost ≈ 15
 * tensor allocations and copies per step, so here the whole rollout lives in one workspace
 * (kernels/gemm.ts) at fixed offsets and every product is the SIMD kernel's. Same maths as
 * fast/stack.ts `forward` (engine/forecast.ts checks it against that, forecastArrays.test.ts): per layer
 * the input projection of all steps and samples as one product, the recurrence
 * h_t = act(p_t + h_{t−1} · U) block by block, the dropout mask on the layer's output, then the Dense
 * head on the last state and the window sliding by one step.
 * Time-major rows: row t·b + i is sample i at step t.
 */
import { ACTIVATIONS } from './activations';
import type { Activation } from '../../core/config';
import { transposeInto, workspace } from './kernels/gemm';

/** What the rollout needs, all as host arrays in Keras layout and order. */
export interface ArrayForecastInput {
  /** Keras weight list: per layer kernel [in, u], recurrent [u, u], bias [u]; Dense [u, 1], [1]. */
  weights: Float32Array[];
  units: number;
  activation: Activation;
  /** The last T values, scaled, oldest first (k = 1 input). */
  window: Float32Array;
  /** Samples per step (the Monte Carlo batch). */
  b: number;
  steps: number;
  /**
   * Dropout multipliers per layer, as masks.ts draws them for b samples (fixed over the horizon):
   * [T·b, u] for the inner layers, [b, u] for the last; null without dropout.
   */
  masks: Float32Array[] | null;
  /** Force the JS loops (tests compare both). */
  useSimd?: boolean;
}

/** The paths [steps, b] row-major (sample i's value at step s at s·b + i). */
export function forecastArrays(input: ArrayForecastInput): Float32Array {
  const { weights, units: u, window, b, steps, masks } = input;
  const act = ACTIVATIONS[input.activation];
  const L = (weights.length - 2) / 3;
  const T = window.length;
  const rows = T * b;
  const block = b * u;
  // Layout (floats): per layer Uᵀ [u, u] and Wᵀ [u, in] (layer 0: W itself, [u]), the bias [u]; the
  // inner masks [T·b, u]; two state stacks [T·b, u]; the window [T·b].
  let at = 0;
  const take = (n: number): number => (at += n) - n;
  const uT = Array.from({ length: L }, () => take(u * u));
  const wT = Array.from({ length: L }, (_, l) => take(l === 0 ? u : u * u));
  const bias = Array.from({ length: L }, () => take(u));
  const maskAt = Array.from({ length: L - 1 }, () => (masks ? take(rows * u) : -1));
  const stacks = [take(rows * u), take(rows * u)];
  const xAt = take(rows);
  const ws = workspace(at, input.useSimd ?? true);
  const f = ws.f;
  for (let l = 0; l < L; l++) {
    transposeInto(weights[3 * l + 1], u, u, f, uT[l]);
    if (l === 0) f.set(weights[0].subarray(0, u), wT[0]);
    else transposeInto(weights[3 * l], u, u, f, wT[l]);
    f.set(weights[3 * l + 2], bias[l]);
    if (masks && l < L - 1) f.set(masks[l], maskAt[l]);
  }
  const dense = weights[3 * L];
  const denseBias = weights[3 * L + 1][0];
  const top = masks?.[L - 1];
  for (let t = 0; t < T; t++) f.fill(window[t], xAt + t * b, xAt + (t + 1) * b);

  const paths = new Float32Array(steps * b);
  for (let s = 0; s < steps; s++) {
    let inAt = -1;
    for (let l = 0; l < L; l++) {
      const h = stacks[l % 2];
      if (l === 0) {
        // k = 1: the projection is x · w + bias, one row per (step, sample).
        for (let r = 0; r < rows; r++) {
          const x = f[xAt + r];
          const o = h + r * u;
          for (let j = 0; j < u; j++) f[o + j] = x * f[wT[0] + j] + f[bias[0] + j];
        }
      } else {
        // Every row starts as the bias (copied in doubling runs), then += input · W.
        f.copyWithin(h, bias[l], bias[l] + u);
        for (let done = u; done < rows * u; done *= 2) {
          f.copyWithin(h + done, h, h + Math.min(done, rows * u - done));
        }
        ws.gemm(inAt, wT[l], h, rows, u, u, true);
      }
      for (let t = 0; t < T; t++) {
        const o = h + t * block;
        if (t > 0) ws.gemm(o - block, uT[l], o, b, u, u, true);
        act.applyInPlace(f, o, o + block);
      }
      if (masks && l < L - 1) ws.mul(h, maskAt[l], rows * u);
      inAt = h;
    }
    // Dense head on the last step's states (after the top layer's mask), then slide the window.
    const last = inAt + (T - 1) * block;
    for (let i = 0; i < b; i++) {
      let y = denseBias;
      for (let j = 0; j < u; j++) {
        const hv = f[last + i * u + j];
        y += (top ? hv * top[i * u + j] : hv) * dense[j];
      }
      paths[s * b + i] = y;
    }
    f.copyWithin(xAt, xAt + b, xAt + rows);
    f.set(paths.subarray(s * b, (s + 1) * b), xAt + rows - b);
  }
  return paths;
}
