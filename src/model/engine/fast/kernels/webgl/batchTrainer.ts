/**
 * The whole-batch trainer every cell shares on webgl (batch.ts SimpleRNN, batchLstm.ts LSTM): the
 * packed parameter state [3·Rw, width] (m, v and the weights as three blocks, packed from the start
 * as Adam writes it), one upload for x (time-major), y and every mask, the forward wavefront
 * (T + L − 1 shaders), the backward wavefront (as many; the first starts from the loss), the
 * diagonals gathered into partials of ≤ 15 (one draw each, none for a partial of one), every gradient
 * and the loss in one shader, the loss sliced out, Adam in one draw (batchGrads.ts). What differs by
 * cell, the shaders and the weight block's layout, comes in a {@link BatchCell}.
 */
import * as tf from '@tensorflow/tfjs-core';
import { biasCorrections } from '../../adam';
import type { ActivationFn } from '../../activations';
import type { LossName } from '../../../../core/config';
import type { WholeBatch, WholeBatchFactory, WholeBatchSpec } from '../types';
import { fromGatedBlock, toGatedBlock } from './batchGatedLayout';
import { batchLayout, packBatch, type BatchDims } from './batchLayout';
import { adamProgram, gradsProgram, PER_PARTIAL } from './batchGrads';
import { gather, laidOut, run, type Program } from './program';

/** What a cell brings to {@link wholeBatchTrainer}. */
export interface BatchCell {
  /** Columns of the state and gradient blocks: u for SimpleRNN, g·u for a cell of g gates. */
  width: number;
  /** Weights in Keras order → the weight block [Rw, width]. */
  toBlock(weights: tf.Tensor[]): tf.Tensor2D;
  /** The weights (Keras order and shapes) of the weight block starting at `row` of `block`. */
  fromBlock(block: tf.Tensor2D, row: number): tf.Tensor[];
  /** The shaders for one batch shape: forward and backward [first, rest], and the gradients. */
  programs(dims: BatchDims): { forward: Program[]; backward: Program[]; grads: Program };
  /** The forward diagonals the backward shader of forward diagonal d reads. */
  forwardInputs(fwd: tf.Tensor2D[], d: number): tf.Tensor2D[];
  /** Whether the backward shaders after the first read the batch texture (masks, x). */
  backwardReadsBatch(dims: BatchDims): boolean;
}

/**
 * The shapes a whole batch runs: even batch and units (packed shaders), k ≤ u inputs (x shares the
 * batch texture's columns), ≤ 7 partials a direction (the gradients shader reads 2 per partial and 2
 * more textures of WebGL 2's 16).
 */
export function batchShapeFits(
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  const partials = Math.ceil((steps + layers - 1) / PER_PARTIAL);
  return b % 2 === 0 && units % 2 === 0 && inputs >= 1 && inputs <= units && partials <= 7;
}

/**
 * A {@link WholeBatch} for `cell`, from the initial weights (copied); `applies(b)` says which batch
 * sizes run here (the others run through the stack driver on its views).
 */
