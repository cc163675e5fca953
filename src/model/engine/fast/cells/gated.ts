/**
 * LSTM and GRU on the fast path: the same scheme as SimpleRNN (fastRnnMath.ts): time-major stacks,
 * the input projection of all steps and every weight gradient as one matMul over all T·b rows,
 * hand-written backpropagation through time without a tape. The per-step gate arithmetic runs as
 * tfjs ops on every backend (no specialised shaders yet).
 * Cells as tfjs-layers (Keras 2, sigmoid gates): LSTM gates i, f, c, o; GRU gates z, r, h with the
 * reset gate applied before the recurrent product (reset_after = false) and the bias on the input side.
 * All functions allocate tensors: call inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, CellType, LossName } from '../../../core/config';
import { kernelsFor, splitSteps, type FastKernels } from '../kernels/index';
import {
  lossAndGrad,
  toTimeMajor,
  weightsFromList,
  weightsToList,
  type DropoutMasks,
  type RnnLayer,
} from '../stack';

/** The gated cells. */
export type Gated = Exclude<CellType, 'simpleRNN'>;

const act = (x: tf.Tensor2D, a: Activation): tf.Tensor2D =>
  a === 'tanh' ? tf.tanh(x) : tf.relu(x);
/** 1 − x; same-shape on cpu, where tfjs's scalar-broadcast subtraction takes a slow indexing path. */
const oneMinus = (x: tf.Tensor2D): tf.Tensor2D =>
  tf.getBackend() === 'cpu' ? tf.sub(tf.onesLike(x), x) : tf.sub(1, x);
/** act′ from the activation's output y (tanh: 1 − y², relu: y > 0). */
const actGrad = (y: tf.Tensor2D, a: Activation): tf.Tensor2D =>
  a === 'tanh' ? oneMinus(tf.square(y)) : (tf.step(y) as tf.Tensor2D);
/** σ′ from σ's output s: s(1 − s). */
const sigGrad = (s: tf.Tensor2D): tf.Tensor2D => tf.mul(s, oneMinus(s));

/** Per-step values the backward pass needs. */
interface Step {
  hPrev: tf.Tensor2D | null;
  cPrev: tf.Tensor2D | null;
  gates: tf.Tensor2D[];
  /** LSTM: act(c_t); GRU: r ⊙ h_{t−1}. */
  extra: tf.Tensor2D | null;
}

interface Trace {
  input: tf.Tensor2D;
  stacked: tf.Tensor2D;
  steps: Step[];
}

function layerForward(
  cell: Gated,
  input: tf.Tensor2D,
  w: RnnLayer,
  T: number,
  a: Activation,
  k: FastKernels,
): Trace {
  const u = w.recurrent.shape[0];
  const proj = splitSteps(k.matMul(input, w.kernel, false, false, w.bias), T);
  const steps: Step[] = [];
  const hs: tf.Tensor2D[] = [];
  let h: tf.Tensor2D | null = null;
  let c: tf.Tensor2D | null = null;
  const uZR = cell === 'gru' ? (tf.slice(w.recurrent, [0, 0], [u, 2 * u]) as tf.Tensor2D) : null;
  const uH = cell === 'gru' ? (tf.slice(w.recurrent, [0, 2 * u], [u, u]) as tf.Tensor2D) : null;
  for (let t = 0; t < T; t++) {
    if (cell === 'lstm') {
      const z = h ? tf.add(proj[t], tf.matMul(h, w.recurrent)) : proj[t];
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
      const i = tf.sigmoid(zi);
      const f = tf.sigmoid(zf);
      const g = act(zg, a);
      const o = tf.sigmoid(zo);
      const cNew: tf.Tensor2D = c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g);
      const ac = act(cNew, a);
      steps.push({ hPrev: h, cPrev: c, gates: [i, f, g, o, cNew], extra: ac });
      h = tf.mul(o, ac);
      c = cNew;
    } else {
      const [xz, xr, xh] = tf.split(proj[t], 3, 1) as tf.Tensor2D[];
      let z: tf.Tensor2D;
      let r: tf.Tensor2D;
      let rh: tf.Tensor2D | null = null;
      let hh: tf.Tensor2D;
      if (h) {
        const [rz, rr] = tf.split(tf.matMul(h, uZR as tf.Tensor2D), 2, 1) as tf.Tensor2D[];
        z = tf.sigmoid(tf.add(xz, rz));
        r = tf.sigmoid(tf.add(xr, rr));
        rh = tf.mul(r, h);
        hh = act(tf.add(xh, tf.matMul(rh, uH as tf.Tensor2D)), a);
      } else {
        z = tf.sigmoid(xz);
        r = tf.sigmoid(xr);
        hh = act(xh, a);
      }
      steps.push({ hPrev: h, cPrev: null, gates: [z, r, hh], extra: rh });
      // h = z ⊙ h_{t−1} + (1 − z) ⊙ hh
      h = h ? tf.add(tf.mul(z, h), tf.mul(oneMinus(z), hh)) : tf.mul(oneMinus(z), hh);
    }
    hs.push(h);
  }
  return { input, stacked: T === 1 ? hs[0] : (tf.concat(hs, 0) as tf.Tensor2D), steps };
}

