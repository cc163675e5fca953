/**
 * The GRU recurrence of the cpu kernels (and of wasm with WebAssembly SIMD) in plain loops over one
 * workspace (gemm.ts), tfjs's reset_after = false layout (gates z, r, h; the reset gate multiplies
 * h_{t−1} before U_h): per step one product h_{t−1} · [U_z | U_r] ([b, u] × [u, 2u]) and one
 * (r ⊙ h_{t−1}) · U_h, the nonlinearities and the new state fused in the passes between them;
 * backward, per step (dA_h · U_hᵀ) and [dA_z | dA_r] · [U_z | U_r]ᵀ. No tfjs op per step.
 * The workspace keeps the z|r columns and the candidate's apart (rows of 2u and u), since a product
 * writes whole rows; the tensors it returns are in Keras column order.
 */
import { hostData, hostTensor2d } from './hostData';
import { ACTIVATIONS } from '../activations';
import { transposeInto, workspace } from './gemm';
import { fusedFor, placeOutputGrad, SLACK } from './fused';
import type { GatedKernel, GruTrace } from './types';

const SIGMOID = ACTIVATIONS.sigmoid;
const data = hostData;
/** [rows, 2u] at `zr` and [rows, u] at `hh` of `f` → one [rows, 3u] tensor in Keras column order. */
function joinGates(f: Float32Array, zr: number, hh: number, rows: number, u: number): Float32Array {
  const out = new Float32Array(rows * 3 * u);
  for (let r = 0; r < rows; r++) {
    out.set(f.subarray(zr + r * 2 * u, zr + (r + 1) * 2 * u), r * 3 * u);
    out.set(f.subarray(hh + r * u, hh + (r + 1) * u), r * 3 * u + 2 * u);
  }
  return out;
}

