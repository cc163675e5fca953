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
import type { Activation, LossName } from '../../core/config';
import { BETA1, BETA2 } from '../fast/adam';
import { f32, HEADER, keepThreshold, layout, PARAM_WG, rowThreads, type WgslShape } from './layout';

function activation(a: Activation): { f: string; grad: string } {
  return a === 'relu'
    ? { f: 'max(x, 0.0)', grad: 'select(0.0, d, y > 0.0)' }
    : {
        f: 'sign(x) * (1.0 - exp(-2.0 * abs(x))) / (1.0 + exp(-2.0 * abs(x)))',
        grad: 'd * (1.0 - y * y)',
      };
}

function lossTerms(loss: LossName): string {
  if (loss === 'mse') return 'e = diff * diff; dy = diff * (2.0 / f32(b));';
  if (loss === 'mae') return 'e = abs(diff); dy = select(-1.0, 1.0, diff > 0.0) * (1.0 / f32(b));';
  return `let a = abs(diff); let q = min(a, 1.0); e = q * q * 0.5 + (a - q);
    dy = clamp(diff, -1.0, 1.0) * (1.0 / f32(b));`;
}

/**
 * The mask stream in WGSL: `draw(idx)` is draw idx + 1 of this batch (core/rng.ts mulberry32, its
 * state at the batch's start in header word 1), `dmask` the multiplier of masks.ts's element (l, t, i, j).
 */
export function maskWgsl(s: WgslShape): string {
  return `// Draw number idx + 1 of this batch from the mask stream (core/rng.ts mulberry32, as masks.ts).
fn draw(idx: u32) -> u32 {
  var t = inp[1] + (idx + 1u) * 0x6d2b79f5u;
  t = (t ^ (t >> 15u)) * (t | 1u);
  t = t ^ (t + (t ^ (t >> 7u)) * (t | 61u));
  return t ^ (t >> 14u);
}
// masks.ts order: layer by layer, time-major rows (t·b + i) for the layers below the top, [b, u] on top.
fn dmask(l: u32, t: u32, i: u32, j: u32, b: u32) -> f32 {
  var idx = l * T * b * U + i * U + j;
  if (l + 1u < L) { idx = idx + t * b * U; }
  return select(0.0, ${f32(1 / (1 - s.dropout))}, draw(idx) >= ${keepThreshold(s.dropout)}u);
}

`;
}

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

