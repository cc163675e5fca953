/**
 * The inspector with two inputs per step (k = 2): each input's influence against tf.grad of the
 * stock model w.r.t. its input [1, T, k], `influence` as the target's (input 0) series, and the
 * Equations figure's layer-0 arithmetic over x_t of both inputs against the engine's own h_t.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { configOf, expectClose, randomWeights } from '../../../test/engine';
import type { CellType } from '../core/config';
import { unitEquations } from '../core/equations';
import { createRng } from '../core/rng';
import { createFastEngine } from './fast/engine';
import { inspectNetwork } from './inspect';
import { createLayersEngine } from './stock/engine';
import { buildLayersModel } from './stock/network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const STEPS = 6;
const BATCH = 4;
const K = 2;

describe('inspectNetwork with two inputs per step', () => {
  for (const cell of ['simpleRNN', 'lstm', 'gru'] as CellType[]) {
    for (const kind of ['fast', 'layers'] as const) {
      it(`${cell} (${kind} engine): influence per input equals tf.grad of the stock model w.r.t. [1, T, 2]`, async () => {
        const config = configOf(2, 5, 'tanh', { cell, timesteps: STEPS });
        const weights = randomWeights(config, 17, K);
        const create = kind === 'fast' ? createFastEngine : createLayersEngine;
        const engine = create(config, STEPS, weights, 1, K);
        const rng = createRng(5);
        const draw = (n: number) => Float32Array.from({ length: n }, () => rng.uniform());
        const input = {
          window: draw(STEPS * K),
          batchX: draw(BATCH * STEPS * K),
          batchY: draw(BATCH),
          layer: 0,
          names: ['Open', 'Volume'],
        };
        const n = await inspectNetwork(engine, config, STEPS, input);
        expect(n.inputNames).toEqual(['Open', 'Volume']);
        expect(n.weights.inDim).toBe(K);
        expect(n.influenceByInput).toHaveLength(K);
        expect(n.influence).toBe(n.influenceByInput[0]);
        const model = buildLayersModel(config, STEPS, true, K).model;
        model.setWeights(weights);
        tf.tidy(() => {
          const x = tf.tensor3d(input.window, [1, STEPS, K]);
          const dx = tf.grad((v: tf.Tensor) => tf.sum(model.apply(v) as tf.Tensor))(x);
          // [1, T, K] → per input c, steps back 1 … T.
          const perInput = tf.unstack(tf.reshape(dx, [STEPS, K]), 1);
          perInput.forEach((d, c) =>
            expectClose(
              tf.tensor1d(n.influenceByInput[c]),
              tf.reverse(d),
              1e-4,
              `influence of input ${c}`,
            ),
          );
        });
        for (const [t, j] of [
          [0, 0],
          [3, 2],
          [STEPS - 1, 4],
        ]) {
          const eq = unitEquations(n, n.inputWindow, t, j);
          expect(Math.abs(eq.hidden.value - n.hidden[0][t * 5 + j])).toBeLessThan(1e-5);
          expect(eq.input).toHaveLength(K);
        }
        model.dispose();
        tf.dispose(weights);
        engine.dispose();
      });
    }
  }
});
