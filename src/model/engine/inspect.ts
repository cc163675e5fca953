/**
 * "Inside the network", the engine side: one window's hidden states (and LSTM cell states), the
 * prediction's sensitivity to each input step, the gradient flow through time on a batch, one layer's
 * weights and a histogram of all of them. Computed on the engine's current weights with the fast
 * path's own forward and backward (fast/stack.ts: the cell's recurrence and backward on the active
 * backend's kernels), dropout off, and read back in one asynchronous read.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import { histogramOf } from '../core/histogram';
import type { NetworkInspection } from '../core/inspect';
import type { TrainingEngine } from './contract';
import { createCell } from './fast/engine';
import { kernelsFor } from './fast/kernels/index';
import {
  forward,
  inputGrad,
  layerDeltas,
  lossAndGrad,
  toTimeMajor,
  weightsFromList,
  type Stack,
  type StackWeights,
} from './fast/stack';

/** Bins of the weight histogram. */
export const HISTOGRAM_BINS = 30;

/** What to inspect the network on. */
export interface InspectInput {
  /** The inspected window's T inputs, scaled units, oldest first. */
  window: Float32Array;
  /** The gradient-flow batch: b windows [b·T] (time within window fastest) and targets [b], scaled. */
  batchX: Float32Array;
  batchY: Float32Array;
  /** Layer whose weights to return (clamped to the network). */
  layer: number;
}

/** ‖g_t‖ over the b rows and u columns of each step of a stack [T·b, u] → [T]. */
function stepNorms(g: tf.Tensor2D, steps: number): tf.Tensor1D {
  return tf.sqrt(tf.sum(tf.reshape(tf.square(g), [steps, -1]), 1));
}

/**
 * The window (b = 1): each layer's h_t [T, u], LSTM's c_t (null for other cells), the output [1, 1]
 * and dy/dx_t [T, 1] (backward from dy = 1 to layer 0's dZ, then through its kernel).
 */
function traceWindow(
  stack: Stack,
  weights: StackWeights,
  window: Float32Array,
  steps: number,
): { hidden: tf.Tensor2D[]; cells: tf.Tensor2D[] | null; y: tf.Tensor2D; dx: tf.Tensor2D } {
  const fwd = forward(stack, weights, tf.tensor2d(window, [steps, 1]), steps, null);
  const { dZ } = layerDeltas(stack, weights, fwd, tf.ones([1, 1]), steps, null);
  const { cellStates } = stack.cell;
  return {
    hidden: fwd.layers.map((l) => l.stacked),
    cells: cellStates ? fwd.layers.map((l) => cellStates(l)) : null,
    y: fwd.y,
    dx: inputGrad(stack.kernels, dZ[0], weights.layers[0].kernel),
  };
}

/**
 * Per layer, ‖∂loss/∂h_t‖ [T] on the batch x [b, T, 1], y [b, 1]: the loss's gradient (mean over the
 * batch, as training) back through the stack, then each cell's total dLoss/dh_t from its dZ.
 */
function traceGradientFlow(
  stack: Stack,
  weights: StackWeights,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  config: TrainConfig,
): tf.Tensor1D[] {
  const { cell, kernels: k } = stack;
  const steps = x.shape[1];
  const fwd = forward(stack, weights, toTimeMajor(x), steps, null);
  const { dy } = lossAndGrad(config.loss, fwd.y, y);
  const { dLast, dZ, dOut } = layerDeltas(stack, weights, fwd, dy, steps, null);
  const n = dZ.length;
  return fwd.layers.map((run, l) => {
    // The whole-stack recurrence (webgl) passes the layer inputs' gradients on inside: redo them.
    const fromAbove =
      l === n - 1 ? null : (dOut[l] ?? inputGrad(k, dZ[l + 1], weights.layers[l + 1].kernel));
    const w = weights.layers[l].recurrent;
    const dh = cell.hiddenGrad(run, w, dZ[l], fromAbove, fromAbove ? null : dLast, steps, k);
    return stepNorms(dh, steps);
  });
}

/**
 * Looks inside `engine` (either kind: its weights are read with `getWeights`) for `config` and
 * windows of `timesteps` on `input`; see {@link NetworkInspection} for what comes back. Dropout is
 * off. Allocates no lasting tensors; reads back once with `await data()` (no synchronous read, which
 * would stall WebGPU in a worker).
 */
export async function inspectNetwork(
  engine: TrainingEngine,
  config: TrainConfig,
  timesteps: number,
  input: InspectInput,
): Promise<NetworkInspection> {
  const steps = timesteps;
  const b = input.batchY.length;
  if (input.window.length !== steps || input.batchX.length !== b * steps) {
    throw new Error(
      `Expected a window of ${steps} and ${b} × ${steps} batch inputs, got ${input.window.length} and ${input.batchX.length}.`,
    );
  }
  const n = config.layers;
  const u = config.units;
  const layer = Math.max(0, Math.min(n - 1, Math.floor(input.layer)));
  const cell = createCell(config.cell, config.activation);
  const stack: Stack = { cell, kernels: kernelsFor(tf.getBackend()) };
  const list = engine.getWeights();
  let flat: tf.Tensor1D | null = null;
  try {
    // Everything in one flat tensor, one read: the traces, then every weight in Keras order.
    flat = tf.tidy(() => {
      const weights = weightsFromList(list);
      const win = traceWindow(stack, weights, input.window, steps);
      const flow =
        b > 0
          ? traceGradientFlow(
              stack,
              weights,
              tf.tensor3d(input.batchX, [b, steps, 1]),
              tf.tensor2d(input.batchY, [b, 1]),
              config,
            )
          : [];
      const parts = [...win.hidden, ...(win.cells ?? []), win.y, win.dx, ...flow, ...list];
      return tf.concat(parts.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
    });
    const data = (await flat.data()) as Float32Array;
    let at = 0;
    const take = (size: number): Float32Array => data.slice(at, (at += size));
    const hidden = Array.from({ length: n }, () => take(steps * u));
    const cellState = cell.cellStates ? Array.from({ length: n }, () => take(steps * u)) : null;
    const prediction = take(1)[0];
    const influence = take(steps).reverse();
    const gradientFlow = Array.from({ length: n }, () =>
      b > 0 ? take(steps) : new Float32Array(steps),
    );
    const weightValues = list.map((w) => take(w.size));
    return {
      cell: config.cell,
      activation: config.activation,
      timesteps: steps,
      layers: n,
      units: u,
      prediction,
      hidden,
      cellState,
      influence,
      gradientFlow,
      gradientBatch: b,
      layer,
      weights: {
        inDim: layer === 0 ? 1 : u,
        kernel: weightValues[3 * layer],
        recurrent: weightValues[3 * layer + 1],
        bias: weightValues[3 * layer + 2],
      },
      histogram: histogramOf(weightValues, HISTOGRAM_BINS),
    };
  } finally {
    tf.dispose(list);
    flat?.dispose();
  }
}