/** The WGSL module with its entry points, `rows` and `params`. */
export function trainShader(s: WgslShape): string {
  const lay = layout(s);
  const { units: U, layers: L, timesteps: T, inputs: K, maxBatch: B } = s;
  const WG = rowThreads(U);
  const drop = s.dropout > 0;
  const act = activation(s.activation);
  const mask = (l: string, t: string) => (drop ? ` * dmask(${l}, ${t}, i, j, b)` : '');
  return /* wgsl */ `
const U = ${U}u; const T = ${T}u; const K = ${K}u; const L = ${L}u; const BMAX = ${B}u;
const WG = ${WG}u; const P = ${lay.params}u; const L0 = ${lay.layer1}u; const LS = ${lay.layerStride}u;
const DOFF = ${lay.dense}u; const PLANE = ${lay.plane}u; const XM = ${drop ? lay.masked : 0}u;
const DZ = ${lay.dz}u; const EOFF = ${lay.lossTerms}u; const DYOFF = ${lay.dy}u; const RINGOFF = ${lay.ring}u;
const XOFF = ${HEADER}u; const YOFF = ${HEADER + B * T * K}u;

@group(0) @binding(0) var<storage, read> inp: array<u32>;
@group(0) @binding(1) var<storage, read_write> W: array<f32>;
@group(0) @binding(2) var<storage, read_write> opt: array<f32>;
@group(0) @binding(3) var<storage, read_write> act: array<f32>;
@group(0) @binding(4) var<storage, read_write> misc: array<f32>;

fn kOff(l: u32) -> u32 { if (l == 0u) { return 0u; } return L0 + (l - 1u) * LS; }
fn inDim(l: u32) -> u32 { if (l == 0u) { return K; } return U; }
fn rOff(l: u32) -> u32 { return kOff(l) + inDim(l) * U; }
fn bOff(l: u32) -> u32 { return rOff(l) + U * U; }
fn at(l: u32, t: u32, i: u32, j: u32, b: u32) -> u32 { return l * PLANE + (t * b + i) * U + j; }
fn layerIn(l: u32, t: u32, i: u32, k: u32, b: u32, src: u32) -> f32 {
  if (l == 0u) { return bitcast<f32>(inp[XOFF + (i * T + t) * K + k]); }
  return act[src + at(l - 1u, t, i, k, b)];
}
fn actF(x: f32) -> f32 { return ${act.f}; }
fn actGrad(d: f32, y: f32) -> f32 { return ${act.grad}; }

${maskWgsl(s)}
var<workgroup> hs: array<f32, ${2 * U}>;
var<workgroup> dl: array<f32, ${U}>;
var<workgroup> red: array<f32, ${WG}>;
var<workgroup> dyS: f32;

@compute @workgroup_size(${WG})
fn rows(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  let b = inp[0];
${forwardLoop(drop, mask, 'XM')}  var part = 0.0;
  for (var j = lid; j < U; j += WG) {
    let last = act[at(L - 1u, T - 1u, i, j, b)]${mask('L - 1u', '0u')};
    misc[i * U + j] = last;
    part += last * W[DOFF + j];
  }
  red[lid] = part;
  workgroupBarrier();
  if (lid == 0u) {
    var y = 0.0;
    for (var q = 0u; q < WG; q++) { y += red[q]; }
    y += W[DOFF + U];
    let diff = y - bitcast<f32>(inp[YOFF + i]);
    var e = 0.0;
    var dy = 0.0;
    ${lossTerms(s.loss)}
    misc[EOFF + i] = e;
    misc[DYOFF + i] = dy;
    dyS = dy;
  }
  workgroupBarrier();
  let dy = dyS;
  for (var j = lid; j < U; j += WG) { dl[j] = dy * W[DOFF + j]${mask('L - 1u', '0u')}; }
  workgroupBarrier();
  for (var q = 0u; q < L; q++) {
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

// Inference, no dropout: y of row i into misc[EOFF + i].
@compute @workgroup_size(${WG})
fn predict(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  let b = inp[0];
${forwardLoop(false, () => '', '0u')}
  var part = 0.0;
  for (var j = lid; j < U; j += WG) { part += act[at(L - 1u, T - 1u, i, j, b)] * W[DOFF + j]; }
  red[lid] = part;
  workgroupBarrier();
  if (lid == 0u) {
    var y = 0.0;
    for (var q = 0u; q < WG; q++) { y += red[q]; }
    y += W[DOFF + U];
    misc[EOFF + i] = y;
  }
}

@compute @workgroup_size(${PARAM_WG})
fn params(@builtin(global_invocation_id) gid: vec3u) {
  let p = gid.x;
  let b = inp[0];
  if (p == P) {
    var sum = 0.0;
    for (var i = 0u; i < b; i++) { sum += misc[EOFF + i]; }
    misc[RINGOFF + inp[4]] = sum / f32(b);
    return;
  }
  if (p > P) { return; }
  var g = 0.0;
  if (p >= DOFF) {
    if (p == DOFF + U) {
      for (var i = 0u; i < b; i++) { g += misc[DYOFF + i]; }
    } else {
      let j = p - DOFF;
      for (var i = 0u; i < b; i++) { g += misc[i * U + j] * misc[DYOFF + i]; }
    }
  } else {
    var l = 0u;
    var off = p;
    if (p >= L0) { l = 1u + (p - L0) / LS; off = (p - L0) % LS; }
    let n = inDim(l);
    // Rows q = t·b + i of a layer's planes are U apart: one strided walk over all steps and rows.
    let rowsN = T * b;
    if (off < n * U) {
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
  }
  opt[2u * P + p] = g;
  let c1 = bitcast<f32>(inp[2]);
  let c2 = bitcast<f32>(inp[3]);
  let m = opt[p] * ${f32(BETA1)} + g * ${f32(1 - BETA1)};
  let v = opt[P + p] * ${f32(BETA2)} + g * g * ${f32(1 - BETA2)};
  opt[p] = m;
  opt[P + p] = v;
  W[p] = (m / c1) / (sqrt(v / c2) + ${f32(s.epsilon)}) * ${f32(-s.learningRate)} + W[p];
}
`;
}

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
