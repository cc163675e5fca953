/**
 * The WGSL of the WebGPU engine (engine.ts) for the gated cells: a whole LSTM or GRU stack + Dense(1)
 * trained in the same two dispatches per batch as SimpleRNN (shaders.ts), on the same frame
 * (common.ts); the cell's own steps come from lstmWgsl.ts and gruWgsl.ts.
 * - `rows`: one workgroup per batch row runs every layer over all steps forward (h_{t−1} in workgroup
 *   memory, ping-pong; the gate values, h and the extra plane kept in storage), the head and the loss,
 *   then BPTT down the stack, dZ of step t + 1 (all gates) in workgroup memory for the recurrent
 *   product and every dZ in storage for `params`.
 * - `params`: one thread per parameter, its gradient summed over all steps and rows, then Adam.
 * Workgroup memory: h twice, one float per unit (c / the GRU carries), dZ twice, the head's scratch.
 */
import type { CellType } from '../../core/config';
import { headWgsl, paramsWgsl, predictWgsl, prelude, type CellWgsl } from './common';
import { GRU_WGSL } from './gruWgsl';
import { gatesOf, PARAM_WG, rowThreads, type WgslShape } from './layout';
import { LSTM_WGSL } from './lstmWgsl';

const CELLS: Partial<Record<CellType, CellWgsl>> = { lstm: LSTM_WGSL, gru: GRU_WGSL };

/** Floats of workgroup memory a gated `rows` workgroup declares (for the device limit). */
export function gatedSharedFloats(cell: CellType, units: number): number {
  return (4 + 2 * gatesOf(cell)) * units + rowThreads(units) + 1;
}

function forwardLoop(s: WgslShape, c: CellWgsl, src: string, drop: boolean): string {
  return `  for (var l = 0u; l < L; l++) {
    let n = inDim(l);
    for (var t = 0u; t < T; t++) {
      let cur = (t % 2u) * U;
      let prev = U - cur;
${c.forward(s, src, drop)}    }
    storageBarrier();
  }
`;
}

/** The module with its entry points `rows`, `predict` and `params` for an LSTM or GRU stack. */
export function gatedShader(s: WgslShape): string {
  const c = CELLS[s.cell];
  if (!c) throw new Error(`No gated WGSL for ${s.cell}.`);
  const U = s.units;
  const G = gatesOf(s.cell);
  return /* wgsl */ `${prelude(s)}
var<workgroup> hs: array<f32, ${2 * U}>;
var<workgroup> cs: array<f32, ${U}>;
var<workgroup> dzs: array<f32, ${2 * G * U}>;

@compute @workgroup_size(${rowThreads(U)})
fn rows(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  let b = inp[0];
${forwardLoop(s, c, 'XM', s.dropout > 0)}${headWgsl(s)}  for (var q = 0u; q < L; q++) {
    let l = L - 1u - q;
    for (var s = 0u; s < T; s++) {
      let t = T - 1u - s;
      let cur = (s % 2u) * GU;
      let prev = GU - cur;
${c.backward(s)}    }
    storageBarrier();
  }
}
${predictWgsl(forwardLoop(s, c, '0u', false))}${paramsWgsl(s, PARAM_WG, layerGrad(c))}`;
}

/** A layer parameter's gradient: kernel [n, G·U], recurrent [U, G·U] (the cell's), bias [G·U]. */
function layerGrad(c: CellWgsl): string {
  return `    if (off < n * GU) {
      let r = off / GU;
      let d0 = dzAt(l, 0u, 0u, off % GU, b);
      if (l == 0u) {
        for (var t = 0u; t < T; t++) {
          for (var i = 0u; i < b; i++) { g += layerIn(0u, t, i, r, b, XM) * act[d0 + (t * b + i) * GU]; }
        }
      } else {
        let a0 = XM + at(l - 1u, 0u, 0u, r, b);
        for (var q = 0u; q < rowsN; q++) { g += act[a0 + q * U] * act[d0 + q * GU]; }
      }
    } else if (off < n * GU + U * GU) {
      let o = off - n * GU;
      let m = o / GU;
      let c = o % GU;
      let d0 = dzAt(l, 0u, 0u, c, b);
${c.recurrentGrad}    } else {
      let d0 = dzAt(l, 0u, 0u, off - n * GU - U * GU, b);
      for (var q = 0u; q < rowsN; q++) { g += act[d0 + q * GU]; }
    }
`;
}
