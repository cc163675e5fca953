/**
 * The stack driver with each cell and each kernel set that runs in Node, against the stock tf.layers
 * model (the reference): same weights in, same outputs, loss and gradients out, to 1e-5 of each
 * tensor's scale (see test/engine.ts). The webgl shaders are checked in the browser (bench/checks.ts,
 * run by e2e/kernels.spec.ts and the bench).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation, CellType, LossName } from '../../core/config';
import {
  configOf,
  expectClose,
  randomBatch,
  randomWeights,
  stockGrads,
} from '../../../../test/engine';
import { buildLayersModel, lossFunction } from '../stock/network';
import { createCell, createFastEngine } from './engine';
import { cpuKernels, makeCpuKernels } from './kernels/cpu';
import { opsKernels } from './kernels/ops';
import type { FastKernels } from './kernels/types';
import { wasmOpsKernels, wasmReferenceKernels, wasmSimdKernels } from './kernels/wasm';
import { lossAndGradients, weightsFromList } from './stack';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * The kernel sets that run in Node (on the cpu backend): the cpu loops (WebAssembly SIMD products,
 * and the JS fallback without SIMD), the tfjs-ops version, and the three wasm sets (their products
 * and splits are tfjs ops, their recurrences the cpu loops or tfjs ops).
 */
const KERNEL_SETS: [string, FastKernels][] = [
  ['cpu loops', cpuKernels],
  ['cpu JS loops', makeCpuKernels(false)],
  ['tfjs ops', opsKernels],
  ['wasm set (tfjs products, SIMD recurrences)', wasmSimdKernels],
  ['wasm set without SIMD', wasmOpsKernels],
  ['wasm reference', wasmReferenceKernels],
];

interface Case {
  cell: CellType;
  layers: number;
  units: number;
  steps: number;
  b: number;
  activation: Activation;
  loss: LossName;
  /** k, values per time step (default 1). */
  inputs?: number;
}

/** Output, loss and every gradient of the fast path on each kernel set equal the stock model's. */
function checkAgainstStock(c: Case, weightSeed: number, batchSeed: number): void {
  const config = configOf(c.layers, c.units, c.activation, { loss: c.loss, cell: c.cell });
  const k = c.inputs ?? 1;
  const weights = randomWeights(config, weightSeed, k);
  const { x, y } = randomBatch(c.b, c.steps, batchSeed, k);
  const model = buildLayersModel(config, c.steps, true, k).model;
  model.setWeights(weights);
  const engine = createFastEngine(config, c.steps, weights, 1, k);
  const stockOut = model.predict(x) as tf.Tensor;
  const fastOut = engine.predict(x);
  expectClose(fastOut, stockOut, 1e-5, 'engine output');
  const expected = stockGrads(model, x, y, c.loss);
  const cell = createCell(c.cell, c.activation);
  for (const [name, kernels] of KERNEL_SETS) {
    const actual = tf.tidy(() => {
      const stack = { cell, kernels };
      const r = lossAndGradients(stack, weightsFromList(weights), x, y, c.loss, null);
      expectClose(r.y, stockOut, 1e-5, `${name}: output`);
      expectClose(r.loss, lossFunction(c.loss)(y, stockOut), 1e-5, `${name}: loss`);
      return r.grads;
    });
    expect(actual).toHaveLength(expected.length);
    actual.forEach((g, i) =>
      expectClose(g, expected[i], 1e-5, `${name}: gradient ${i} [${g.shape}]`),
    );
    tf.dispose(actual);
  }
  tf.dispose([stockOut, fastOut, x, y, ...weights, ...expected]);
  engine.dispose();
  model.dispose();
}

describe('fast path equals the stock tf.layers path (dropout off)', () => {
  const cases: Case[] = [
    { cell: 'simpleRNN', layers: 1, units: 5, steps: 7, b: 3, activation: 'tanh', loss: 'mse' },
    { cell: 'simpleRNN', layers: 1, units: 8, steps: 1, b: 2, activation: 'relu', loss: 'mse' },
    { cell: 'simpleRNN', layers: 2, units: 6, steps: 9, b: 4, activation: 'tanh', loss: 'mae' },
    { cell: 'simpleRNN', layers: 2, units: 7, steps: 5, b: 3, activation: 'relu', loss: 'huber' },
    { cell: 'simpleRNN', layers: 4, units: 10, steps: 12, b: 5, activation: 'tanh', loss: 'mse' },
    { cell: 'simpleRNN', layers: 4, units: 6, steps: 8, b: 2, activation: 'relu', loss: 'mse' },
    { cell: 'simpleRNN', layers: 4, units: 12, steps: 16, b: 4, activation: 'tanh', loss: 'huber' },
  ];
  for (const c of cases) {
    it(`${c.layers} × SimpleRNN(${c.units}, ${c.activation}), T=${c.steps}, b=${c.b}, ${c.loss}: outputs and every gradient`, () =>
      checkAgainstStock(c, 7 + c.layers, 99));
  }
});

// (T = 1 is left out for the gated cells: the stock path's own autodiff throws there, in tfjs's
// Unpack gradient, so there is no reference to compare with.)
describe('LSTM and GRU on the fast path equal the stock path (dropout off)', () => {
  const cases: Case[] = [
    { cell: 'lstm', layers: 1, units: 5, steps: 6, b: 3, activation: 'tanh', loss: 'mse' },
    { cell: 'lstm', layers: 3, units: 6, steps: 7, b: 4, activation: 'relu', loss: 'huber' },
    { cell: 'gru', layers: 1, units: 5, steps: 6, b: 3, activation: 'tanh', loss: 'mse' },
    { cell: 'gru', layers: 3, units: 6, steps: 7, b: 4, activation: 'relu', loss: 'mae' },
    { cell: 'gru', layers: 2, units: 4, steps: 2, b: 2, activation: 'tanh', loss: 'mse' },
  ];
  for (const c of cases) {
    it(`${c.layers} × ${c.cell}(${c.units}, ${c.activation}), T=${c.steps}: output, loss and every gradient`, () =>
      checkAgainstStock(c, 21 + c.layers, 5));
  }
});

describe('several inputs per step (k = 3) on the fast path equal the stock path', () => {
  const base = { layers: 2, units: 5, steps: 6, b: 3, inputs: 3 } as const;
  const cases: Case[] = [
    { ...base, cell: 'simpleRNN', activation: 'tanh', loss: 'mse' },
    { ...base, cell: 'lstm', activation: 'tanh', loss: 'huber' },
    { ...base, cell: 'gru', activation: 'relu', loss: 'mae' },
  ];
  for (const c of cases) {
    it(`${c.layers} × ${c.cell}(${c.units}) on [b, ${c.steps}, 3]: output, loss and every gradient`, () =>
      checkAgainstStock(c, 31, 8));
  }
});
