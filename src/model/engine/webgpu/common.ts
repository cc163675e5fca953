/**
 * The WGSL every cell's training module shares (shaders.ts for SimpleRNN, gatedShader.ts for LSTM and
 * GRU): the constants and bindings, the buffer addressing, the activations, the in-kernel dropout
 * masks, the Dense head with the loss, the inference readout, and `params`' frame (the Dense
 * gradients, the loss ring, the Adam rule of ../fast/adam.ts). Float constants are exact float32 bit
 * patterns, so the update uses the same numbers as the host rule.
 */
import type { Activation, LossName } from '../../core/config';
import { BETA1, BETA2 } from '../fast/adam';
import { f32, HEADER, keepThreshold, layout, rowThreads, type WgslShape } from './layout';

/**
 * tanh as (1 − e)/(1 + e), e = exp(−2|x|) (finite for any x), except near 0, where 1 − e cancels
 * (absolute error ≈ 6e-8 on values of that size): there its odd Taylor series to x⁹, whose next term
 * is below 1e-8 relative for |x| < 0.25. The gated cells' states sit near 0 more than SimpleRNN's.
 */
const TANH = `let a = abs(x);
  if (a < 0.25) {
    let q = x * x;
    return x + x * q * (${f32(-1 / 3)} + q * (${f32(2 / 15)} + q * (${f32(-17 / 315)} + q * ${f32(62 / 2835)})));
  }
  let e = exp(-2.0 * a);
  return sign(x) * (1.0 - e) / (1.0 + e);`;