export function wholeBatchTrainer(
  spec: WholeBatchSpec,
  initial: tf.Tensor[],
  cell: BatchCell,
  applies: (b: number) => boolean,
): WholeBatch {
  const { layers: L, units: u, inputs: k, timesteps: T, learningRate } = spec;
  const W = cell.width;
  const { Rw } = batchLayout(L, u, k);
  const first = tf.tidy(() =>
    laidOut(tf.concat([tf.zeros([2 * Rw, W]), cell.toBlock(initial)]), true),
  );
  const state = tf.variable(first, false);
  first.dispose(); // the variable holds its own reference to the data
  const adam = adamProgram(Rw, W, learningRate, tf.backend().epsilon());
  let step = 0;
  const update = (grads: tf.Tensor2D): void => {
    step++;
    const [c1, c2] = biasCorrections(step);
    state.assign(run(adam, [state, grads], [[c1], [c2]]));
  };
  const programs = new Map<string, ReturnType<BatchCell['programs']>>();

  /** The gradient block [Rw + 2, width], the loss at (Rw, 0). */
  const gradientBlock = (x: tf.Tensor3D, y: tf.Tensor2D, masks: Float32Array[] | null) => {
    const b = x.shape[0];
    const dims: BatchDims = { L, T, b, u, k, masked: masks !== null };
    const key = `${b} ${dims.masked}`;
    const p = programs.get(key) ?? cell.programs(dims);
    programs.set(key, p);
    // One upload: x time-major, y and every mask in one texture. The training loop's x and y are
    // host tensors, so reading them is free (a tensor already on the GPU would be read back).
    const values = packBatch(x.dataSync(), y.dataSync(), masks, dims);
    const D = tf.tensor2d(values, [values.length / u, u]);
    const later = cell.backwardReadsBatch(dims) ? [D] : [];
    const diagonals = T + L - 1;
    const fwd: tf.Tensor2D[] = [];
    for (let d = 0; d < diagonals; d++) {
      fwd.push(
        d === 0
          ? run(p.forward[0], [state, D], [[0]])
          : run(p.forward[1], [fwd[d - 1], state, D], [[d]]),
      );
    }
    const bwd: tf.Tensor2D[] = [];
    for (let e = 0; e < diagonals; e++) {
      const h = cell.forwardInputs(fwd, diagonals - 1 - e);
      bwd.push(
        e === 0
          ? run(p.backward[0], [...h, state, D], [[0]])
          : run(p.backward[1], [bwd[e - 1], ...h, state, ...later], [[e]]),
      );
    }
    const parts = (ds: tf.Tensor2D[]): tf.Tensor2D[] => {
      const out: tf.Tensor2D[] = [];
      for (let i = 0; i < ds.length; i += PER_PARTIAL) {
        out.push(gather(ds.slice(i, i + PER_PARTIAL), true));
      }
      return out;
    };
    return run(p.grads, [...parts(fwd), ...parts(bwd), state, D]);
  };

  return {
    applies,
    gradients(x, y, masks) {
      const g = gradientBlock(x, y, masks);
      return { grads: cell.fromBlock(g, 0), loss: lossOf(g, Rw) };
    },
    trainBatch(x, y, masks) {
      const g = gradientBlock(x, y, masks);
      update(g);
      return lossOf(g, Rw);
    },
    views: () => cell.fromBlock(state, 2 * Rw),
    step: (grads) => update(cell.toBlock(grads)),
    read: () => tf.tidy(() => cell.fromBlock(state, 2 * Rw)),
    write(ws) {
      tf.tidy(() => {
        const mv = tf.slice(state, [0, 0], [2 * Rw, W]);
        state.assign(laidOut(tf.concat([mv, cell.toBlock(ws)]), true));
      });
    },
    dispose: () => state.dispose(),
  };
}

/** A gated cell's wavefront shaders for one batch shape: [first, rest] is `first` true, false. */
type GatedShader = (
  dims: BatchDims,
  first: boolean,
  activation: ActivationFn,
  loss: LossName,
) => Program;

/**
 * The {@link WholeBatchFactory} of a gated cell of `gates` gates (LSTM 4, GRU 3): the weight block
 * at g·u columns (batchGatedLayout.ts), its wavefront shaders, which read the forward diagonal and
 * the one before it (unread where d = 0: only t = 0 of layer 0 is on it) and the batch texture,
 * and the gradient shader at g·u columns (`resetGrads`: dU_h's columns pair with r ⊙ h_{t−1}, GRU).
 * Null for other cells and for shapes {@link batchShapeFits} refuses.
 */
export function gatedBatch(
  cellName: 'lstm' | 'gru',
  gates: number,
  forward: GatedShader,
  backward: GatedShader,
  resetGrads: boolean,
): WholeBatchFactory {
  return (spec, initial) => {
    const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
    const applies = (b: number): boolean => batchShapeFits(b, u, k, L, T);
    if (spec.cell !== cellName || !applies(2)) return null;
    const G = gates * u;
    const shapes = initial.map((w) => w.shape);
    const shaders = (dims: BatchDims, f: GatedShader): Program[] =>
      [true, false].map((first) => f(dims, first, activation, loss));
    return wholeBatchTrainer(
      spec,
      initial,
      {
        width: G,
        toBlock: (ws) => toGatedBlock(ws, L, u),
        fromBlock: (block, row) => fromGatedBlock(block, row, shapes, L, u),
        programs: (dims) => ({
          forward: shaders(dims, forward),
          backward: shaders(dims, backward),
          grads: gradsProgram(dims, loss, G, resetGrads),
        }),
        forwardInputs: (fwd, d) => [fwd[d], fwd[Math.max(d - 1, 0)]],
        backwardReadsBatch: () => true,
      },
      applies,
    );
  };
}

/** The loss at (Rw, 0) of a gradient block, as a scalar (one slice). */
function lossOf(g: tf.Tensor2D, rw: number): tf.Scalar {
  return tf.reshape(tf.slice(g, [rw, 0], [1, 1]), []);
}
