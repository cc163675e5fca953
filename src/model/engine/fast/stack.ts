/**
 * The one forward and backward driver for a stack of recurrent layers of any cell, followed by
 * Dense(1): the input projection of all steps as one matMul, dropout between layers, the last state,
 * the Dense head, the loss gradient, and every weight gradient as one matMul over all T·b rows
 * (dW = Xᵀ · dZ, dU = Σ_t h_{t−1}ᵀ · dZ_t, db = 1ᵀ · dZ) instead of per-step sums. The cell
 * (cells/cell.ts) does only its recurrence. No autodiff tape: every gradient is written out.
 * Sequences are time-major [T·b, features] (row t·b + i is sample i at step t).
 * All functions allocate tensors freely: call them inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossName } from '../../core/config';
import type { DropoutMasks } from '../masks';
import { shiftedGrad, type Cell, type LayerRun } from './cells/cell';
import type { FastKernels, LayerWeights } from './kernels/types';

/** What a stack computes with: its cell (activation included) and the backend's kernels. */
export interface Stack<S = unknown> {
  cell: Cell<S>;
  kernels: FastKernels;
}

/** The whole network's weights (or gradients): the recurrent layers, then Dense(1). */
export interface StackWeights {
  layers: LayerWeights[];
  /** [units, 1] */
  denseKernel: tf.Tensor2D;
  /** [1] */
  denseBias: tf.Tensor1D;
}

/** One layer's forward pass with its input [T·b, in] (after the dropout of the layer below). */
type LayerTrace<S> = LayerRun<S> & { input: tf.Tensor2D };

/** Result of a forward pass. */
export interface ForwardResult<S = unknown> {
  /** Network output [b, 1]. */
  y: tf.Tensor2D;
  layers: LayerTrace<S>[];
  /** The last layer's h_T after dropout (input of the Dense layer), [b, units]. */
  last: tf.Tensor2D;
}

/** [b, T, f] → [T·b, f] (time-major rows). */
export function toTimeMajor(x: tf.Tensor3D): tf.Tensor2D {
  const [b, t, f] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [t * b, f]);
}

/**
 * Shapes of the Keras weight list of `layers` layers of `units` units with `gates` gates, in order,
 * for `inputs` values per time step (the first layer's kernel rows).
 */
export function weightShapes(gates: number, layers: number, units: number, inputs = 1): number[][] {
  const shapes: number[][] = [];
  for (let l = 0; l < layers; l++) {
    const inDim = l === 0 ? inputs : units;
    shapes.push([inDim, gates * units], [units, gates * units], [gates * units]);
  }
  shapes.push([units, 1], [1]);
  return shapes;
}

