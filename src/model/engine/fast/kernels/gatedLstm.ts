/**
 * The LSTM recurrence of the cpu kernels (and of wasm with WebAssembly SIMD) in plain loops over one
 * workspace (gemm.ts): per step ONE product h_{t−1} · U for all four gates ([b, u] × [u, 4u]) added
 * onto that step's input projection, then the gate nonlinearities, the cell and the hidden state in
 * one pass over the step's rows; backward, per step one product dZ_{t+1} · Uᵀ ([b, 4u] × [4u, u])
 * and the gate derivatives in one pass. No tfjs op per step. Keras layout: gates i, f, c, o.
 */
import { hostData, hostTensor2d } from './hostData';
import { ACTIVATIONS } from '../activations';
import { fusedFor, placeOutputGrad, SLACK } from './fused';
import { transposeInto, workspace } from './gemm';
import type { GatedKernel, LstmTrace } from './types';

const SIGMOID = ACTIVATIONS.sigmoid;
const data = hostData;
/** The LSTM kernel on the workspace's product (SIMD where `useSimd` and available, else JS loops). */
export function lstmKernel(useSimd: boolean): GatedKernel<LstmTrace> {
  return {
    forward(proj, recurrent, steps, act) {
      const [rows, g] = proj.shape;
      const u = g / 4;
      const b = rows / steps;
      // Layout: U [u, 4u], then Z [T·b, 4u] (the projections, then the gate values in place),
      // H, C and act(C) [T·b, u] each.
      const z0 = g * u;
      const h0 = z0 + rows * g;
      const c0 = h0 + rows * u;
      const a0 = c0 + rows * u;
      const ws = workspace(a0 + rows * u + SLACK, useSimd);
      const { f } = ws;
      f.set(data(recurrent), 0);
      f.set(data(proj), z0);
      const fused = fusedFor(useSimd, act);
      for (let t = 0; t < steps; t++) {
        // z_t += h_{t−1} · U in outer-product form ([b, u] × [u, 4u], n = 4u wide).
        if (t > 0) ws.mm(h0 + (t - 1) * b * u, 0, z0 + t * b * g, b, u, g, u, 1, g, g, true);
        if (fused) {
          const o = t * b * u;
          fused.lstmForward(z0 + t * b * g, c0 + o - b * u, c0 + o, a0 + o, h0 + o, b, u, t === 0);
          continue;
        }
        for (let r = t * b; r < (t + 1) * b; r++) {
          const zr = z0 + r * g;
          SIGMOID.applyInPlace(f, zr, zr + 2 * u);
          act.applyInPlace(f, zr + 2 * u, zr + 3 * u);
          SIGMOID.applyInPlace(f, zr + 3 * u, zr + g);
          const cr = c0 + r * u;
          const ar = a0 + r * u;
          for (let j = 0; j < u; j++) {
            const ig = f[zr + j] * f[zr + 2 * u + j];
            const c = t > 0 ? f[zr + u + j] * f[cr - b * u + j] + ig : ig;
            f[cr + j] = c;
            f[ar + j] = c;
          }
          act.applyInPlace(f, ar, ar + u);
          const hr = h0 + r * u;
          for (let j = 0; j < u; j++) f[hr + j] = f[zr + 3 * u + j] * f[ar + j];
        }
      }
      const out = (at: number, cols: number): Float32Array => f.slice(at, at + rows * cols);
      return {
        states: hostTensor2d(out(h0, u), [rows, u]),
        gates: out(z0, g),
        cells: out(c0, u),
        cellActs: out(a0, u),
      };
    },

    backward(run, recurrent, dOut, dLast, steps, act) {
      const [rows, u] = run.states.shape;
      const g = 4 * u;
      const b = rows / steps;
      const { gates: gv, cells: cv, cellActs: av } = run;
      // Layout: Uᵀ [4u, u] (dZ_{t+1} · Uᵀ in outer-product form), dZ [T·b, 4u], dH [T·b, u].
      const d0 = u * g;
      const dh0 = d0 + rows * g;
      const fused = fusedFor(useSimd, act);
      // With the fused step the trace is copied in too: gates, c, act(c), then dLoss/dc [b, u].
      const g0 = dh0 + rows * u;
      const cc0 = g0 + rows * g;
      const ac0 = cc0 + rows * u;
      const dc0 = ac0 + rows * u;
      const ws = workspace((fused ? dc0 + b * u : g0) + SLACK, useSimd);
      const { f } = ws;
      transposeInto(data(recurrent), u, g, f, 0);
      placeOutputGrad(f, dh0, rows, u, b, dOut, dLast);
      if (fused) {
        f.set(gv, g0);
        f.set(cv, cc0);
        f.set(av, ac0);
        f.fill(0, dc0, dc0 + b * u);
        for (let t = steps - 1; t >= 0; t--) {
          if (t < steps - 1)
            ws.mm(d0 + (t + 1) * b * g, 0, dh0 + t * b * u, b, g, u, g, 1, u, u, true);
          const o = t * b * u;
          const [dz, gt] = [d0 + t * b * g, g0 + t * b * g];
          fused.lstmBackward(dz, dh0 + o, gt, cc0 + o - b * u, ac0 + o, dc0, b, u, t === 0);
        }
        return hostTensor2d(f.slice(d0, d0 + rows * g), [rows, g]);
      }
      // dLoss/dc_t through c_{t+1} = f_{t+1} ⊙ c_t + …, one row block.
      const dcNext = new Float32Array(b * u);
      for (let t = steps - 1; t >= 0; t--) {
        if (t < steps - 1)
          ws.mm(d0 + (t + 1) * b * g, 0, dh0 + t * b * u, b, g, u, g, 1, u, u, true);
        for (let r = t * b; r < (t + 1) * b; r++) {
          const gr = r * g;
          const dr = d0 + gr;
          const hr = dh0 + r * u;
          const nr = (r - t * b) * u;
          for (let j = 0; j < u; j++) {
            const dh = f[hr + j];
            const i = gv[gr + j];
            const fg = gv[gr + u + j];
            const cand = gv[gr + 2 * u + j];
            const o = gv[gr + 3 * u + j];
            const ac = av[r * u + j];
            const dc = dh * o * act.jsGrad(ac) + dcNext[nr + j];
            const cPrev = t > 0 ? cv[(r - b) * u + j] : 0;
            f[dr + j] = dc * cand * SIGMOID.jsGrad(i);
            f[dr + u + j] = dc * cPrev * SIGMOID.jsGrad(fg);
            f[dr + 2 * u + j] = dc * i * act.jsGrad(cand);
            f[dr + 3 * u + j] = dh * ac * SIGMOID.jsGrad(o);
            dcNext[nr + j] = dc * fg;
          }
        }
      }
      return hostTensor2d(f.slice(d0, d0 + rows * g), [rows, g]);
    },
  };
}
