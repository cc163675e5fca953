/**
 * "Inside the network", the engine side: one window's hidden states (and LSTM cell states), the
 * prediction's sensitivity to each input step, the gradient flow through time on a batch, one layer's
 * weights and a histogram of all of them. Computed on the engine's current weights with the fast
 * path's own forward and backward (fast/stack.ts: the cell's recurrence and backward on the active
 * backend's kernels), dropout off, and read back in one asynchronous read.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossName, TrainConfig } from '../core/config';
import { histogramOf } from '../core/histogram';
import type { NetworkInspection } from '../core/inspect';
import type { TrainingEngine } from './contract';
import { createCell } from './fast/engine';
import { kernelsFor } from './fast/kernels/index';
import type { FastKernels } from './fast/kernels/types';
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
  /** The inspected window [T, k] (k inputs per step, the target first), scaled units, oldest first. */
  window: Float32Array;
  /** The gradient-flow batch: b windows [b, T, k] (row-major) and targets [b], scaled. */
  batchX: Float32Array;
  batchY: Float32Array;
  /** Layer whose weights to return (clamped to the network). */
  layer: number;
  /** The k inputs' names, in input order (default `x1` … `xk`). */
  names?: readonly string[];
}

/** Sample 0's rows of a time-major stack [T·B, f] → [T, f] (a gather: tfjs-cpu slices strided data slowly). */
function firstSample(x: tf.Tensor2D, steps: number): tf.Tensor {
  const b = x.shape[0] / steps;
  return tf.gather(x, tf.range(0, steps * b, b, 'int32'));
}

/**
 * ‖g_t‖ over the batch's `b` samples (1 … b of each step's B rows) and the columns of a time-major
 * stack [T·B, u] → [T]: each row's sum of squares, summed over the batch's rows by a product with
 * [0, 1, …, 1, 0 …]ᵀ (exact, unlike subtracting the window's share, which can dwarf the batch's).
 */
function batchNorms(k: FastKernels, g: tf.Tensor2D, steps: number, b: number): tf.Tensor1D {
  const all = g.shape[0] / steps;
  const rows = tf.reshape(tf.sum(tf.square(g), 1), [steps, all]) as tf.Tensor2D;
  const pick = tf.concat([tf.zeros([1, 1]), tf.ones([b, 1]), tf.zeros([all - 1 - b, 1])]);
  return tf.sqrt(tf.reshape(k.matMul(rows, pick as tf.Tensor2D, false, false), [steps]));
}

/** What {@link trace} computes, as tensors: per layer [T, u] states, [T] norms; y, dx [T, k]. */
interface Trace {
  hidden: tf.Tensor[];
  cells: tf.Tensor[] | null;
  y: tf.Tensor;
  dx: tf.Tensor;
  flow: tf.Tensor1D[];
}

/**
 * One pass over the window, the gradient batch's b samples and, when 1 + b is odd, the window again
 * with no gradient (an even B keeps webgl's whole-stack wavefront; samples never mix with dropout
 * off, so this is the work of two passes in one). Backward from dy = 1 on the window (its dy/dx_t)
 * and the loss's gradient on the batch (mean over its b samples, as training); per layer the
 * window's h_t (LSTM's c_t too) and ‖∂loss/∂h_t‖ over the batch, from each cell's total dLoss/dh_t
 * (its `hiddenGrad`).
 */
function trace(
  stack: Stack,
  weights: StackWeights,
  window: tf.Tensor3D,
  batch: tf.Tensor3D,
  yBatch: tf.Tensor2D,
  loss: LossName,
): Trace {
  const { cell, kernels: k } = stack;
  const steps = window.shape[1];
  const b = yBatch.shape[0];
  const pad = b % 2 === 0 ? [window] : [];
  const fwd = forward(stack, weights, toTimeMajor(tf.concat([window, batch, ...pad])), steps, null);
  const dy = tf.concat([
    tf.ones([1, 1]),
    lossAndGrad(loss, tf.slice(fwd.y, [1, 0], [b, 1]), yBatch).dy,
    ...pad.map(() => tf.zeros([1, 1])),
  ]) as tf.Tensor2D;
  const { dLast, dZ, dOut } = layerDeltas(stack, weights, fwd, dy, steps, null);
  const n = dZ.length;
  const flow =
    b === 0
      ? []
      : fwd.layers.map((run, l) => {
          // The whole-stack recurrence (webgl) passes the layer inputs' gradients on inside: redo them.
          const fromAbove =
            l === n - 1 ? null : (dOut[l] ?? inputGrad(k, dZ[l + 1], weights.layers[l + 1].kernel));
          const w = weights.layers[l].recurrent;
          const dh = cell.hiddenGrad(run, w, dZ[l], fromAbove, fromAbove ? null : dLast, steps, k);
          return batchNorms(k, dh, steps, b);
        });
  const { cellStates } = cell;
  return {
    hidden: fwd.layers.map((l) => firstSample(l.stacked, steps)),
    cells: cellStates ? fwd.layers.map((l) => firstSample(cellStates(l), steps)) : null,
    y: tf.slice(fwd.y, [0, 0], [1, 1]),
    dx: firstSample(inputGrad(k, dZ[0], weights.layers[0].kernel), steps),
    flow,
  };
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
  const n = config.layers;
  const u = config.units;
  const layer = Math.max(0, Math.min(n - 1, Math.floor(input.layer)));
  const cell = createCell(config.cell, config.activation);
  const stack: Stack = { cell, kernels: kernelsFor(tf.getBackend()) };
  const list = engine.getWeights();
  // k, the inputs per step, is the first kernel's row count.
  const k = list[0].shape[0];
  let flat: tf.Tensor1D | null = null;
  try {
    if (input.window.length !== steps * k || input.batchX.length !== b * steps * k) {
      throw new Error(
        `Expected a window of ${steps} × ${k} and ${b} × ${steps} × ${k} batch inputs, got ${input.window.length} and ${input.batchX.length}.`,
      );
    }
    // Everything in one flat tensor, one read: the traces, then every weight in Keras order.
    flat = tf.tidy(() => {
      const traced = trace(
        stack,
        weightsFromList(list),
        tf.tensor3d(input.window, [1, steps, k]),
        tf.tensor3d(input.batchX, [b, steps, k]),
        tf.tensor2d(input.batchY, [b, 1]),
        config.loss,
      );
      const { hidden, cells, y, dx, flow } = traced;
      const parts = [...hidden, ...(cells ?? []), y, dx, ...flow, ...list];
      return tf.concat(parts.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
    });
    const data = (await flat.data()) as Float32Array;
    let at = 0;
    const take = (size: number): Float32Array => data.slice(at, (at += size));
    const hidden = Array.from({ length: n }, () => take(steps * u));
    const cellState = cell.cellStates ? Array.from({ length: n }, () => take(steps * u)) : null;
    const prediction = take(1)[0];
    // dx is [T, k] oldest step first; each input's series runs from one step back.
    const dx = take(steps * k);
    const influenceByInput = Array.from({ length: k }, (_, c) =>
      Float32Array.from({ length: steps }, (_, back) => dx[(steps - 1 - back) * k + c]),
    );
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
      inputWindow: input.window.slice(),
      influence: influenceByInput[0],
      influenceByInput,
      inputNames: input.names?.slice() ?? influenceByInput.map((_, c) => `x${c + 1}`),
      gradientFlow,
      gradientBatch: b,
      layer,
      weights: {
        inDim: layer === 0 ? k : u,
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