/** dZ stacked [T·b, g·u] (gradient w.r.t. the gate pre-activations) and GRU's dU_h part. */
function layerBackward(
  cell: Gated,
  tr: Trace,
  w: RnnLayer,
  dOut: tf.Tensor2D[] | null,
  dLast: tf.Tensor2D | null,
  a: Activation,
): { dZ: tf.Tensor2D; dUh: tf.Tensor2D | null } {
  const T = tr.steps.length;
  const u = w.recurrent.shape[0];
  const uT = tf.transpose(w.recurrent) as tf.Tensor2D;
  const dZs: tf.Tensor2D[] = new Array<tf.Tensor2D>(T);
  const dAh: tf.Tensor2D[] = [];
  const rhs: tf.Tensor2D[] = [];
  let dhRec: tf.Tensor2D | null = null;
  let dcNext: tf.Tensor2D | null = null;
  for (let t = T - 1; t >= 0; t--) {
    const s = tr.steps[t];
    let dh: tf.Tensor2D | null = dOut ? dOut[t] : t === T - 1 ? dLast : null;
    if (dhRec) dh = dh ? tf.add(dh, dhRec) : dhRec;
    const dH: tf.Tensor2D = dh ?? (tf.zerosLike(s.gates[0]) as tf.Tensor2D);
    if (cell === 'lstm') {
      const [i, f, g, o, c] = s.gates;
      const ac = s.extra as tf.Tensor2D;
      let dc = tf.mul(tf.mul(dH, o), a === 'tanh' ? actGrad(ac, a) : tf.step(c)) as tf.Tensor2D;
      if (dcNext) dc = tf.add(dc, dcNext);
      const dzi = tf.mul(tf.mul(dc, g), sigGrad(i));
      const dzf = s.cPrev ? tf.mul(tf.mul(dc, s.cPrev), sigGrad(f)) : tf.zerosLike(f);
      const dzg = tf.mul(tf.mul(dc, i), actGrad(g, a));
      const dzo = tf.mul(tf.mul(dH, ac), sigGrad(o));
      dcNext = tf.mul(dc, f);
      dZs[t] = tf.concat([dzi, dzf, dzg, dzo], 1) as tf.Tensor2D;
      dhRec = tf.matMul(dZs[t], uT);
    } else {
      const [z, r, hh] = s.gates;
      const hPrev = s.hPrev;
      const daH = tf.mul(tf.mul(dH, oneMinus(z)), actGrad(hh, a)) as tf.Tensor2D;
      const daZ = hPrev
        ? tf.mul(tf.mul(dH, tf.sub(hPrev, hh)), sigGrad(z))
        : tf.mul(tf.neg(tf.mul(dH, hh)), sigGrad(z));
      let daR: tf.Tensor2D = tf.zerosLike(r);
      dhRec = null;
      if (hPrev) {
        const uTh = tf.slice(uT, [2 * u, 0], [u, u]) as tf.Tensor2D;
        const dRh = tf.matMul(daH, uTh);
        daR = tf.mul(tf.mul(dRh, hPrev), sigGrad(r));
        const uTzr = tf.slice(uT, [0, 0], [2 * u, u]) as tf.Tensor2D;
        dhRec = tf.add(
          tf.add(tf.mul(dH, z), tf.mul(dRh, r)),
          tf.matMul(tf.concat([daZ, daR], 1) as tf.Tensor2D, uTzr),
        );
        rhs[t] = s.extra as tf.Tensor2D;
      }
      dAh[t] = daH;
      dZs[t] = tf.concat([daZ, daR, daH], 1) as tf.Tensor2D;
    }
  }
  const dZ = (T === 1 ? dZs[0] : tf.concat(dZs, 0)) as tf.Tensor2D;
  let dUh: tf.Tensor2D | null = null;
  if (cell === 'gru') {
    const b = dZs[0].shape[0];
    dUh =
      T === 1
        ? tf.zeros([u, u])
        : (tf.matMul(
            tf.concat(rhs.slice(1), 0),
            tf.concat(dAh.slice(1), 0),
            true,
            false,
          ) as tf.Tensor2D);
    void b;
  }
  return { dZ, dUh };
}