/** Views a Keras-ordered weight list (3 per layer, then Dense kernel and bias) as {@link StackWeights}. */
export function weightsFromList(list: readonly tf.Tensor[]): StackWeights {
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

/** Flattens {@link StackWeights} (or gradients) back to Keras order. */
export function weightsToList(w: StackWeights): tf.Tensor[] {
  const list: tf.Tensor[] = [];
  for (const layer of w.layers) list.push(layer.kernel, layer.recurrent, layer.bias);
  list.push(w.denseKernel, w.denseBias);
  return list;
}

/**
 * Forward pass. `x` is time-major [T·b, k] (k inputs); masks as {@link DropoutMasks} (null: inference).
 * Returns the output and what the backward pass needs.
 */
export function forward<S>(
  { cell, kernels: k }: Stack<S>,
  weights: StackWeights,
  x: tf.Tensor2D,
  steps: number,
  masks: DropoutMasks,
): ForwardResult<S> {
  const layers: LayerTrace<S>[] = [];
  const n = weights.layers.length;
  const units = weights.layers[0].recurrent.shape[0];
  let input = x;
  const next = (run: LayerRun<S>, l: number): void => {
    layers.push({ ...run, input });
    if (l < n - 1) input = masks ? k.mul(run.stacked, masks[l]) : run.stacked;
  };
  const all = cell.stack?.(k, x.shape[0] / steps, units);
  if (all) {
    const w0 = weights.layers[0];
    const proj0 = k.matMul(x, w0.kernel, false, false, w0.bias);
    all.forward(proj0, weights.layers, masks, steps).forEach(next);
  } else {
    weights.layers.forEach((w, l) => {
      // Input projection of every time step at once: [T·b, in] × [in, g·u] + bias.
      const proj = k.matMul(input, w.kernel, false, false, w.bias);
      next(cell.forward(proj, w.recurrent, steps, k), l);
    });
  }
  const top = layers[n - 1].stacked;
  const b = top.shape[0] / steps;
  const hT = steps === 1 ? top : tf.slice(top, [(steps - 1) * b, 0], [b, top.shape[1]]);
  const last = masks ? k.mul(hT, masks[n - 1]) : hT;
  const y = tf.fused.matMul({
    a: last,
    b: weights.denseKernel,
    bias: weights.denseBias,
  }) as tf.Tensor2D;
  return { y, layers, last };
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

/** One layer's weight gradients from its dZ [T·b, g·u]. */
function layerGrads<S>(
  { cell, kernels: k }: Stack<S>,
  layer: LayerTrace<S>,
  dZ: tf.Tensor2D,
  steps: number,
): LayerWeights {
  const { input, stacked } = layer;
  // The kernels' fused version, where the cell's dU is either the plain Σ h_{t−1}ᵀ · dZ_t or it
  // names the candidate's other input (GRU).
  if (k.weightGrads && (!cell.recurrentGrad || cell.resetInput)) {
    return k.weightGrads(input, stacked, dZ, steps, cell.resetInput?.(layer, steps));
  }
  const [rows, cols] = dZ.shape;
  const kernel = k.matMul(input, dZ, true, false);
  // Column sums as a [1, T·b] × [T·b, g·u] product: a reduction over axis 0 would transpose first.
  const bias = tf.reshape(k.matMul(tf.ones([1, rows]), dZ, false, false), [cols]) as tf.Tensor1D;
  const recurrent = cell.recurrentGrad
    ? cell.recurrentGrad(layer, dZ, steps, k)
    : shiftedGrad(stacked, dZ, steps, k);
  return { kernel, recurrent, bias };
}

/** Every layer's share of a backward pass (see {@link layerDeltas}). */
export interface LayerDeltas {
  /** dLoss/dh_T of the top layer [b, u], after its dropout mask. */
  dLast: tf.Tensor2D;
  /** Per layer, dLoss/d(pre-activations) of every step [T·b, g·u]. */
  dZ: tf.Tensor2D[];
  /**
   * Per layer, dLoss/d(its outputs) from the layer above [T·b, u] (through the mask); undefined for
   * the top layer and where a whole-stack recurrence (cell.stack) passed it on inside.
   */
  dOut: (tf.Tensor2D | undefined)[];
}

/** dLoss/d(a layer's input) [T·b, in] from its dZ [T·b, g·u] and kernel [in, g·u]. */
export function inputGrad(k: FastKernels, dZ: tf.Tensor2D, kernel: tf.Tensor2D): tf.Tensor2D {
  return k.matMul(dZ, kernel, false, true);
}

/**
 * The recurrent half of backpropagation through time: from dLoss/dy [b, 1], each layer's dZ (the
 * cell's backward, top layer first, each layer's input gradient passed down through the dropout
 * mask) and what went into it. {@link backward} turns these into weight gradients; the inspector
 * (../inspect.ts) reads them as they are.
 */
export function layerDeltas<S>(
  { cell, kernels: k }: Stack<S>,
  weights: StackWeights,
  fwd: ForwardResult<S>,
  dy: tf.Tensor2D,
  steps: number,
  masks: DropoutMasks,
): LayerDeltas {
  const n = weights.layers.length;
  let dLast = k.matMul(dy, weights.denseKernel, false, true);
  if (masks) dLast = k.mul(dLast, masks[n - 1]);
  const units = weights.layers[0].recurrent.shape[0];
  const all = cell.stack?.(k, dy.shape[0], units);
  const dOut = new Array<tf.Tensor2D | undefined>(n);
  if (all)
    return { dLast, dZ: all.backward(fwd.layers, weights.layers, masks, dLast, steps), dOut };
  const dZ = new Array<tf.Tensor2D>(n);
  for (let l = n - 1; l >= 0; l--) {
    const w = weights.layers[l];
    // Gradient w.r.t. the layer's outputs: only h_T for the top layer, every step below.
    const d = dOut[l] ?? null;
    dZ[l] = cell.backward(fwd.layers[l], w.recurrent, d, d ? null : dLast, steps, k);
    if (l > 0) {
      const dIn = inputGrad(k, dZ[l], w.kernel);
      dOut[l - 1] = masks ? k.mul(dIn, masks[l - 1]) : dIn;
    }
  }
  return { dLast, dZ, dOut };
}

/**
 * Backpropagation through time. `dy` is dLoss/dy [b, 1]. The cell yields dZ, the gradient w.r.t.
 * each layer's pre-activations, for all steps ({@link layerDeltas}); the weight gradients are
 * products over all T·b rows.
 */
export function backward<S>(
  stack: Stack<S>,
  weights: StackWeights,
  fwd: ForwardResult<S>,
  dy: tf.Tensor2D,
  steps: number,
  masks: DropoutMasks,
): StackWeights {
  const denseKernel = stack.kernels.matMul(fwd.last, dy, true, false);
  const denseBias = tf.sum(dy, 0) as tf.Tensor1D;
  const { dZ } = layerDeltas(stack, weights, fwd, dy, steps, masks);
  const layers = fwd.layers.map((layer, l) => layerGrads(stack, layer, dZ[l], steps));
  return { layers, denseKernel, denseBias };
}

/**
 * Loss and gradients for one batch: x [b, T, k], y [b, 1] → the loss (scalar), the gradients in
 * Keras order, and the output [b, 1]. Allocates tensors: call inside `tf.tidy`.
 */
export function lossAndGradients<S>(
  stack: Stack<S>,
  weights: StackWeights,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  loss: LossName,
  masks: DropoutMasks,
): { loss: tf.Scalar; grads: tf.Tensor[]; y: tf.Tensor2D } {
  const steps = x.shape[1];
  const fwd = forward(stack, weights, toTimeMajor(x), steps, masks);
  const { value, dy } = lossAndGrad(loss, fwd.y, y);
  const grads = backward(stack, weights, fwd, dy, steps, masks);
  return { loss: value, grads: weightsToList(grads), y: fwd.y };
}