function activation(a: Activation): { f: string; grad: string } {
  return a === 'relu'
    ? { f: 'return max(x, 0.0);', grad: 'select(0.0, d, y > 0.0)' }
    : { f: TANH, grad: 'd * (1.0 - y * y)' };
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

/** `mask(l, t)`: the dropout multiplier of unit j of row i as a WGSL factor, or nothing. */
export function maskFactor(s: WgslShape): (l: string, t: string) => string {
  return (l, t) => (s.dropout > 0 ? ` * dmask(${l}, ${t}, i, j, b)` : '');
}

/**
 * Constants, bindings and addressing. Parameters: per layer the kernel [in, G·U], the recurrent
 * kernel [U, G·U], the bias [G·U] (Keras order); activations: h at `at`, dZ and the gate values
 * [T·b, G·U] per layer at `dzAt` / `gvAt`, the extra plane (LSTM c, GRU r ⊙ h) at EX + `at`.
 */
export function prelude(s: WgslShape): string {
  const lay = layout(s);
  const { units: U, layers: L, timesteps: T, inputs: K, maxBatch: B } = s;
  const act = activation(s.activation);
  const G = lay.gates;
  return /* wgsl */ `
const U = ${U}u; const T = ${T}u; const K = ${K}u; const L = ${L}u; const BMAX = ${B}u;
const G = ${G}u; const GU = ${G * U}u;
const WG = ${rowThreads(U)}u; const P = ${lay.params}u; const L0 = ${lay.layer1}u; const LS = ${lay.layerStride}u;
const DOFF = ${lay.dense}u; const PLANE = ${lay.plane}u; const XM = ${s.dropout > 0 ? lay.masked : 0}u;
const DZ = ${lay.dz}u; const GV = ${lay.gateValues}u; const EX = ${lay.extra}u;
const EOFF = ${lay.lossTerms}u; const DYOFF = ${lay.dy}u; const RINGOFF = ${lay.ring}u;
const XOFF = ${HEADER}u; const YOFF = ${HEADER + B * T * K}u;

@group(0) @binding(0) var<storage, read> inp: array<u32>;
@group(0) @binding(1) var<storage, read_write> W: array<f32>;
@group(0) @binding(2) var<storage, read_write> opt: array<f32>;
@group(0) @binding(3) var<storage, read_write> act: array<f32>;
@group(0) @binding(4) var<storage, read_write> misc: array<f32>;

fn kOff(l: u32) -> u32 { if (l == 0u) { return 0u; } return L0 + (l - 1u) * LS; }
fn inDim(l: u32) -> u32 { if (l == 0u) { return K; } return U; }
fn rOff(l: u32) -> u32 { return kOff(l) + inDim(l) * GU; }
fn bOff(l: u32) -> u32 { return rOff(l) + U * GU; }
fn at(l: u32, t: u32, i: u32, j: u32, b: u32) -> u32 { return l * PLANE + (t * b + i) * U + j; }
fn dzAt(l: u32, t: u32, i: u32, c: u32, b: u32) -> u32 { return DZ + l * G * PLANE + (t * b + i) * GU + c; }
fn gvAt(l: u32, t: u32, i: u32, c: u32, b: u32) -> u32 { return GV + l * G * PLANE + (t * b + i) * GU + c; }
fn layerIn(l: u32, t: u32, i: u32, k: u32, b: u32, src: u32) -> f32 {
  if (l == 0u) { return bitcast<f32>(inp[XOFF + (i * T + t) * K + k]); }
  return act[src + at(l - 1u, t, i, k, b)];
}
fn actF(x: f32) -> f32 {
  ${act.f}
}
fn actGrad(d: f32, y: f32) -> f32 { return ${act.grad}; }
fn sig(x: f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }

${maskWgsl(s)}
var<workgroup> red: array<f32, ${rowThreads(U)}>;
var<workgroup> dyS: f32;
var<workgroup> dl: array<f32, ${U}>;
`;
}

/**
 * After the forward pass of row i: the Dense head on the top layer's (masked) last state, the loss
 * term and dLoss/dy into misc, and dl[j] = dLoss/dh of the top layer's last step.
 */
export function headWgsl(s: WgslShape): string {
  const mask = maskFactor(s);
  return `  var part = 0.0;
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
`;
}

/** The inference entry point `predict`: `forward` (no dropout, src 0u), then y of row i into misc[EOFF + i]. */
export function predictWgsl(forward: string): string {
  return `
@compute @workgroup_size(WG)
fn predict(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32) {
  let i = wid.x;
  let b = inp[0];
${forward}
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
`;
}

/**
 * The entry point `params`: thread p sums parameter p's gradient over all steps and rows and applies
 * Adam; thread P writes the batch loss into the ring. `layerGrad` sets g for a recurrent layer's
 * parameter, given l (its layer), off (its index in the layer's block), n (the layer's input width)
 * and rowsN (T·b).
 */
export function paramsWgsl(s: WgslShape, workgroup: number, layerGrad: string): string {
  return `
@compute @workgroup_size(${workgroup})
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
    let rowsN = T * b;
${layerGrad}
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

/** What a gated cell adds to the shared frame (gatedShader.ts): its per-step WGSL. */
export interface CellWgsl {
  /** One step t of layer l for row i (`cur`/`prev`: halves of hs), ending at a barrier; `src` as layerIn's. */
  forward(s: WgslShape, src: string, drop: boolean): string;
  /** One step t = T − 1 − s of BPTT (`cur`/`prev`: halves of dzs), ending at a barrier. */
  backward(s: WgslShape): string;
  /** The recurrent kernel's gradient g for parameter (m, c) of layer l. */
  recurrentGrad: string;
}

/**
 * dLoss/dh_t of unit j from outside the layer's recurrence: dl[j] at the top layer's last step, else
 * dZ of layer l + 1 at step t through its kernel, times the mask; into `var dh`.
 */
export function outerGrad(s: WgslShape): string {
  return `        var dh = 0.0;
        if (l + 1u == L) {
          if (s == 0u) { dh = dl[j]; }
        } else {
          var a = 0.0;
          let kb = kOff(l + 1u) + j * GU;
          let d0 = dzAt(l + 1u, t, i, 0u, b);
          for (var m = 0u; m < GU; m++) { a += act[d0 + m] * W[kb + m]; }
          dh = a${maskFactor(s)('l', 't')};
        }
`;
}

/** h of unit j at (l, t, i) into storage and hs[cur + j], and its masked copy for layer l + 1. */
export function storeH(s: WgslShape, drop: boolean): string {
  return `        act[at(l, t, i, j, b)] = h;
        hs[cur + j] = h;
        ${drop ? `if (l + 1u < L) { act[XM + at(l, t, i, j, b)] = h${maskFactor(s)('l', 't')}; }` : ''}
`;
}
