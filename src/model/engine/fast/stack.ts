/**
 * Forward pass and hand-written backpropagation through time for stacked SimpleRNN layers, followed by
 * Dense(1). No autodiff tape: every gradient is computed explicitly, and the heavy products run as one
 * matMul over all time steps. Sequences are kept time-major as 2-D matrices [T·b, features] (row
 * t·b + i is sample i at step t), so a time step is a contiguous block of b rows.
 * All functions allocate tensors freely: call them inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, LossName } from '../../core/config';
import type { DropoutMasks } from '../masks';
import { kernelsFor, type FastKernels } from './kernels/index';

/** One SimpleRNN layer in Keras layout: kernel [in, units], recurrent kernel [units, units], bias [units]. */
export interface RnnLayer {
  kernel: tf.Tensor2D;
  recurrent: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** The whole network's weights. */
export interface RnnWeights {
  layers: RnnLayer[];
  /** [units, 1] */
  denseKernel: tf.Tensor2D;
  /** [1] */
  denseBias: tf.Tensor1D;
}

/** Gradients in the same structure as the weights. */
export type RnnGrads = RnnWeights;

export type { DropoutMasks } from '../masks';

/** [b, T, f] → [T·b, f] (time-major rows). */
export function toTimeMajor(x: tf.Tensor3D): tf.Tensor2D {
  const [b, t, f] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [t * b, f]);
}

/** What the backward pass needs from one layer's forward pass. */
interface LayerTrace {
  /** The layer input, [T·b, in]. */
  input: tf.Tensor2D;
  /** Hidden states h_1 … h_T stacked, [T·b, units]. */
  stacked: tf.Tensor2D;
}

/** Result of a forward pass. */
export interface ForwardResult {
  /** Network output [b, 1]. */
  y: tf.Tensor2D;
  traces: LayerTrace[];
  /** The last layer's h_T after dropout (input of the Dense layer), [b, units]. */
  last: tf.Tensor2D;
}

/**
 * Forward pass. `x` is time-major [T·b, 1]; masks as {@link DropoutMasks}.
 * Returns the output and the traces the backward pass needs.
 */
export function forward(
  weights: RnnWeights,
  x: tf.Tensor2D,
  steps: number,
  activation: Activation,
  masks: DropoutMasks,
  k: FastKernels = kernelsFor(tf.getBackend()),
): ForwardResult {
  const traces: LayerTrace[] = [];
  let input = x;
  const n = weights.layers.length;
  const b0 = x.shape[0] / steps;
  const units = weights.layers[0].recurrent.shape[0];
  if (k.wave && k.wave.applies(b0, units)) {
    const w0 = weights.layers[0];
    const proj0 = k.matMul(x, w0.kernel, false, false, w0.bias);
    const states = k.wave.forward(proj0, weights.layers, masks, steps, activation);
    states.forEach((stacked, l) => {
      traces.push({ input, stacked });
      if (l < n - 1) input = masks ? k.mul(stacked, masks[l]) : stacked;
    });
  }
  for (let l = traces.length; l < n; l++) {
    const w = weights.layers[l];
    // Input projection of every time step at once: [T·b, in] × [in, units] + bias.
    const proj = k.matMul(input, w.kernel, false, false, w.bias);
    const stacked = k.forward(proj, w.recurrent, steps, activation);
    traces.push({ input, stacked });
    if (l < n - 1) input = masks ? k.mul(stacked, masks[l]) : stacked;
  }
  const top = traces[n - 1].stacked;
  const b = top.shape[0] / steps;
  const hT = steps === 1 ? top : tf.slice(top, [(steps - 1) * b, 0], [b, top.shape[1]]);
  const last = masks ? k.mul(hT, masks[n - 1]) : hT;
  const y = tf.fused.matMul({
    a: last,
    b: weights.denseKernel,
    bias: weights.denseBias,
  }) as tf.Tensor2D;
  return { y, traces, last };
}

/**
 * Loss (mean over the batch, as tfjs-layers) and its gradient with respect to the output.
 * Huber uses δ = 1 (tf.losses.huberLoss). Gradient conventions follow tfjs's kernels (|x|' = −1 at 0).
 */
export function lossAndGrad(
  loss: LossName,
  yPred: tf.Tensor2D,
  yTrue: tf.Tensor2D,
): { value: tf.Scalar; dy: tf.Tensor2D } {
  const n = yPred.size;
  const diff = tf.sub(yPred, yTrue);
  if (loss === 'mse') {
    return { value: tf.mean(tf.square(diff)) as tf.Scalar, dy: tf.mul(diff, 2 / n) };
  }
  if (loss === 'mae') {
    return { value: tf.mean(tf.abs(diff)) as tf.Scalar, dy: tf.mul(tf.step(diff, -1), 1 / n) };
  }
  const abs = tf.abs(diff);
  const quad = tf.minimum(abs, 1);
  const value = tf.mean(tf.add(tf.mul(tf.square(quad), 0.5), tf.sub(abs, quad))) as tf.Scalar;
  return { value, dy: tf.mul(tf.clipByValue(diff, -1, 1), 1 / n) };
}

