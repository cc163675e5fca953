/**
 * A whole GRU training batch on webgl, as batchLstm.ts runs LSTM's and with the same draws:
 * 2·(T + L − 1) wavefront shaders (batchGruWave.ts: one per diagonal each way, every texel
 * recomputing the reset gates, forward, or dA_h, backward, of all units it needs), the diagonals
 * gathered into partials of ≤ 15, every gradient and the loss in one shader (batchGrads.ts at 3·u
 * columns, dU_h from r ⊙ h_{t−1}), the loss sliced out, Adam in one draw, one upload for x, y and the
 * masks. Weights and Adam state stay one packed state [3·Rw, 3u] (batchGatedLayout.ts, columns z,
 * r, h). Used by fast/engine.ts through FastKernels.batch (index.ts picks it for GRU).
 */
import * as tf from '@tensorflow/tfjs-core';
import { biasCorrections } from '../../adam';
import type { WholeBatchFactory } from '../types';
import { fromGatedBlock, toGatedBlock } from './batchGatedLayout';
import { batchLayout, packBatch, type BatchDims } from './batchLayout';
import { adamProgram, gradsProgram, PER_PARTIAL } from './batchGrads';
import { gruBatchBackward, gruBatchForward } from './batchGruWave';
import { gather, laidOut, run } from './program';

/** Where the whole-batch GRU applies: as LSTM's (batchLstm.ts's lstmBatchApplies). */
export function gruBatchApplies(
  cell: string,
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  const partials = Math.ceil((steps + layers - 1) / PER_PARTIAL);
  const fits = inputs >= 1 && inputs <= units && partials <= 7;
  return cell === 'gru' && b % 2 === 0 && units % 2 === 0 && fits;
}

/** See {@link WholeBatchFactory}: GRU only (null for other cells and shapes). */
export const webglGruBatch: WholeBatchFactory = (spec, initial) => {
  const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
  if (!gruBatchApplies(spec.cell, 2, u, k, L, T)) return null;
  const G = 3 * u;
  const shapes = initial.map((w) => w.shape);
  const { Rw } = batchLayout(L, u, k);
  const first = tf.tidy(() =>
    laidOut(tf.concat([tf.zeros([2 * Rw, G]), toGatedBlock(initial, L, u)]), true),
  );
  const state = tf.variable(first, false);
  first.dispose();
  const adam = adamProgram(Rw, G, spec.learningRate, tf.backend().epsilon());
  let step = 0;
  const update = (grads: tf.Tensor2D): void => {
    step++;
    const [c1, c2] = biasCorrections(step);
    state.assign(run(adam, [state, grads], [[c1], [c2]]));
  };
  const programs = new Map<string, ReturnType<typeof programsFor>>();
  const programsFor = (dims: BatchDims) => ({
    forward: [true, false].map((f) => gruBatchForward(dims, f, activation)),
    backward: [true, false].map((f) => gruBatchBackward(dims, f, activation, loss)),
    grads: gradsProgram(dims, loss, G, true),
  });

  /** The gradient block [Rw + 2, 3u], the loss at (Rw, 0). */
  const gradientBlock = (x: tf.Tensor3D, y: tf.Tensor2D, masks: Float32Array[] | null) => {
    const b = x.shape[0];
    const dims: BatchDims = { L, T, b, u, k, masked: masks !== null };
    const key = `${b} ${dims.masked}`;
    const p = programs.get(key) ?? programsFor(dims);
    programs.set(key, p);
    const values = packBatch(x.dataSync(), y.dataSync(), masks, dims);
    const D = tf.tensor2d(values, [values.length / u, u]);
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
      const d = diagonals - 1 - e;
      // Hp: the diagonal before (unread where d = 0: only t = 0 of layer 0 is on it).
      const h = [fwd[d], fwd[Math.max(d - 1, 0)]];
      bwd.push(
        e === 0
          ? run(p.backward[0], [...h, state, D], [[0]])
          : run(p.backward[1], [bwd[e - 1], ...h, state, D], [[e]]),
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
    applies: (b) => gruBatchApplies('gru', b, u, k, L, T),
    gradients(x, y, masks) {
      const g = gradientBlock(x, y, masks);
      return { grads: fromGatedBlock(g, 0, shapes, L, u), loss: lossOf(g, Rw) };
    },
    trainBatch(x, y, masks) {
      const g = gradientBlock(x, y, masks);
      update(g);
      return lossOf(g, Rw);
    },
    views: () => fromGatedBlock(state, 2 * Rw, shapes, L, u),
    step: (grads) => update(toGatedBlock(grads, L, u)),
    read: () => tf.tidy(() => fromGatedBlock(state, 2 * Rw, shapes, L, u)),
    write(ws) {
      tf.tidy(() => {
        const mv = tf.slice(state, [0, 0], [2 * Rw, G]);
        state.assign(laidOut(tf.concat([mv, toGatedBlock(ws, L, u)]), true));
      });
    },
    dispose: () => state.dispose(),
  };
};

/** The loss at (Rw, 0) of a gradient block, as a scalar (one slice). */
function lossOf(g: tf.Tensor2D, rw: number): tf.Scalar {
  return tf.reshape(tf.slice(g, [rw, 0], [1, 1]), []);
}
