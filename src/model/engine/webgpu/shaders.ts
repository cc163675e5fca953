/**
 * The WGSL of the WebGPU engine (engine.ts): a whole SimpleRNN stack + Dense(1) trained in two
 * compute dispatches per batch.
 * - `rows`: one workgroup per batch row runs every layer over all steps forward (the previous hidden
 *   state in workgroup memory, ping-pong, one barrier per step), the Dense head and the loss, then
 *   backpropagation through time back down the stack (dZ of every layer and step kept in storage).
 *   Dropout masks are drawn in the kernel from the same counter-based stream as ../masks.ts
 *   (mulberry32: draw n is a hash of state₀ + n·0x6d2b79f5), so they are bit-identical to the cpu path.
 * - `params`: one thread per parameter sums its gradient over all steps and rows, and applies
 *   the Adam rule of ../fast/adam.ts in place; one more thread writes the batch loss into a ring.
 * Float constants are passed as exact float32 bit patterns, so the update uses the same numbers as
 * the host rule.
 */
import { headWgsl, maskFactor, maskWgsl, paramsWgsl, predictWgsl, prelude } from './common';
import { PARAM_WG, rowThreads, type WgslShape } from './layout';

/**
 * Every layer over all steps for row i (the previous state in workgroup memory, one barrier per
 * step); layer l > 0 reads its input at `src` (XM: the masked outputs, 0: the outputs themselves).
 */
function forwardLoop(drop: boolean, mask: (l: string, t: string) => string, src: string): string {
  return `  for (var l = 0u; l < L; l++) {
    let n = inDim(l);
    for (var t = 0u; t < T; t++) {
      let cur = (t % 2u) * U;
      let prev = U - cur;
      for (var j = lid; j < U; j += WG) {
        var z = 0.0;
        for (var k = 0u; k < n; k++) { z += layerIn(l, t, i, k, b, ${src}) * W[kOff(l) + k * U + j]; }
        z += W[bOff(l) + j];
        if (t > 0u) {
          var r = 0.0;
          for (var m = 0u; m < U; m++) { r += hs[prev + m] * W[rOff(l) + m * U + j]; }
          z += r;
        }
        let h = actF(z);
        act[at(l, t, i, j, b)] = h;
        hs[cur + j] = h;
        ${drop ? `if (l + 1u < L) { act[XM + at(l, t, i, j, b)] = h${mask('l', 't')}; }` : ''}
      }
      workgroupBarrier();
    }
    storageBarrier();
  }
`;
}

/** The WGSL module with its entry points, `rows`, `predict` and `params`. */
export function trainShader(s: WgslShape): string {
  const U = s.units;
  const drop = s.dropout > 0;
  const mask = maskFactor(s);
  return /* wgsl */ `${prelude(s)}
var<workgroup> hs: array<f32, ${2 * U}>;

@compute @workgroup_size(${rowThreads(U)})
fn rows(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  let b = inp[0];
${forwardLoop(drop, mask, 'XM')}${headWgsl(s)}  for (var q = 0u; q < L; q++) {
    let l = L - 1u - q;
    for (var s = 0u; s < T; s++) {
      let t = T - 1u - s;
      let cur = (s % 2u) * U;
      let prev = U - cur;
      for (var j = lid; j < U; j += WG) {
        var dh = 0.0;
        if (l + 1u == L) {
          if (s == 0u) { dh = dl[j]; }
        } else {
          var a = 0.0;
          for (var m = 0u; m < U; m++) { a += act[DZ + at(l + 1u, t, i, m, b)] * W[kOff(l + 1u) + j * U + m]; }
          dh = a${mask('l', 't')};
        }
        if (s > 0u) {
          var r = 0.0;
          for (var m = 0u; m < U; m++) { r += hs[prev + m] * W[rOff(l) + j * U + m]; }
          dh += r;
        }
        let dz = actGrad(dh, act[at(l, t, i, j, b)]);
        act[DZ + at(l, t, i, j, b)] = dz;
        hs[cur + j] = dz;
      }
      workgroupBarrier();
    }
    storageBarrier();
  }
}
${predictWgsl(forwardLoop(false, () => '', '0u'))}${paramsWgsl(s, PARAM_WG, PARAM_GRAD)}`;
}

// One SimpleRNN parameter's gradient: rows q = t·b + i of a layer's planes are U apart, one strided
// walk over all steps and rows.
const PARAM_GRAD = `    if (off < n * U) {
      let r = off / U;
      let d0 = DZ + at(l, 0u, 0u, off % U, b);
      if (l == 0u) {
        for (var t = 0u; t < T; t++) {
          for (var i = 0u; i < b; i++) { g += layerIn(0u, t, i, r, b, XM) * act[d0 + (t * b + i) * U]; }
        }
      } else {
        let a0 = XM + at(l - 1u, 0u, 0u, r, b);
        for (var q = 0u; q < rowsN; q++) { g += act[a0 + q * U] * act[d0 + q * U]; }
      }
    } else if (off < n * U + U * U) {
      let o = off - n * U;
      let h0 = at(l, 0u, 0u, o / U, b);
      let d0 = DZ + at(l, 0u, 0u, o % U, b);
      for (var q = b; q < rowsN; q++) { g += act[h0 + (q - b) * U] * act[d0 + q * U]; }
    } else {
      let d0 = DZ + at(l, 0u, 0u, off - n * U - U * U, b);
      for (var q = 0u; q < rowsN; q++) { g += act[d0 + q * U]; }
    }
`;

/**
 * A check kernel (not used in training): every mask element of one batch, in masks.ts's order
 * (layer by layer, time-major rows, the top layer [b, u]), drawn by the training kernel's `dmask`.
 */
export function maskCheckShader(s: WgslShape): string {
  return /* wgsl */ `
const U = ${s.units}u; const T = ${s.timesteps}u; const L = ${s.layers}u;
@group(0) @binding(0) var<storage, read> inp: array<u32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
${maskWgsl(s)}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let idx = gid.x;
  let b = inp[0];
  let lower = (L - 1u) * T * b * U;
  if (idx >= lower + b * U) { return; }
  if (idx < lower) {
    let plane = T * b * U;
    let l = idx / plane;
    let row = (idx % plane) / U;
    out[idx] = dmask(l, row / b, row % b, idx % U, b);
  } else {
    let rem = idx - lower;
    out[idx] = dmask(L - 1u, 0u, rem / U, rem % U, b);
  }
}
`;
}
