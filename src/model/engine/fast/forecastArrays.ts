/**
 * The recursive forecast on the host, without a single tfjs op, for every cell: 365 steps × 4 layers
 * through `forward` cost ≈ 15 tensor allocations and copies per step on cpu/wasm, and on a GPU backend
 * hundreds of tiny draws per step, so here the whole rollout lives in one workspace (kernels/gemm.ts)
 * at fixed offsets and every product is the SIMD kernel's. Same maths as fast/stack.ts `forward` with
 * the cells of cells/ (forecastArrays.test.ts checks it against that): per layer the input projection
 * of all steps and samples as one product, then per step one recurrent product for all gates
 * (GRU: the z and r columns, then the candidate's from r ⊙ h_{t−1}, reset_after = false as tfjs),
 * the gates, the dropout mask on the layer's output, then the Dense head on the last state and the
 * window sliding by one step. Time-major rows: row t·b + i is sample i at step t.
 */
import { ACTIVATIONS } from './activations';
import type { Activation, CellType } from '../../core/config';
import { workspace } from './kernels/gemm';
import { simdGemm } from './kernels/simd';

/** What the rollout needs, all as host arrays in Keras layout and order. */
export interface ArrayForecastInput {
  cell: CellType;
  /** Keras weight list: per layer kernel [in, g·u], recurrent [u, g·u], bias [g·u]; Dense [u, 1], [1]. */
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

const GATES: Record<CellType, number> = { simpleRNN: 1, lstm: 4, gru: 3 };
const SIGMOID = ACTIVATIONS.sigmoid;

/** The paths [steps, b] row-major (sample i's value at step s at s·b + i). */
export function forecastArrays(input: ArrayForecastInput): Float32Array {
  const { weights, units: u, window, b, steps, masks } = input;
  const act = ACTIVATIONS[input.activation];
  const g = GATES[input.cell];
  const gu = g * u;
  const L = (weights.length - 2) / 3;
  const T = window.length;
  const rows = T * b;
  // Layout (floats): per layer U [u, g·u] and W [in, g·u] as stored (the outer-product mm reads them
  // so) and the bias; the inner masks [T·b, u]; the projections Z [T·b, g·u]; two state stacks
  // [T·b, u]; the cell state, a product and a scratch block [b, g·u] each; the window [T·b].
  let at = 0;
  const take = (n: number): number => (at += n) - n;
  const uAt = Array.from({ length: L }, () => take(gu * u));
  const wAt = Array.from({ length: L }, (_, l) => take(l === 0 ? gu : gu * u));
  const bias = Array.from({ length: L }, () => take(gu));
  const maskAt = Array.from({ length: L - 1 }, () => (masks ? take(rows * u) : -1));
  const z0 = take(rows * gu);
  const stacks = [take(rows * u), take(rows * u)];
  const [cAt, pAt, sAt] = [take(b * gu), take(b * gu), take(b * gu)];
  const xAt = take(rows);
  const ws = workspace(at, input.useSimd ?? true);
  const f = ws.f;
  const fusedLstm =
    input.cell === 'lstm' && input.activation === 'tanh' && (input.useSimd ?? true)
      ? simdGemm()
      : null;
  for (let l = 0; l < L; l++) {
    f.set(weights[3 * l + 1], uAt[l]);
    f.set(l === 0 ? weights[0].subarray(0, gu) : weights[3 * l], wAt[l]);
    f.set(weights[3 * l + 2], bias[l]);
    if (masks && l < L - 1) f.set(masks[l], maskAt[l]);
  }
  const dense = weights[3 * L];
  const denseBias = weights[3 * L + 1][0];
  const top = masks?.[L - 1];
  for (let t = 0; t < T; t++) f.fill(window[t], xAt + t * b, xAt + (t + 1) * b);

  /** Z ← input · W + bias for every step and sample (layer 0: k = 1, an outer product). */
  const project = (l: number, inAt: number): void => {
    if (l === 0) {
      for (let r = 0; r < rows; r++) {
        const x = f[xAt + r];
        const o = z0 + r * gu;
        for (let j = 0; j < gu; j++) f[o + j] = x * f[wAt[0] + j] + f[bias[0] + j];
      }
      return;
    }
    // Every row starts as the bias (copied in doubling runs), then += input · W.
    f.copyWithin(z0, bias[l], bias[l] + gu);
    for (let done = gu; done < rows * gu; done *= 2) {
      f.copyWithin(z0 + done, z0, z0 + Math.min(done, rows * gu - done));
    }
    ws.mm(inAt, wAt[l], z0, rows, u, gu, u, 1, gu, gu, true);
  };

  /** Layer l's recurrence over the T steps from Z into the stack at h (h_{−1} = 0, c_{−1} = 0). */
  const recur = (l: number, h: number): void => {
    const block = b * u;
    for (let t = 0; t < T; t++) {
      const z = z0 + t * b * gu;
      const o = h + t * block;
      const prev = o - block;
      if (input.cell === 'simpleRNN') {
        f.copyWithin(o, z, z + block);
        if (t > 0) ws.mm(prev, uAt[l], o, b, u, u, u, 1, u, u, true);
        act.applyInPlace(f, o, o + block);
      } else if (input.cell === 'lstm') {
        // Gates i, f, c, o: z (+)= h_{t−1} · U for all four at once, then per row.
        if (t > 0) ws.mm(prev, uAt[l], z, b, u, gu, u, 1, gu, gu, true);
        if (fusedLstm) {
          // The SIMD step (tanh): c_{t−1} is read and c_t written in place, act(c_t) into sAt.
          fusedLstm.lstmForward(z, cAt, cAt, sAt, o, b, u, t === 0);
          continue;
        }
        for (let i = 0; i < b; i++) {
          const zr = z + i * gu;
          SIGMOID.applyInPlace(f, zr, zr + 2 * u);
          act.applyInPlace(f, zr + 2 * u, zr + 3 * u);
          SIGMOID.applyInPlace(f, zr + 3 * u, zr + gu);
          for (let j = 0; j < u; j++) {
            const c =
              f[zr + j] * f[zr + 2 * u + j] + (t > 0 ? f[zr + u + j] * f[cAt + i * u + j] : 0);
            f[cAt + i * u + j] = c;
            f[sAt + i * u + j] = c;
          }
        }
        act.applyInPlace(f, sAt, sAt + block);
        for (let i = 0; i < b; i++) {
          for (let j = 0; j < u; j++)
            f[o + i * u + j] = f[z + i * gu + 3 * u + j] * f[sAt + i * u + j];
        }
      } else {
        // GRU gates z, r, h: the z and r columns of h_{t−1} · U, then (r ⊙ h_{t−1}) · U_h.
        if (t > 0) {
          ws.mm(prev, uAt[l], pAt, b, u, 2 * u, u, 1, gu, 2 * u, false);
          for (let i = 0; i < b; i++) {
            for (let j = 0; j < 2 * u; j++) f[z + i * gu + j] += f[pAt + i * 2 * u + j];
          }
        }
        for (let i = 0; i < b; i++) SIGMOID.applyInPlace(f, z + i * gu, z + i * gu + 2 * u);
        if (t > 0) {
          for (let i = 0; i < b; i++) {
            for (let j = 0; j < u; j++)
              f[sAt + i * u + j] = f[z + i * gu + u + j] * f[prev + i * u + j];
          }
          ws.mm(sAt, uAt[l] + 2 * u, pAt, b, u, u, u, 1, gu, u, false);
        }
        for (let i = 0; i < b; i++) {
          const zr = z + i * gu;
          for (let j = 0; j < u; j++)
            f[sAt + i * u + j] = f[zr + 2 * u + j] + (t > 0 ? f[pAt + i * u + j] : 0);
        }
        act.applyInPlace(f, sAt, sAt + block);
        for (let i = 0; i < b; i++) {
          for (let j = 0; j < u; j++) {
            const zg = f[z + i * gu + j];
            const hh = f[sAt + i * u + j];
            f[o + i * u + j] = t > 0 ? zg * f[prev + i * u + j] + (1 - zg) * hh : (1 - zg) * hh;
          }
        }
      }
    }
  };

  const paths = new Float32Array(steps * b);
  for (let s = 0; s < steps; s++) {
    let inAt = -1;
    for (let l = 0; l < L; l++) {
      const h = stacks[l % 2];
      project(l, inAt);
      recur(l, h);
      if (masks && l < L - 1) ws.mul(h, maskAt[l], rows * u);
      inAt = h;
    }
    // Dense head on the last step's states (after the top layer's mask), then slide the window.
    const last = inAt + (T - 1) * b * u;
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
