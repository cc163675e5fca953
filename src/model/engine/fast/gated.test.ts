/**
 * LSTM and GRU on the fused recurrences of the cpu kernels (kernels/gatedLstm.ts, gatedGru.ts, also
 * the wasm set's with SIMD) against the stock tf.layers model, with the engines' dropout masks:
 * outputs, loss and every gradient to 1e-5 of each tensor's scale, 1–4 layers, one and three inputs
 * per step. The stock side applies the masks as the stock engine does (stock/engine.ts: a product
 * after each recurrent layer), differentiated by tfjs's autodiff.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation, CellType, LossName } from '../../core/config';
import { configOf, expectClose, randomBatch, randomWeights } from '../../../../test/engine';
import { createMaskSource, type DropoutMasks } from '../masks';
import { buildLayersModel, lossFunction } from '../stock/network';
import { createCell } from './engine';
import { cpuKernels, makeCpuKernels } from './kernels/cpu';
import type { FastKernels } from './kernels/types';
import { wasmSimdKernels } from './kernels/wasm';
import { forward, lossAndGradients, toTimeMajor, weightsFromList } from './stack';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The sets with fused gated recurrences that run in Node (wasm's on the cpu backend). */
const FUSED_SETS: [string, FastKernels][] = [
  ['cpu loops (SIMD)', cpuKernels],
  ['cpu JS loops', makeCpuKernels(false)],
  ['wasm set', wasmSimdKernels],
];

interface Case {
  cell: CellType;
  layers: number;
  units: number;
  steps: number;
  b: number;
  inputs: number;
  activation: Activation;
  loss: LossName;
}

/** Loss and gradients of the stock model with `masks` applied as the stock engine applies them. */
function stockWithMasks(
  model: tfl.Sequential,
  c: Case,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  masks: DropoutMasks,
): { y: tf.Tensor; loss: tf.Scalar; grads: tf.Tensor[] } {
  const batchMajor = (m: tf.Tensor2D): tf.Tensor =>
    tf.transpose(tf.reshape(m, [c.steps, c.b, c.units]), [1, 0, 2]);
  const run = (): tf.Tensor => {
    let h: tf.Tensor = x;
    let recurrent = 0;
    for (const layer of model.layers as tfl.layers.Layer[]) {
      if (layer.getClassName() === 'Dropout') {
        const l = recurrent - 1;
        if (masks) h = tf.mul(h, l === c.layers - 1 ? masks[l] : batchMajor(masks[l]));
        continue;
      }
      h = layer.apply(h) as tf.Tensor;
      if (layer.getClassName() !== 'Dense') recurrent++;
    }
    return h;
  };
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const out = tf.tidy(run);
  const { value, grads } = tf.variableGrads(
    () => lossFunction(c.loss)(y, run()) as tf.Scalar,
    vars,
  );
  return { y: out, loss: value, grads: vars.map((v) => grads[v.name]) };
}

function check(c: Case, seed: number): void {
  const config = configOf(c.layers, c.units, c.activation, {
    loss: c.loss,
    cell: c.cell,
    dropout: 0.2,
  });
  const weights = randomWeights(config, seed, c.inputs);
  const { x, y } = randomBatch(c.b, c.steps, seed + 1, c.inputs);
  const model = buildLayersModel(config, c.steps, true, c.inputs).model;
  model.setWeights(weights);
  const spec = { rate: 0.2, layers: c.layers, units: c.units, timesteps: c.steps };
  const masks = createMaskSource(seed, spec)(c.b);
  const expected = stockWithMasks(model, c, x, y, masks);
  const cell = createCell(c.cell, c.activation);
  for (const [name, kernels] of FUSED_SETS) {
    tf.tidy(() => {
      const r = lossAndGradients({ cell, kernels }, weightsFromList(weights), x, y, c.loss, masks);
      expectClose(r.y, expected.y, 1e-5, `${name}: output`);
      expectClose(r.loss, expected.loss, 1e-5, `${name}: loss`);
      expect(r.grads).toHaveLength(expected.grads.length);
      r.grads.forEach((g, i) =>
        expectClose(g, expected.grads[i], 1e-5, `${name}: gradient ${i} [${g.shape}]`),
      );
    });
  }
  tf.dispose([x, y, ...weights, ...(masks ?? []), expected.y, expected.loss, ...expected.grads]);
  model.dispose();
}

describe('LSTM and GRU on the fused kernels equal tf.layers with dropout masks', () => {
  const cases: Case[] = [
    {
      cell: 'lstm',
      layers: 1,
      units: 6,
      steps: 5,
      b: 3,
      inputs: 1,
      activation: 'tanh',
      loss: 'mse',
    },
    {
      cell: 'lstm',
      layers: 2,
      units: 5,
      steps: 7,
      b: 4,
      inputs: 3,
      activation: 'relu',
      loss: 'mae',
    },
    {
      cell: 'lstm',
      layers: 4,
      units: 8,
      steps: 9,
      b: 3,
      inputs: 2,
      activation: 'tanh',
      loss: 'huber',
    },
    // u % 4 = 3: the fused SIMD step's lane-by-lane tail (tanh only; relu runs the JS loops).
    {
      cell: 'lstm',
      layers: 3,
      units: 7,
      steps: 6,
      b: 5,
      inputs: 1,
      activation: 'tanh',
      loss: 'mse',
    },
    {
      cell: 'gru',
      layers: 1,
      units: 6,
      steps: 5,
      b: 3,
      inputs: 1,
      activation: 'tanh',
      loss: 'mse',
    },
    {
      cell: 'gru',
      layers: 3,
      units: 5,
      steps: 7,
      b: 4,
      inputs: 3,
      activation: 'relu',
      loss: 'huber',
    },
    // u % 4 = 3 for the fused GRU passes' lane-by-lane tail.
    {
      cell: 'gru',
      layers: 2,
      units: 7,
      steps: 6,
      b: 5,
      inputs: 2,
      activation: 'tanh',
      loss: 'mse',
    },
    {
      cell: 'gru',
      layers: 4,
      units: 8,
      steps: 9,
      b: 3,
      inputs: 2,
      activation: 'tanh',
      loss: 'mae',
    },
  ];
  for (const c of cases) {
    it(`${c.layers} × ${c.cell}(${c.units}, ${c.activation}), T=${c.steps}, k=${c.inputs}, ${c.loss}`, () =>
      check(c, 40 + c.layers));
  }
});

describe('the gated cells run on the fused kernels where a set has them', () => {
  for (const cell of ['lstm', 'gru'] as const) {
    it(`${cell}: the cpu set's forward keeps the kernels' stacked trace`, () => {
      const config = configOf(1, 4, 'tanh', { cell });
      const weights = randomWeights(config, 1);
      const { x } = randomBatch(2, 3, 2);
      tf.tidy(() => {
        const c = createCell(cell, 'tanh');
        const w = weightsFromList(weights);
        const fused = forward({ cell: c, kernels: cpuKernels }, w, toTimeMajor(x), 3, null);
        expect(Object.keys(fused.layers[0].state as object)).toEqual(['fused']);
      });
      tf.dispose([...weights, x]);
    });
  }
});
