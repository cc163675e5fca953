/**
 * The fast BPTT engine against the stock tf.layers model (the reference): same weights in, same
 * outputs, gradients and Adam updates out. tfjs computes in float32 and the two paths sum in different
 * orders, so "equal" means: |fast − stock| ≤ 1e-5 · max|stock| + 1e-6 elementwise (relative to each
 * tensor's scale; a pure per-element relative test is meaningless for entries that are ~0).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REFERENCE_CONFIG,
  type Activation,
  type LossName,
  type TrainConfig,
} from '../../core/config';
import { createFastEngine } from './engine';
import { createParamStore } from './paramStore';
import { gatedLossAndGradients } from './cells/gated';
import { cpuKernels, makeCpuKernels } from './kernels/cpu';
import { kernelsFor, opsKernels } from './kernels/index';
import { lossAndGradients, weightsFromList } from './stack';
import type { TrainingEngine } from '../contract';
import { createLayersEngine } from '../stock/engine';
import { buildLayersModel, lossFunction } from '../stock/network';
import { createRng } from '../../core/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function configOf(
  layers: number,
  units: number,
  activation: Activation,
  extra: Partial<TrainConfig> = {},
): TrainConfig {
  return { ...REFERENCE_CONFIG, layers, units, activation, dropout: 0, ...extra };
}

/** The stock reference (network.ts): SimpleRNN ×n → Dropout → Dense(1), compiled with tf.train.adam(lr). */
function stockModel(config: TrainConfig, steps: number): tfl.Sequential {
  return buildLayersModel(config, steps).model;
}

/** Seeded weights in Keras order, scaled so tanh is neither linear nor saturated. */
function randomWeights(config: TrainConfig, seed: number): tf.Tensor[] {
  const rng = createRng(seed);
  const shapes: number[][] = [];
  const g = config.cell === 'lstm' ? 4 : config.cell === 'gru' ? 3 : 1;
  for (let l = 0; l < config.layers; l++) {
    const inDim = l === 0 ? 1 : config.units;
    shapes.push([inDim, g * config.units], [config.units, g * config.units], [g * config.units]);
  }
  shapes.push([config.units, 1], [1]);
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const scale = 1.2 / Math.sqrt(shape[0]);
    return tf.tensor(
      Float32Array.from({ length: size }, () => rng.uniformRange(-scale, scale)),
      shape,
    );
  });
}

function randomBatch(b: number, steps: number, seed: number): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const rng = createRng(seed);
  const x = tf.tensor3d(
    Float32Array.from({ length: b * steps }, () => rng.uniform()),
    [b, steps, 1],
  );
  const y = tf.tensor2d(
    Float32Array.from({ length: b }, () => rng.uniform()),
    [b, 1],
  );
  return { x, y };
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor, rtol = 1e-5, label = ''): void {
  expect(actual.shape, label).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let scale = 0;
  for (const v of e) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < e.length; i++) worst = Math.max(worst, Math.abs(a[i] - e[i]) - rtol * scale);
  expect(
    worst,
    `${label}: max excess error over ${rtol}·${scale.toExponential(2)}`,
  ).toBeLessThanOrEqual(1e-6);
}

/** Gradients of the stock model (autodiff over the taped layers), in Keras weight order. */
function stockGrads(
  model: tfl.Sequential,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  loss: LossName,
): tf.Tensor[] {
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(
    () => lossFunction(loss)(y, model.apply(x, { training: false }) as tf.Tensor),
    vars,
  );
  return vars.map((v) => grads[v.name]);
}

const CASES: {
  layers: number;
  units: number;
  steps: number;
  b: number;
  activation: Activation;
  loss: LossName;
}[] = [
  { layers: 1, units: 5, steps: 7, b: 3, activation: 'tanh', loss: 'mse' },
  { layers: 1, units: 8, steps: 1, b: 2, activation: 'relu', loss: 'mse' },
  { layers: 2, units: 6, steps: 9, b: 4, activation: 'tanh', loss: 'mae' },
  { layers: 2, units: 7, steps: 5, b: 3, activation: 'relu', loss: 'huber' },
  { layers: 4, units: 10, steps: 12, b: 5, activation: 'tanh', loss: 'mse' },
  { layers: 4, units: 6, steps: 8, b: 2, activation: 'relu', loss: 'mse' },
  { layers: 4, units: 12, steps: 16, b: 4, activation: 'tanh', loss: 'huber' },
];