/** Forward pass of a stacked LSTM/GRU network (Keras-ordered weights); x [b, T, 1] → y [b, 1]. */
export function gatedForward(
  cell: Gated,
  list: tf.Tensor[],
  x: tf.Tensor3D,
  a: Activation,
  masks: DropoutMasks,
  k: FastKernels = kernelsFor(tf.getBackend()),
): { y: tf.Tensor2D; traces: Trace[]; last: tf.Tensor2D } {
  const w = weightsFromList(list);
  const T = x.shape[1];
  const n = w.layers.length;
  const traces: Trace[] = [];
  let input = toTimeMajor(x);
  for (let l = 0; l < n; l++) {
    const tr = layerForward(cell, input, w.layers[l], T, a, k);
    traces.push(tr);
    if (l < n - 1) input = masks ? k.mul(tr.stacked, masks[l]) : tr.stacked;
  }
  const top = traces[n - 1].stacked;
  const b = top.shape[0] / T;
  const hT = T === 1 ? top : (tf.slice(top, [(T - 1) * b, 0], [b, top.shape[1]]) as tf.Tensor2D);
  const last = masks ? k.mul(hT, masks[n - 1]) : hT;
  const y = tf.add(tf.matMul(last, w.denseKernel), w.denseBias) as tf.Tensor2D;
  return { y, traces, last };
}

/** Loss and gradients (Keras order) of a stacked LSTM/GRU network; x [b, T, 1], y [b, 1]. */
export function gatedLossAndGradients(
  cell: Gated,
  list: tf.Tensor[],
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  a: Activation,
  loss: LossName,
  masks: DropoutMasks,
  k: FastKernels = kernelsFor(tf.getBackend()),
): { loss: tf.Scalar; grads: tf.Tensor[]; y: tf.Tensor2D } {
  const w = weightsFromList(list);
  const T = x.shape[1];
  const n = w.layers.length;
  const { traces, last, y: yPred } = gatedForward(cell, list, x, a, masks, k);
  const [b, u] = last.shape;
  const { value, dy } = lossAndGrad(loss, yPred, y);
  const grads: RnnLayer[] = new Array<RnnLayer>(n);
  let dLast = tf.matMul(dy, w.denseKernel, false, true) as tf.Tensor2D;
  if (masks) dLast = k.mul(dLast, masks[n - 1]);
  let dOut: tf.Tensor2D[] | null = null;
  for (let l = n - 1; l >= 0; l--) {
    const layer = w.layers[l];
    const tr = traces[l];
    const { dZ, dUh } = layerBackward(cell, tr, layer, dOut, dOut ? null : dLast, a);
    const g = dZ.shape[1];
    const kernel = k.matMul(tr.input, dZ, true, false);
    const bias = tf.reshape(k.matMul(tf.ones([1, T * b]), dZ, false, false), [g]) as tf.Tensor1D;
    let recurrent: tf.Tensor2D;
    if (T === 1) recurrent = tf.zerosLike(layer.recurrent);
    else {
      const hPrev = tf.slice(tr.stacked, [0, 0], [(T - 1) * b, u]) as tf.Tensor2D;
      const dNext = tf.slice(dZ, [b, 0], [(T - 1) * b, g]) as tf.Tensor2D;
      if (cell === 'lstm') recurrent = k.matMul(hPrev, dNext, true, false);
      else {
        const zr = k.matMul(
          hPrev,
          tf.slice(dNext, [0, 0], [(T - 1) * b, 2 * u]) as tf.Tensor2D,
          true,
          false,
        );
        recurrent = tf.concat([zr, dUh as tf.Tensor2D], 1) as tf.Tensor2D;
      }
    }
    grads[l] = { kernel, recurrent, bias };
    if (l > 0) {
      let dIn = k.matMul(dZ, layer.kernel, false, true);
      if (masks) dIn = k.mul(dIn, masks[l - 1]);
      dOut = splitSteps(dIn, T);
    }
  }
  const denseKernel = k.matMul(last, dy, true, false);
  const denseBias = tf.sum(dy, 0) as tf.Tensor1D;
  return { loss: value, grads: weightsToList({ layers: grads, denseKernel, denseBias }), y: yPred };
}
