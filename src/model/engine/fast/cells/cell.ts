/**
 * The contract between the stack driver (../stack.ts) and a recurrent cell: the driver does the input
 * projection, the dropout between layers, the Dense head and every weight gradient; a cell does only
 * its recurrence over the time steps of one layer, forward and backward (as tf.layers runs one time
 * loop for every cell). Stacks are time-major [T·b, ·]: rows t·b … t·b + b − 1 are time step t.
 * All functions allocate tensors: call them inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DropoutMasks } from '../../masks';
import type { FastKernels, LayerWeights } from '../kernels/types';

/** One layer's forward pass: what the next layer and the backward pass need. */
export interface LayerRun<S> {
  /** The hidden states h_1 … h_T stacked, [T·b, u]. */
  stacked: tf.Tensor2D;
  /** What else the cell keeps for its backward pass (gate values, …). */
  state: S;
}

/** Every layer's recurrence at once, where a cell and the kernels have one (SimpleRNN on webgl). */
export interface StackRecurrence<S> {
  /** From layer 0's input projection plus bias [T·b, g·u]: each layer's run. */
  forward(
    proj0: tf.Tensor2D,
    layers: LayerWeights[],
    masks: DropoutMasks,
    steps: number,
  ): LayerRun<S>[];
  /**
   * From each layer's run and the top layer's dLoss/dh_T [b, u] (dropout applied): each layer's dZ
   * [T·b, g·u]; the gradients of the layer inputs are handled inside.
   */
  backward(
    runs: LayerRun<S>[],
    layers: LayerWeights[],
    masks: DropoutMasks,
    dLast: tf.Tensor2D,
    steps: number,
  ): tf.Tensor2D[];
}

/** A recurrent cell with g gates (its weights have g·u columns), its activation built in. */
export interface Cell<S = unknown> {
  /** Weight columns per unit: 1 SimpleRNN, 4 LSTM, 3 GRU. */
  readonly gates: number;
  /** The recurrence from the input projection plus bias `proj` [T·b, g·u] and U [u, g·u]. */
  forward(proj: tf.Tensor2D, recurrent: tf.Tensor2D, steps: number, k: FastKernels): LayerRun<S>;
  /**
   * dZ [T·b, g·u], the gradient w.r.t. the pre-activations (input projection plus bias plus the
   * recurrent product) of every step. `dOut` is dLoss/dh for every step [T·b, u] (layers that return
   * sequences), or null with `dLast` [b, u] the gradient of h_T only (the top layer).
   */
  backward(
    run: LayerRun<S>,
    recurrent: tf.Tensor2D,
    dOut: tf.Tensor2D | null,
    dLast: tf.Tensor2D | null,
    steps: number,
    k: FastKernels,
  ): tf.Tensor2D;
  /**
   * dLoss/dh_t of every step [T·b, u], all of it: from the layer above (`dOut` [T·b, u], or `dLast`
   * [b, u] at the last step for the top layer) plus every path through step t + 1, from this layer's
   * `dZ` as {@link backward} returned it. Not used in training (the inspector's gradient flow).
   */
  hiddenGrad(
    run: LayerRun<S>,
    recurrent: tf.Tensor2D,
    dZ: tf.Tensor2D,
    dOut: tf.Tensor2D | null,
    dLast: tf.Tensor2D | null,
    steps: number,
    k: FastKernels,
  ): tf.Tensor2D;
  /** Optional: the cell state c_t of every step [T·b, u], for cells that keep one (LSTM). */
  cellStates?(run: LayerRun<S>): tf.Tensor2D;
  /**
   * Optional: dLoss/dU [u, g·u] where it is not {@link shiftedGrad} of dZ (GRU: its reset gate sits
   * inside the recurrent product).
   */
  recurrentGrad?(run: LayerRun<S>, dZ: tf.Tensor2D, steps: number, k: FastKernels): tf.Tensor2D;
  /**
   * Optional, with {@link recurrentGrad}: what multiplies U's last u columns at each step, stacked
   * [T·b, u] (GRU: r_t ⊙ h_{t−1}, zeros at t = 0), for kernels whose `weightGrads` take it.
   */
  resetInput?(run: LayerRun<S>, steps: number): tf.Tensor2D;
  /** Optional: all layers at once on these kernels for batch b, or null (then layer by layer). */
  stack?(k: FastKernels, b: number, units: number): StackRecurrence<S> | null;
}

/** [r, n·c] → n column blocks [r, c]: the kernels' own split where they have one. */
export function splitColumns(k: FastKernels, x: tf.Tensor2D, n: number): tf.Tensor2D[] {
  return k.columns ? k.columns(x, n) : (tf.split(x, n, 1) as tf.Tensor2D[]);
}

/**
 * Σ_t h_{t−1}ᵀ · dZ_t with h_0 = 0, as one product over all steps: the first (T−1)·b rows of the
 * states [T·b, u] against the last (T−1)·b rows of dZ [T·b, n]. Returns [u, n] (zeros when T = 1).
 */
export function shiftedGrad(
  states: tf.Tensor2D,
  dZ: tf.Tensor2D,
  steps: number,
  k: FastKernels,
): tf.Tensor2D {
  const [rows, u] = states.shape;
  const n = dZ.shape[1];
  if (steps === 1) return tf.zeros([u, n]);
  const b = rows / steps;
  return k.matMul(
    tf.slice(states, [0, 0], [rows - b, u]),
    tf.slice(dZ, [b, 0], [rows - b, n]),
    true,
    false,
  );
}

/**
 * dLoss/dh_t [T·b, u] for cells whose h_t reaches step t + 1 only through z_{t+1} = P_{t+1} + h_t·U
 * (SimpleRNN, LSTM): dOut_t (or dLast at t = T − 1) + dZ_{t+1}·Uᵀ, every step in one product.
 */
export function nextStepHiddenGrad(
  recurrent: tf.Tensor2D,
  dZ: tf.Tensor2D,
  dOut: tf.Tensor2D | null,
  dLast: tf.Tensor2D | null,
  steps: number,
  k: FastKernels,
): tf.Tensor2D {
  return addOuterGrad(
    steps > 1 ? k.matMul(shiftUp(dZ, steps), recurrent, false, true) : null,
    dOut,
    dLast,
    steps,
  );
}

/** Rows of steps 1 … T−1 of a stack [T·b, n]: step t + 1's row block at t's place. */
export function shiftUp(x: tf.Tensor2D, steps: number): tf.Tensor2D {
  const [rows, n] = x.shape;
  const b = rows / steps;
  return tf.slice(x, [b, 0], [rows - b, n]);
}

/**
 * The gradient through step t + 1 of steps 0 … T−2 ([(T−1)·b, u], null when T = 1), completed with
 * the last step's (nothing flows back into it) and the gradient from the layer above: `dOut` every
 * step, or `dLast` [b, u] at the last step for the top layer.
 */
export function addOuterGrad(
  fromNext: tf.Tensor2D | null,
  dOut: tf.Tensor2D | null,
  dLast: tf.Tensor2D | null,
  steps: number,
): tf.Tensor2D {
  const shape = dOut ? dOut.shape : (dLast as tf.Tensor2D).shape;
  const b = dOut ? shape[0] / steps : shape[0];
  const tail: tf.Tensor2D = dOut ? tf.zeros([b, shape[1]]) : (dLast as tf.Tensor2D);
  const rec = fromNext ? (tf.concat([fromNext, tail], 0) as tf.Tensor2D) : tail;
  return dOut ? tf.add(dOut, rec) : rec;
}