describe('fast path equals the stock tf.layers path (dropout off)', () => {
  for (const c of CASES) {
    it(`${c.layers} × SimpleRNN(${c.units}, ${c.activation}), T=${c.steps}, b=${c.b}, ${c.loss}: outputs and every gradient`, () => {
      const config = configOf(c.layers, c.units, c.activation, { loss: c.loss });
      const weights = randomWeights(config, 7 + c.layers);
      const { x, y } = randomBatch(c.b, c.steps, 99);
      const model = stockModel(config, c.steps);
      model.setWeights(weights);
      const engine = createFastEngine(config, c.steps, weights, 1);

      const stockOut = model.predict(x) as tf.Tensor;
      const fastOut = engine.predict(x);
      expectClose(fastOut, stockOut, 1e-5, 'output');

      const expected = stockGrads(model, x, y, c.loss);
      // The kernel sets that run in Node: the cpu loops (what the cpu backend uses; WebAssembly SIMD
      // products, and the JS fallback without SIMD) and the tfjs-ops version (what wasm uses). The
      // webgl shaders are checked in the browser bench (--check).
      for (const [name, rec] of [
        ['cpu loops', cpuKernels],
        ['cpu JS loops', makeCpuKernels(false)],
        ['tfjs ops', opsKernels],
        ['wasm set (tfjs products, SIMD recurrences)', kernelsFor('wasm')],
      ] as const) {
        const actual = tf.tidy(() => {
          const r = lossAndGradients(
            weightsFromList(weights),
            x,
            y,
            c.activation,
            c.loss,
            null,
            rec,
          );
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
    });
  }
});

describe('training steps', () => {
  it('after a few Adam steps the weights still match model.trainOnBatch with tf.train.adam', async () => {
    const config = configOf(2, 6, 'tanh', { learningRate: 0.01 });
    const steps = 6;
    const weights = randomWeights(config, 3);
    const model = stockModel(config, steps);
    model.setWeights(weights);
    const engine = createFastEngine(config, steps, weights, 1);
    for (let i = 0; i < 4; i++) {
      const { x, y } = randomBatch(4, steps, 100 + i);
      const stockLoss = (await model.trainOnBatch(x, y)) as number;
      const fastLoss = engine.trainBatch(x, y);
      expect(fastLoss.dataSync()[0]).toBeCloseTo(stockLoss, 5);
      tf.dispose([x, y, fastLoss]);
    }
    const fastW = engine.getWeights();
    const stockW = model.getWeights();
    fastW.forEach((w, i) => expectClose(w, stockW[i], 1e-4, `weight ${i}`));
    tf.dispose([...fastW, ...weights]);
    engine.dispose();
    model.dispose();
  });

  for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
    it(`${cell} with dropout: one seed gives one loss curve, and the stock engine with that seed gives the same curve`, async () => {
      const steps = 10;
      const config = configOf(2, 8, 'tanh', { dropout: 0.2, learningRate: 0.01, cell });
      // A noisy sine in (0, 1), windows of 10 → next value.
      const rng = createRng(5);
      const series = Array.from(
        { length: 170 },
        (_, i) => 0.5 + 0.4 * Math.sin(i / 6) + 0.03 * rng.normal(),
      );
      const n = series.length - steps;
      const xs = new Float32Array(n * steps);
      const ys = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        for (let t = 0; t < steps; t++) xs[i * steps + t] = series[i + t];
        ys[i] = series[i + steps];
      }
      const batches: { x: tf.Tensor3D; y: tf.Tensor2D }[] = [];
      for (let i = 0; i + 16 <= n; i += 16) {
        batches.push({
          x: tf.tensor3d(xs.subarray(i * steps, (i + 16) * steps), [16, steps, 1]),
          y: tf.tensor2d(ys.subarray(i, i + 16), [16, 1]),
        });
      }
      const weights = randomWeights(config, 11);
      const runCurve = (engine: TrainingEngine): number[] => {
        const curve: number[] = [];
        for (let epoch = 0; epoch < 6; epoch++) {
          let sum = 0;
          for (const b of batches) {
            const l = engine.trainBatch(b.x, b.y);
            sum += l.dataSync()[0];
            l.dispose();
          }
          curve.push(sum / batches.length);
        }
        engine.dispose();
        return curve;
      };
      const runFast = (seed: number): number[] =>
        runCurve(createFastEngine(config, steps, weights, seed));
      const a = runFast(42);
      expect(runFast(42)).toEqual(a);
      expect(runFast(43)).not.toEqual(a);

      // The stock engine (layersEngine.ts) draws the same seeded masks in the same order, so with one
      // seed both paths see identical dropout and their curves agree to float32 noise.
      const stock = runCurve(createLayersEngine(config, steps, weights, 42));
      expect(a[5]).toBeLessThan(a[0] * 0.5);
      for (let e = 0; e < 6; e++) expect(Math.abs(a[e] - stock[e])).toBeLessThan(1e-3 * stock[e]);
      tf.dispose([...weights, ...batches.flatMap((b) => [b.x, b.y])]);
    });
  }

  for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
    it(`${cell}: keeps the tensor count flat across steps and returns to it after dispose`, () => {
      const config = configOf(3, 5, 'tanh', { dropout: 0.3, cell });
      const weights = randomWeights(config, 1);
      const { x, y } = randomBatch(4, 6, 2);
      const before = tf.memory().numTensors;
      const engine = createFastEngine(config, 6, weights, 9);
      engine.trainBatch(x, y).dispose(); // the first step creates Adam's slots
      const afterFirst = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) engine.trainBatch(x, y).dispose();
      engine.predict(x).dispose();
      tf.dispose(engine.getWeights());
      expect(tf.memory().numTensors).toBe(afterFirst);
      engine.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y, ...weights]);
    });
  }

  it('rejects weights of the wrong shape', () => {
    const config = configOf(1, 4, 'tanh');
    const weights = randomWeights(configOf(1, 5, 'tanh'), 1);
    expect(() => createFastEngine(config, 3, weights, 1)).toThrow(/shape/);
    tf.dispose(weights);
  });
});

