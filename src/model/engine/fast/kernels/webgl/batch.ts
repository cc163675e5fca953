/**
 * A whole SimpleRNN training batch on webgl in 2·(T + L − 1) + 2·⌈(T + L − 1)/15⌉ + 3 draws plus one
 * upload each for the batch, the targets and (with dropout) the masks: the repack of weights, batch,
 * targets and masks into one packed texture (batchLayout.ts), the forward and backward wavefronts
 * reading it (batchWave.ts; the backward one starts from the loss), the diagonals gathered into
 * partials of ≤ 15, every gradient and the loss in one shader and Adam in one (batchGrads.ts).
 * Weights and Adam state stay one flat state tensor [3, n] (rows m, v, w; w in Keras order).
 * Used by fast/engine.ts where it applies (FastKernels.batch); the stack driver runs the rest.
 */
import * as tf from '@tensorflow/tfjs-core';
import { biasCorrections } from '../../adam';
import type { WholeBatch, WholeBatchFactory } from '../types';
import { repackProgram, type BatchDims } from './batchLayout';
import { adamProgram, gradsProgram, PER_PARTIAL } from './batchGrads';
import { batchBackward, batchForward } from './batchWave';
import { gather, laidOut, run } from './program';

/** Where the whole-batch path applies: SimpleRNN, packed shapes, k ≤ u, ≤ 7 partials a direction. */
export function wholeBatchApplies(
  cell: string,
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  const partials = Math.ceil((steps + layers - 1) / PER_PARTIAL);
  return cell === 'simpleRNN' && b % 2 === 0 && units % 2 === 0 && inputs <= units && partials <= 7;
}

/** The flat weight vector [n] in Keras order. */
const flatten = (ws: tf.Tensor[]): tf.Tensor1D => tf.concat(ws.map((x) => tf.reshape(x, [-1])));

/** See {@link WholeBatchFactory}. */
export const webglWholeBatch: WholeBatchFactory = (spec, initial) => {
  const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
  if (!wholeBatchApplies(spec.cell, 2, u, k, L, T)) return null;
  const shapes = initial.map((w) => w.shape);
  const sizes = shapes.map((s) => s.reduce((a, c) => a * c, 1));
  const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, c) => a + c, 0));
  const n = sizes.reduce((a, c) => a + c, 0);
  // Unpacked from the start, as Adam writes it: the repack reads it without a conversion.
  const state = tf.variable(
    tf.tidy(() =>
      laidOut(tf.concat([tf.zeros([2, n]), tf.reshape(flatten(initial), [1, n])]), false),
    ),
    false,
  );
  const adam = adamProgram(n, spec.learningRate, tf.backend().epsilon());
  let step = 0;
  const update = (grads: tf.Tensor1D): void => {
    step++;
    const [c1, c2] = biasCorrections(step);
    state.assign(run(adam, [state, grads], [[c1], [c2]]));
  };
  const programs = new Map<string, ReturnType<typeof programsFor>>();
  const programsFor = (dims: BatchDims) => ({
    repack: repackProgram(dims),
    forward: [true, false].map((first) => batchForward(dims, first, activation)),
    backward: [true, false].map((first) => batchBackward(dims, first, activation, loss)),
    grads: gradsProgram(dims, loss),
  });

  const gradients: WholeBatch['gradients'] = (x, y, masks) => {
    const b = x.shape[0];
    const dims: BatchDims = { L, T, b, u, k, masked: masks !== null };
    const key = `${b} ${dims.masked}`;
    const p = programs.get(key) ?? programsFor(dims);
    programs.set(key, p);
    const inputs: tf.Tensor[] = [state, x, y];
    if (masks) {
      // One upload for all layers' masks, stacked as C holds them.
      const all = new Float32Array(masks.reduce((a, m) => a + m.length, 0));
      let at = 0;
      for (const m of masks) {
        all.set(m, at);
        at += m.length;
      }
      inputs.push(tf.tensor2d(all, [all.length / u, u]));
    }
    const C = run(p.repack, inputs);
    const diagonals = T + L - 1;
    const fwd: tf.Tensor2D[] = [];
    for (let d = 0; d < diagonals; d++) {
      fwd.push(d === 0 ? run(p.forward[0], [C], [[0]]) : run(p.forward[1], [fwd[d - 1], C], [[d]]));
    }
    const bwd: tf.Tensor2D[] = [];
    for (let e = 0; e < diagonals; e++) {
      const h = fwd[diagonals - 1 - e];
      bwd.push(
        e === 0 ? run(p.backward[0], [h, C], [[0]]) : run(p.backward[1], [bwd[e - 1], h, C], [[e]]),
      );
    }
    const parts = (ds: tf.Tensor2D[]): tf.Tensor2D[] => {
      const out: tf.Tensor2D[] = [];
      for (let i = 0; i < ds.length; i += PER_PARTIAL) {
        out.push(gather(ds.slice(i, i + PER_PARTIAL), true));
      }
      return out;
    };
    return run(p.grads, [...parts(fwd), ...parts(bwd), C]) as tf.Tensor as tf.Tensor1D;
  };

  const views = (): tf.Tensor[] =>
    shapes.map((s, i) => tf.reshape(tf.slice(state, [2, offsets[i]], [1, sizes[i]]), s));
  return {
    applies: (b) => wholeBatchApplies('simpleRNN', b, u, k, L, T),
    gradients,
    trainBatch(x, y, masks) {
      const g = gradients(x, y, masks);
      update(g);
      return tf.reshape(tf.slice(g, [n], [1]), []);
    },
    views,
    step: (grads) => update(flatten(grads)),
    read: () => tf.tidy(() => views().map((w) => w.clone())),
    write(ws) {
      tf.tidy(() => {
        const mv = tf.slice(state, [0, 0], [2, n]);
        state.assign(laidOut(tf.concat([mv, tf.reshape(flatten(ws), [1, n])]), false));
      });
    },
    dispose: () => state.dispose(),
  };
};
