/**
 * A whole SimpleRNN training batch on webgl in 2·(T + L − 1) shaders for the wavefronts and a few
 * more: the forward and backward wavefronts reading the weights straight from the parameter state
 * and the batch, targets and masks from one uploaded texture (batchWave.ts; the first backward
 * shader starts from the loss), the diagonals gathered into partials of ≤ 15 (one draw each, none
 * for a partial of one), every gradient and the loss in one shader, the loss sliced out, Adam in one
 * (batchGrads.ts); plus one upload (and its encoding draw) for x, y and the masks together.
 * Weights and Adam state stay one packed state [3·Rw, u] (batchLayout.ts), read in Keras order
 * through slices. Used by fast/engine.ts where it applies (FastKernels.batch); batches of other
 * shapes run through the stack driver on its views. */
import * as tf from '@tensorflow/tfjs-core';
import { biasCorrections } from '../../adam';
import type { WholeBatchFactory } from '../types';
import { batchLayout, fromBlock, packBatch, toBlock, type BatchDims } from './batchLayout';
import { adamProgram, gradsProgram, PER_PARTIAL } from './batchGrads';
import { batchBackward, batchForward } from './batchWave';
import { gather, laidOut, run } from './program';

/**
 * Where the whole-batch path applies: SimpleRNN, even batch and units (packed shaders), k ≤ u inputs
 * (x shares the batch texture's columns), ≤ 7 partials a direction (the gradients shader reads 2 per
 * partial and 2 more textures of WebGL 2's 16).
 */
export function wholeBatchApplies(
  cell: string,
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  const partials = Math.ceil((steps + layers - 1) / PER_PARTIAL);
  const fits = inputs >= 1 && inputs <= units && partials <= 7;
  return cell === 'simpleRNN' && b % 2 === 0 && units % 2 === 0 && fits;
}

/** See {@link WholeBatchFactory}. */
export const webglWholeBatch: WholeBatchFactory = (spec, initial) => {
  const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
  if (!wholeBatchApplies(spec.cell, 2, u, k, L, T)) return null;
  const shapes = initial.map((w) => w.shape);
  const { Rw } = batchLayout(L, u, k);
  // Packed from the start, as Adam writes it: the shaders read it without a conversion.
  const first = tf.tidy(() =>
    laidOut(tf.concat([tf.zeros([2 * Rw, u]), toBlock(initial, L, u)]), true),
  );
  const state = tf.variable(first, false);
  first.dispose(); // the variable holds its own reference to the data
  const adam = adamProgram(Rw, u, spec.learningRate, tf.backend().epsilon());
  let step = 0;
  const update = (grads: tf.Tensor2D): void => {
    step++;
    const [c1, c2] = biasCorrections(step);
    state.assign(run(adam, [state, grads], [[c1], [c2]]));
  };
  const programs = new Map<string, ReturnType<typeof programsFor>>();
  const programsFor = (dims: BatchDims) => ({
    forward: [true, false].map((first) => batchForward(dims, first, activation)),
    backward: [true, false].map((first) => batchBackward(dims, first, activation, loss)),
    grads: gradsProgram(dims, loss),
  });

  /** The gradient block [Rw + 2, u], the loss at (Rw, 0). */
  const gradientBlock = (x: tf.Tensor3D, y: tf.Tensor2D, masks: Float32Array[] | null) => {
    const b = x.shape[0];
    const dims: BatchDims = { L, T, b, u, k, masked: masks !== null };
    const key = `${b} ${dims.masked}`;
    const p = programs.get(key) ?? programsFor(dims);
    programs.set(key, p);
    // One upload: x time-major, y and every mask in one texture. The training loop's x and y are
    // host tensors, so reading them is free (a tensor already on the GPU would be read back).
    const values = packBatch(x.dataSync(), y.dataSync(), masks, dims);
    const D = tf.tensor2d(values, [values.length / u, u]);
    const inner = dims.masked && L > 1; // the backward shaders read D for the masks only
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
      const h = fwd[diagonals - 1 - e];
      bwd.push(
        e === 0
          ? run(p.backward[0], [h, state, D], [[0]])
          : run(p.backward[1], [bwd[e - 1], h, state, ...(inner ? [D] : [])], [[e]]),
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
    applies: (b) => wholeBatchApplies('simpleRNN', b, u, k, L, T),
    gradients(x, y, masks) {
      const g = gradientBlock(x, y, masks);
      return { grads: fromBlock(g, 0, shapes, L), loss: lossOf(g, Rw) };
    },
    trainBatch(x, y, masks) {
      const g = gradientBlock(x, y, masks);
      update(g);
      return lossOf(g, Rw);
    },
    views: () => fromBlock(state, 2 * Rw, shapes, L),
    step: (grads) => update(toBlock(grads, L, u)),
    read: () => tf.tidy(() => fromBlock(state, 2 * Rw, shapes, L)),
    write(ws) {
      tf.tidy(() => {
        const mv = tf.slice(state, [0, 0], [2 * Rw, u]);
        state.assign(laidOut(tf.concat([mv, toBlock(ws, L, u)]), true));
      });
    },
    dispose: () => state.dispose(),
  };
};

/** The loss at (Rw, 0) of a gradient block, as a scalar (one slice). */
function lossOf(g: tf.Tensor2D, rw: number): tf.Scalar {
  return tf.reshape(tf.slice(g, [rw, 0], [1, 1]), []);
}