describe('createParamStore (flat Adam)', () => {
  it('both stores follow tf.train.adam step for step', () => {
    const shapes = [[3, 4], [4], [2, 1]];
    const rng = createRng(8);
    const rand = (shape: number[]): tf.Tensor =>
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
        shape,
      );
    const initial = shapes.map(rand);
    const gradSteps = Array.from({ length: 5 }, () => shapes.map(rand));
    const vars = initial.map((w) => tf.variable(w));
    const adam = tf.train.adam(0.01);
    for (const grads of gradSteps) {
      adam.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    }
    for (const kind of ['array', 'tensor'] as const) {
      const store = createParamStore(shapes, initial, 0.01, kind);
      for (const grads of gradSteps) tf.tidy(() => store.step(grads));
      const got = store.read();
      got.forEach((w, i) => expectClose(w, vars[i], 1e-6, `${kind} store, weight ${i}`));
      tf.dispose(got);
      store.dispose();
    }
    adam.dispose();
    tf.dispose([...vars, ...initial, ...gradSteps.flat()]);
  });
});

// (T = 1 is left out for the gated cells: the stock path's own autodiff throws there, in tfjs's
// Unpack gradient, so there is no reference to compare with.)
describe('LSTM and GRU on the fast path equal the stock path (dropout off)', () => {
  const cases = [
    { cell: 'lstm', layers: 1, units: 5, steps: 6, b: 3, activation: 'tanh', loss: 'mse' },
    { cell: 'lstm', layers: 3, units: 6, steps: 7, b: 4, activation: 'relu', loss: 'huber' },
    { cell: 'gru', layers: 1, units: 5, steps: 6, b: 3, activation: 'tanh', loss: 'mse' },
    { cell: 'gru', layers: 3, units: 6, steps: 7, b: 4, activation: 'relu', loss: 'mae' },
    { cell: 'gru', layers: 2, units: 4, steps: 2, b: 2, activation: 'tanh', loss: 'mse' },
  ] as const;
  for (const c of cases) {
    it(`${c.layers} × ${c.cell}(${c.units}, ${c.activation}), T=${c.steps}: output, loss and every gradient`, () => {
      const config = configOf(c.layers, c.units, c.activation, { loss: c.loss, cell: c.cell });
      const weights = randomWeights(config, 21 + c.layers);
      const { x, y } = randomBatch(c.b, c.steps, 5);
      const model = stockModel(config, c.steps);
      model.setWeights(weights);
      const stockOut = model.predict(x) as tf.Tensor;
      const expected = stockGrads(model, x, y, c.loss);
      for (const [name, k] of [
        ['cpu loops', cpuKernels],
        ['tfjs ops', opsKernels],
      ] as const) {
        const actual = tf.tidy(() => {
          const r = gatedLossAndGradients(c.cell, weights, x, y, c.activation, c.loss, null, k);
          expectClose(r.y, stockOut, 1e-5, `${name}: output`);
          expectClose(r.loss, lossFunction(c.loss)(y, stockOut), 1e-5, `${name}: loss`);
          return r.grads;
        });
        actual.forEach((g, i) =>
          expectClose(g, expected[i], 1e-5, `${name}: gradient ${i} [${g.shape}]`),
        );
        tf.dispose(actual);
      }
      tf.dispose([stockOut, x, y, ...weights, ...expected]);
      model.dispose();
    });
  }
});
