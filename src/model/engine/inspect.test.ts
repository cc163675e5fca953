/**
 * The inspector against independent references on the cpu backend: hidden states against the stock
 * tf.layers cells returning sequences, the influence against tf.grad of the stock model, the gradient
 * flow against tf.grads of an unrolled Keras network with a probe on every h_t (test/recurrence.ts),
 * and the Equations figure's arithmetic (core/equations.ts) against the engine's own states.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { configOf, expectClose, randomBatch, randomWeights } from '../../../test/engine';
import { probedGradientNorms, stockSequences, unrolled } from '../../../test/recurrence';
import type { Activation, CellType, LossName, TrainConfig } from '../core/config';
import { unitEquations } from '../core/equations';
import type { NetworkInspection } from '../core/inspect';
import { createRng } from '../core/rng';
import type { TrainingEngine } from './contract';
import { createCell, createFastEngine } from './fast/engine';
import { cpuKernels, makeCpuKernels } from './fast/kernels/cpu';
import { opsKernels } from './fast/kernels/ops';
import type { FastKernels } from './fast/kernels/types';
import { wasmOpsKernels, wasmReferenceKernels, wasmSimdKernels } from './fast/kernels/wasm';
import { forward, layerDeltas, toTimeMajor, weightsFromList } from './fast/stack';
import { HISTOGRAM_BINS, inspectNetwork, type InspectInput } from './inspect';
import { createLayersEngine } from './stock/engine';
import { buildLayersModel } from './stock/network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const STEPS = 6;
const BATCH = 4;

interface Case {
  cell: CellType;
  activation: Activation;
  loss: LossName;
}

const CASES: Case[] = [
  { cell: 'simpleRNN', activation: 'tanh', loss: 'mse' },
  { cell: 'simpleRNN', activation: 'relu', loss: 'huber' },
  { cell: 'lstm', activation: 'tanh', loss: 'mae' },
  { cell: 'lstm', activation: 'relu', loss: 'mse' },
  { cell: 'gru', activation: 'tanh', loss: 'huber' },
  { cell: 'gru', activation: 'relu', loss: 'mse' },
];

/** Seeded inputs in [0, 1): the window, the gradient batch and its targets. */
function inputsOf(seed: number, layer: number): InspectInput {
  const rng = createRng(seed);
  const draw = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform());
  return { window: draw(STEPS), batchX: draw(BATCH * STEPS), batchY: draw(BATCH), layer };
}

/** A 2 × cell(5) network with seeded weights, its engine and an inspection of `layer`. */
async function setUp(
  c: Case,
  layer = 0,
  kind: 'fast' | 'layers' = 'fast',
): Promise<{
  config: TrainConfig;
  weights: tf.Tensor[];
  engine: TrainingEngine;
  input: InspectInput;
  inspection: NetworkInspection;
}> {
  const config = configOf(2, 5, c.activation, { cell: c.cell, loss: c.loss, timesteps: STEPS });
  const weights = randomWeights(config, 17);
  const create = kind === 'fast' ? createFastEngine : createLayersEngine;
  const engine = create(config, STEPS, weights, 1);
  const input = inputsOf(5, layer);
  const inspection = await inspectNetwork(engine, config, STEPS, input);
  return { config, weights, engine, input, inspection };
}

const flat = (a: Float32Array, shape: number[]): tf.Tensor => tf.tensor(a, shape);