/**
 * Backpropagation through time. `dy` is dLoss/dy [b, 1].
 * The backend's recurrence (fastRnnKernels.ts) yields dA, the gradient w.r.t. each layer's
 * pre-activations, for all steps; every weight gradient is then one matMul over all T·b rows
 * (dU = H_prevᵀ · dA, dW = Xᵀ · dA, db = 1ᵀ · dA) instead of 40 per-step products added up.
 */
export function backward(
  weights: RnnWeights,
  fwd: ForwardResult,
  dy: tf.Tensor2D,
  steps: number,
  activation: Activation,
  masks: DropoutMasks,
  k: FastKernels = kernelsFor(tf.getBackend()),
): RnnGrads {
  const n = weights.layers.length;
  const b = dy.shape[0];
  const denseKernel = k.matMul(fwd.last, dy, true, false);
  const denseBias = tf.sum(dy, 0) as tf.Tensor1D;
  let dLast = k.matMul(dy, weights.denseKernel, false, true);
  if (masks) dLast = k.mul(dLast, masks[n - 1]);
  // Gradient w.r.t. the current layer's outputs: only h_T for the top layer, every step below.
  let dOut: tf.Tensor2D | null = null;
  const layers: RnnLayer[] = new Array<RnnLayer>(n);
  const units = weights.layers[0].recurrent.shape[0];
  const waveDA =
    k.wave && k.wave.applies(b, units)
      ? k.wave.backward(
          fwd.traces.map((tr) => tr.stacked),
          weights.layers,
          masks,
          dLast,
          steps,
          activation,
        )
      : null;
  for (let l = n - 1; l >= 0; l--) {
    const w = weights.layers[l];
    const trace = fwd.traces[l];
    const dAll = waveDA
      ? waveDA[l]
      : k.backward(trace.stacked, w.recurrent, dOut, dOut ? null : dLast, steps, activation);
    layers[l] = k.weightGrads
      ? k.weightGrads(trace.input, trace.stacked, dAll, steps)
      : weightGrads(trace.input, trace.stacked, dAll, steps, k);
    if (l > 0 && !waveDA) {
      let dIn = k.matMul(dAll, w.kernel, false, true);
      if (masks) dIn = k.mul(dIn, masks[l - 1]);
      dOut = dIn;
    }
  }
  return { layers, denseKernel, denseBias };
}

/** A layer's weight gradients as matMuls over all T·b rows (see FastKernels.weightGrads). */
function weightGrads(
  input: tf.Tensor2D,
  stacked: tf.Tensor2D,
  dAll: tf.Tensor2D,
  steps: number,
  k: FastKernels,
): RnnLayer {
  const [rows, units] = stacked.shape;
  const b = rows / steps;
  const kernel = k.matMul(input, dAll, true, false);
  // Column sums as a [1, T·b] × [T·b, units] product: a reduction over axis 0 would transpose first.
  const bias = tf.reshape(k.matMul(tf.ones([1, rows]), dAll, false, false), [units]) as tf.Tensor1D;
  // dU = Σ_t h_{t-1}ᵀ · dA_t, with h_0 = 0: rows of H shifted by one step against rows of dA.
  const recurrent =
    steps === 1
      ? (tf.zeros([units, units]) as tf.Tensor2D)
      : k.matMul(
          tf.slice(stacked, [0, 0], [rows - b, units]),
          tf.slice(dAll, [b, 0], [rows - b, units]),
          true,
          false,
        );
  return { kernel, recurrent, bias };
}

/** Views a Keras-ordered weight list (3 per layer, then Dense kernel and bias) as {@link RnnWeights}. */
export function weightsFromList(list: readonly tf.Tensor[]): RnnWeights {
  const n = (list.length - 2) / 3;
  return {
    layers: Array.from({ length: n }, (_, l) => ({
      kernel: list[3 * l] as tf.Tensor2D,
      recurrent: list[3 * l + 1] as tf.Tensor2D,
      bias: list[3 * l + 2] as tf.Tensor1D,
    })),
    denseKernel: list[3 * n] as tf.Tensor2D,
    denseBias: list[3 * n + 1] as tf.Tensor1D,
  };
}

/** Flattens {@link RnnWeights} (or gradients) back to Keras order. */
export function weightsToList(w: RnnWeights): tf.Tensor[] {
  const list: tf.Tensor[] = [];
  for (const layer of w.layers) list.push(layer.kernel, layer.recurrent, layer.bias);
  list.push(w.denseKernel, w.denseBias);
  return list;
}

/**
 * Loss and gradients for one batch: x [b, T, 1], y [b, 1]. Gradients come back in Keras order.
 * Allocates tensors: call inside `tf.tidy`.
 */
export function lossAndGradients(
  weights: RnnWeights,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  activation: Activation,
  loss: LossName,
  masks: DropoutMasks,
  k: FastKernels = kernelsFor(tf.getBackend()),
): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const steps = x.shape[1];
  const fwd = forward(weights, toTimeMajor(x), steps, activation, masks, k);
  const { value, dy } = lossAndGrad(loss, fwd.y, y);
  const grads = backward(weights, fwd, dy, steps, activation, masks, k);
  return { loss: value, grads: weightsToList(grads) };
}