/** The GRU kernel on the workspace's product (SIMD where `useSimd` and available, else JS loops). */
export function gruKernel(useSimd: boolean): GatedKernel<GruTrace> {
  return {
    forward(proj, recurrent, steps, act) {
      const [rows, g] = proj.shape;
      const u = g / 3;
      const b = rows / steps;
      // Layout: U [u, 3u] as stored ([U_z | U_r] and U_h are its column blocks), ZR [T·b, 2u], HH [T·b, u] (projections, then
      // gate values), H [T·b, u], RH [T·b, u] (r ⊙ h_{t−1}, zeros at t = 0).
      const zr0 = g * u;
      const hh0 = zr0 + rows * 2 * u;
      const h0 = hh0 + rows * u;
      const rh0 = h0 + rows * u;
      const ws = workspace(rh0 + rows * u + SLACK, useSimd);
      const { f } = ws;
      const fused = fusedFor(useSimd, act);
      f.set(data(recurrent), 0);
      const p = data(proj);
      for (let r = 0; r < rows; r++) {
        f.set(p.subarray(r * g, r * g + 2 * u), zr0 + r * 2 * u);
        f.set(p.subarray(r * g + 2 * u, (r + 1) * g), hh0 + r * u);
      }
      f.fill(0, rh0, rh0 + b * u);
      for (let t = 0; t < steps; t++) {
        const hPrev = h0 + (t - 1) * b * u;
        if (t > 0) ws.mm(hPrev, 0, zr0 + t * b * 2 * u, b, u, 2 * u, u, 1, g, 2 * u, true);
        if (fused) {
          const [o, zr] = [t * b * u, zr0 + t * b * 2 * u];
          fused.gruGates(zr, hPrev, rh0 + o, b, u, t === 0);
          if (t > 0) ws.mm(rh0 + o, 2 * u, hh0 + o, b, u, u, u, 1, g, u, true);
          fused.gruState(zr, hh0 + o, hPrev, h0 + o, b, u, t === 0);
          continue;
        }
        for (let r = t * b; r < (t + 1) * b; r++) {
          const zr = zr0 + r * 2 * u;
          SIGMOID.applyInPlace(f, zr, zr + 2 * u);
          if (t > 0) {
            const hp = h0 + (r - b) * u;
            for (let j = 0; j < u; j++) f[rh0 + r * u + j] = f[zr + u + j] * f[hp + j];
          }
        }
        if (t > 0) ws.mm(rh0 + t * b * u, 2 * u, hh0 + t * b * u, b, u, u, u, 1, g, u, true);
        for (let r = t * b; r < (t + 1) * b; r++) {
          const zr = zr0 + r * 2 * u;
          const hh = hh0 + r * u;
          act.applyInPlace(f, hh, hh + u);
          const hr = h0 + r * u;
          for (let j = 0; j < u; j++) {
            const z = f[zr + j];
            const cand = (1 - z) * f[hh + j];
            f[hr + j] = t > 0 ? z * f[hr - b * u + j] + cand : cand;
          }
        }
      }
      const states = f.slice(h0, h0 + rows * u);
      return {
        states: hostTensor2d(states, [rows, u]),
        statesHost: states,
        gates: joinGates(f, zr0, hh0, rows, u),
        resetStates: hostTensor2d(f.slice(rh0, rh0 + rows * u), [rows, u]),
      };
    },

    backward(run, recurrent, dOut, dLast, steps, act) {
      const [rows, u] = run.states.shape;
      const g = 3 * u;
      const b = rows / steps;
      const { gates: gv, statesHost: hv } = run;
      // Layout: Uᵀ [3u, u] ([U_z | U_r]ᵀ [2u, u] then U_hᵀ [u, u]: the products' B operands),
      // dZR [T·b, 2u], dAH [T·b, u], dH [T·b, u], and dRH [b, u] = dA_h,t · U_hᵀ of one step.
      const uh0 = 2 * u * u;
      const dzr0 = g * u;
      const dah0 = dzr0 + rows * 2 * u;
      const dh0 = dah0 + rows * u;
      const drh0 = dh0 + rows * u;
      const fused = fusedFor(useSimd, act);
      // With the fused passes the trace is copied in too: the gates [T·b, 3u], then h [T·b, u].
      const gt0 = drh0 + b * u;
      const hv0 = gt0 + rows * g;
      const ws = workspace((fused ? hv0 + rows * u : gt0) + SLACK, useSimd);
      const { f } = ws;
      transposeInto(data(recurrent), u, g, f, 0);
      placeOutputGrad(f, dh0, rows, u, b, dOut, dLast);
      if (fused) {
        f.set(gv, gt0);
        f.set(hv, hv0);
        for (let t = steps - 1; t >= 0; t--) {
          const [o, gt, dzr] = [t * b * u, gt0 + t * b * g, dzr0 + t * b * 2 * u];
          fused.gruBack1(dh0 + o, gt, hv0 + o - b * u, dah0 + o, dzr, b, u, t === 0);
          if (t === 0) break;
          ws.mm(dah0 + o, uh0, drh0, b, u, u, u, 1, u, u, false);
          fused.gruBack2(drh0, gt, hv0 + o - b * u, dh0 + o, dh0 + o - b * u, dzr, b, u);
          ws.mm(dzr, 0, dh0 + o - b * u, b, 2 * u, u, 2 * u, 1, u, u, true);
        }
        return hostTensor2d(joinGates(f, dzr0, dah0, rows, u), [rows, g]);
      }
      for (let t = steps - 1; t >= 0; t--) {
        for (let r = t * b; r < (t + 1) * b; r++) {
          const gr = r * g;
          const dzr = dzr0 + r * 2 * u;
          for (let j = 0; j < u; j++) {
            const dh = f[dh0 + r * u + j];
            const z = gv[gr + j];
            const cand = gv[gr + 2 * u + j];
            const hPrev = t > 0 ? hv[(r - b) * u + j] : 0;
            f[dah0 + r * u + j] = dh * (1 - z) * act.jsGrad(cand);
            f[dzr + j] = dh * (hPrev - cand) * SIGMOID.jsGrad(z);
            f[dzr + u + j] = 0;
          }
        }
        if (t === 0) break;
        ws.mm(dah0 + t * b * u, uh0, drh0, b, u, u, u, 1, u, u, false);
        for (let r = t * b; r < (t + 1) * b; r++) {
          const gr = r * g;
          const dzr = dzr0 + r * 2 * u;
          const dr = drh0 + (r - t * b) * u;
          const dp = dh0 + (r - b) * u;
          for (let j = 0; j < u; j++) {
            const drh = f[dr + j];
            const rg = gv[gr + u + j];
            f[dzr + u + j] = drh * hv[(r - b) * u + j] * SIGMOID.jsGrad(rg);
            f[dp + j] += f[dh0 + r * u + j] * gv[gr + j] + drh * rg;
          }
        }
        ws.mm(dzr0 + t * b * 2 * u, 0, dh0 + (t - 1) * b * u, b, 2 * u, u, 2 * u, 1, u, u, true);
      }
      return hostTensor2d(joinGates(f, dzr0, dah0, rows, u), [rows, g]);
    },
  };
}