describe('inspectNetwork', () => {
  for (const c of CASES) {
    const name = `${c.cell}(${c.activation}), ${c.loss}`;

    it(`${name}: hidden (and cell) states equal the stock layers' sequences`, async () => {
      const { config, weights, engine, input, inspection } = await setUp(c);
      tf.tidy(() => {
        const x = tf.tensor3d(input.window, [1, STEPS, 1]);
        const seqs = stockSequences(config, weights, x);
        seqs.forEach((s, l) =>
          expectClose(flat(inspection.hidden[l], [1, STEPS, 5]), s, 1e-5, `hidden ${l}`),
        );
        const probes = seqs.map(() => Array.from({ length: STEPS }, () => tf.zeros([1, 5])));
        const ref = unrolled(config, weights, x, probes);
        expect(inspection.cellState === null).toBe(c.cell !== 'lstm');
        inspection.cellState?.forEach((cs, l) =>
          expectClose(flat(cs, [STEPS, 5]), tf.concat(ref.c[l]), 1e-5, `cell state ${l}`),
        );
        expectClose(tf.scalar(inspection.prediction), tf.reshape(ref.y, []), 1e-5, 'prediction');
      });
      tf.dispose(weights);
      engine.dispose();
    });

    it(`${name}: influence equals tf.grad of the stock model's output w.r.t. its input`, async () => {
      const { config, weights, engine, input, inspection } = await setUp(c);
      const model = buildLayersModel(config, STEPS).model;
      model.setWeights(weights);
      tf.tidy(() => {
        const x = tf.tensor3d(input.window, [1, STEPS, 1]);
        const dx = tf.grad((v: tf.Tensor) => tf.sum(model.apply(v) as tf.Tensor))(x);
        const expected = tf.reverse(tf.reshape(dx, [STEPS]));
        expectClose(flat(inspection.influence, [STEPS]), expected, 1e-4, 'influence');
      });
      model.dispose();
      tf.dispose(weights);
      engine.dispose();
    });

    it(`${name}: gradient flow equals ‖∂loss/∂h_t‖ of an unrolled, probed reference`, async () => {
      const { config, weights, engine, input, inspection } = await setUp(c);
      expect(inspection.gradientBatch).toBe(BATCH);
      tf.tidy(() => {
        const x = tf.tensor3d(input.batchX, [BATCH, STEPS, 1]);
        const y = tf.tensor2d(input.batchY, [BATCH, 1]);
        // The reference itself first: its states are the stock layers' on the whole batch.
        const probes = [0, 1].map(() => Array.from({ length: STEPS }, () => tf.zeros([BATCH, 5])));
        const ref = unrolled(config, weights, x, probes);
        stockSequences(config, weights, x).forEach((s, l) =>
          expectClose(tf.stack(ref.h[l], 1), s, 1e-5, `reference h ${l}`),
        );
        const expected = probedGradientNorms(config, weights, x, y);
        expected.forEach((e, l) =>
          expectClose(flat(inspection.gradientFlow[l], [STEPS]), tf.tensor(e), 1e-4, `flow ${l}`),
        );
      });
      tf.dispose(weights);
      engine.dispose();
    });
  }

  for (const c of CASES.filter((x) => x.activation === 'tanh')) {
    it(`${c.cell}: the Equations figure's terms give the engine's h_t (and c_t)`, async () => {
      for (const layer of [0, 1]) {
        const { weights, engine, input, inspection } = await setUp(c, layer);
        for (const [t, j] of [
          [0, 0],
          [1, 3],
          [3, 2],
          [STEPS - 1, 4],
        ]) {
          const eq = unitEquations(inspection, input.window, t, j);
          const at = `layer ${layer}, t ${t}, unit ${j}`;
          expect(Math.abs(eq.hidden.value - inspection.hidden[layer][t * 5 + j]), at).toBeLessThan(
            1e-5,
          );
          if (c.cell === 'lstm') {
            const cs = (inspection.cellState as Float32Array[])[layer][t * 5 + j];
            expect(Math.abs((eq.cellState?.value ?? NaN) - cs), at).toBeLessThan(1e-5);
          }
          for (const g of eq.gates) expect(g.pre).toBeCloseTo(g.input + g.recurrent + g.bias, 12);
        }
        tf.dispose(weights);
        engine.dispose();
      }
    });
  }

  it("returns the chosen layer's weights, a histogram of all of them, and leaks no tensor", async () => {
    const c: Case = { cell: 'lstm', activation: 'tanh', loss: 'mse' };
    const { config, weights, engine, input } = await setUp(c);
    const before = tf.memory().numTensors;
    const inspection = await inspectNetwork(engine, config, STEPS, { ...input, layer: 7 });
    expect(tf.memory().numTensors).toBe(before);
    expect(inspection.layer).toBe(1);
    expect(inspection.weights.inDim).toBe(5);
    expect(inspection.weights.kernel).toEqual(weights[3].dataSync());
    expect(inspection.weights.recurrent).toEqual(weights[4].dataSync());
    expect(inspection.weights.bias).toEqual(weights[5].dataSync());
    const { counts } = inspection.histogram;
    expect(counts).toHaveLength(HISTOGRAM_BINS);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(weights.reduce((a, w) => a + w.size, 0));
    const all = weights.flatMap((w) => [...w.dataSync()]);
    expect(inspection.histogram.min).toBe(Math.min(...all));
    expect(inspection.histogram.max).toBe(Math.max(...all));
    // Without a gradient batch: the same window figures, a flat zero gradient flow.
    const alone = await inspectNetwork(engine, config, STEPS, {
      ...input,
      batchX: new Float32Array(0),
      batchY: new Float32Array(0),
    });
    expect(alone.gradientBatch).toBe(0);
    tf.tidy(() =>
      alone.hidden.forEach((h, l) =>
        expectClose(flat(h, [STEPS * 5]), flat(inspection.hidden[l], [STEPS * 5]), 1e-6),
      ),
    );
    expect(alone.gradientFlow.every((g) => g.every((v) => v === 0))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    // An odd batch (no padding sample in the pass) against the probed reference.
    const odd = {
      ...input,
      batchX: input.batchX.slice(0, 3 * STEPS),
      batchY: input.batchY.slice(0, 3),
    };
    const three = await inspectNetwork(engine, config, STEPS, odd);
    tf.tidy(() => {
      const x = tf.tensor3d(odd.batchX, [3, STEPS, 1]);
      const expected = probedGradientNorms(config, weights, x, tf.tensor2d(odd.batchY, [3, 1]));
      expected.forEach((e, l) =>
        expectClose(flat(three.gradientFlow[l], [STEPS]), tf.tensor(e), 1e-4, `odd flow ${l}`),
      );
    });
    // The stock engine's weights give the same inspection.
    const stock = createLayersEngine(config, STEPS, weights, 1);
    const other = await inspectNetwork(stock, config, STEPS, { ...input, layer: 7 });
    expect(other.hidden).toEqual(inspection.hidden);
    expect(other.gradientFlow).toEqual(inspection.gradientFlow);
    stock.dispose();
    tf.dispose(weights);
    engine.dispose();
  });
});

describe('Cell.hiddenGrad', () => {
  // The kernel sets that run in Node (as stack.test.ts); the inspector above ran on the cpu loops.
  const sets: [string, FastKernels][] = [
    ['cpu JS loops', makeCpuKernels(false)],
    ['tfjs ops', opsKernels],
    ['wasm SIMD set', wasmSimdKernels],
    ['wasm set without SIMD', wasmOpsKernels],
    ['wasm reference', wasmReferenceKernels],
  ];
  for (const cellType of ['simpleRNN', 'lstm', 'gru'] as const) {
    it(`${cellType}: every kernel set gives the cpu loops' dLoss/dh_t`, () => {
      const config = configOf(3, 6, 'tanh', { cell: cellType });
      const weights = randomWeights(config, 3);
      const { x, y: dy } = randomBatch(4, 5, 8);
      const cell = createCell(cellType, 'tanh');
      const run = (kernels: FastKernels): tf.Tensor[] => {
        const stack = { cell, kernels };
        const w = weightsFromList(weights);
        const fwd = forward(stack, w, toTimeMajor(x), 5, null);
        const { dLast, dZ, dOut } = layerDeltas(stack, w, fwd, dy, 5, null);
        return fwd.layers.map((r, l) => {
          const d = dOut[l] ?? null;
          return cell.hiddenGrad(r, w.layers[l].recurrent, dZ[l], d, d ? null : dLast, 5, kernels);
        });
      };
      tf.tidy(() => {
        const expected = run(cpuKernels);
        for (const [name, kernels] of sets) {
          run(kernels).forEach((g, l) => expectClose(g, expected[l], 1e-5, `${name}: layer ${l}`));
        }
      });
      tf.dispose([x, dy, ...weights]);
    });
  }
});
