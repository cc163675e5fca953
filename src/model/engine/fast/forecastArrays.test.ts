/**
 * The tfjs-free rollout equals the fast path's own (fast/stack.ts forward step by step, as
 * engine/forecast.ts ran it before) on cpu for SimpleRNN, LSTM and GRU, with and without dropout, with
 * the SIMD kernels and with the JS loops, for 1–4 layers and both activations.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { configOf, randomWeights } from '../../../../test/engine';
import type { Activation, CellType } from '../../core/config';
import { createMaskSource } from '../masks';
import { createCell } from './engine';
import { forecastArrays } from './forecastArrays';
import { cpuKernels } from './kernels/cpu';
import { forward, weightsFromList } from './stack';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The reference: forward() on the window, slid by each output, as tensors. */
function reference(
  cell: CellType,
  list: tf.Tensor[],
  activation: Activation,
  window: Float32Array,
  b: number,
  steps: number,
  masks: tf.Tensor2D[] | null,
): Float32Array {
  const T = window.length;
  const stack = { cell: createCell(cell, activation), kernels: cpuKernels };
  const weights = weightsFromList(list);
  let x = new Float32Array(T * b);
  for (let t = 0; t < T; t++) x.fill(window[t], t * b, (t + 1) * b);
  const paths = new Float32Array(steps * b);
  for (let s = 0; s < steps; s++) {
    const y = tf.tidy(() =>
      forward(stack, weights, tf.tensor2d(x, [T * b, 1]), T, masks).y.dataSync(),
    );
    paths.set(y, s * b);
    x = Float32Array.from([...x.subarray(b), ...y]);
  }
  return paths;
}

describe('forecastArrays', () => {
  const cases: [CellType, number, number, Activation, number, number][] = [
    // cell, layers, units, activation, dropout, samples
    ['simpleRNN', 1, 5, 'tanh', 0, 1],
    ['simpleRNN', 2, 6, 'relu', 0.3, 7],
    ['simpleRNN', 4, 9, 'tanh', 0.2, 30],
    ['simpleRNN', 3, 50, 'tanh', 0.2, 4],
    ['lstm', 1, 5, 'tanh', 0, 1],
    ['lstm', 3, 7, 'tanh', 0.2, 6],
    ['lstm', 2, 6, 'relu', 0.3, 3],
    ['gru', 1, 5, 'tanh', 0, 1],
    ['gru', 3, 7, 'tanh', 0.2, 6],
    ['gru', 2, 6, 'relu', 0.3, 3],
  ];
  for (const [cell, layers, units, activation, dropout, b] of cases) {
    for (const useSimd of [true, false]) {
      it(`equals forward() step by step: ${layers} × ${cell}(${units}, ${activation}), dropout ${dropout}, ${b} samples, ${useSimd ? 'SIMD' : 'JS loops'}`, () => {
        const T = 6;
        const config = { ...configOf(layers, units, activation, { dropout, timesteps: T }), cell };
        const list = randomWeights(config, layers * 100 + units);
        const window = Float32Array.from({ length: T }, (_, t) => 0.5 + 0.4 * Math.sin(t));
        const masks = createMaskSource(11, { rate: dropout, layers, units, timesteps: T })(b);
        const steps = 12;
        const expected = reference(cell, list, activation, window, b, steps, masks);
        const actual = forecastArrays({
          cell,
          weights: list.map((w) => w.dataSync() as Float32Array),
          units,
          activation,
          window,
          b,
          steps,
          masks: masks?.map((m) => m.dataSync() as Float32Array) ?? null,
          useSimd,
        });
        expect(actual.length).toBe(steps * b);
        for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
        tf.dispose([...list, ...(masks ?? [])]);
      });
    }
  }
});
