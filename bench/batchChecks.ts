/**
 * webgl only: the whole-batch SimpleRNN path (src/model/engine/fast/kernels/webgl/batch.ts) checked
 * where it runs. `checkWholeBatch`: its loss and gradients against the plain tfjs-ops kernels through
 * the stack driver, on cases covering 1–4 layers, dropout on and off, 1 and 3 inputs, each loss and
 * each activation, one and several partial textures. `countWholeBatchDraws`: the WebGL draws of one
 * training batch of the fast engine on tiny configurations, for e2e/kernels.spec.ts to compare with
 * the formula. Not part of the app.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, LossName } from '../src/model/core/config';
import { createMaskArrays, maskTensors } from '../src/model/engine/masks';
import { ACTIVATIONS } from '../src/model/engine/fast/activations';
import { createCell, createFastEngine } from '../src/model/engine/fast/engine';
import { opsKernelsFor } from '../src/model/engine/fast/kernels/index';
import { webglWholeBatch } from '../src/model/engine/fast/kernels/webgl/batch';
import { webglGruBatch } from '../src/model/engine/fast/kernels/webgl/batchGru';
import { webglLstmBatch } from '../src/model/engine/fast/kernels/webgl/batchLstm';
import { createArrayStore } from '../src/model/engine/fast/paramStore';
import { lossAndGradients, weightsFromList } from '../src/model/engine/fast/stack';
import { webglTotals } from '../src/model/engine/glCounts';
import { initialWeights } from '../src/model/engine/init';
import { deviation } from './checks';
import { CONFIG, TIMESTEPS, type BenchData } from './core';
import type { DrawCount } from './protocol';

/** The cells with a whole-batch path on webgl, and their factories. */
export type WholeBatchCell = 'simpleRNN' | 'lstm' | 'gru';
const FACTORIES = { simpleRNN: webglWholeBatch, lstm: webglLstmBatch, gru: webglGruBatch };

interface BatchCase {
  b: number;
  layers: number;
  units: number;
  activation: Activation;
  loss: LossName;
  dropout: boolean;
  inputs: number;
  timesteps: number;
}

const CASES: readonly BatchCase[] = [
  {
    b: 20,
    layers: 4,
    units: 50,
    activation: 'tanh',
    loss: 'mse',
    dropout: true,
    inputs: 1,
    timesteps: TIMESTEPS,
  },
  {
    b: 20,
    layers: 4,
    units: 50,
    activation: 'tanh',
    loss: 'mse',
    dropout: false,
    inputs: 1,
    timesteps: TIMESTEPS,
  },
  {
    b: 6,
    layers: 1,
    units: 8,
    activation: 'relu',
    loss: 'mae',
    dropout: true,
    inputs: 3,
    timesteps: TIMESTEPS,
  },
  {
    b: 6,
    layers: 2,
    units: 6,
    activation: 'tanh',
    loss: 'huber',
    dropout: false,
    inputs: 3,
    timesteps: 5,
  },
  {
    b: 4,
    layers: 3,
    units: 50,
    activation: 'relu',
    loss: 'huber',
    dropout: true,
    inputs: 1,
    timesteps: 12,
  },
  {
    b: 20,
    layers: 4,
    units: 50,
    activation: 'tanh',
    loss: 'mae',
    dropout: true,
    inputs: 3,
    timesteps: TIMESTEPS,
  },
];

/**
 * The whole-batch path's loss and gradients against tfjs ops (the stack driver), largest deviation
 * relative to each tensor's largest magnitude. Masks from the engines' own source, rate 0.2.
 */
export function checkWholeBatch(data: BenchData, cell: WholeBatchCell = 'simpleRNN'): number {
  let worst = 0;
  for (const c of CASES) {
    const config = { ...CONFIG, cell, layers: c.layers, units: c.units, activation: c.activation };
    const weights = initialWeights(config, c.inputs, CONFIG.seed);
    const spec = { rate: 0.2, layers: c.layers, units: c.units, timesteps: c.timesteps };
    const arrays = c.dropout ? createMaskArrays(CONFIG.seed, spec)(c.b) : null;
    const whole = FACTORIES[cell](
      {
        cell,
        activation: ACTIVATIONS[c.activation],
        loss: c.loss,
        layers: c.layers,
        units: c.units,
        inputs: c.inputs,
        timesteps: c.timesteps,
        learningRate: CONFIG.learningRate,
      },
      weights,
    );
    if (!whole) throw new Error(`the whole-batch path refused ${JSON.stringify(c)}`);
    tf.tidy(() => {
      const size = c.b * c.timesteps * c.inputs;
      const x = tf.tensor3d(data.x.subarray(0, size), [c.b, c.timesteps, c.inputs]);
      const y = tf.tensor2d(data.y.subarray(0, c.b), [c.b, 1]);
      const stack = {
        cell: createCell(cell, c.activation),
        kernels: opsKernelsFor('webgl'),
      };
      const masks = maskTensors(arrays, spec, c.b);
      const ref = lossAndGradients(stack, weightsFromList(weights), x, y, c.loss, masks);
      const got = whole.gradients(x, y, arrays);
      const pairs = [got.loss, ...got.grads].map((t, i): [ArrayLike<number>, ArrayLike<number>] => [
        t.dataSync(),
        (i === 0 ? ref.loss : ref.grads[i - 1]).dataSync(),
      ]);
      worst = Math.max(worst, deviation(pairs));
    });
    whole.dispose();
    tf.dispose(weights);
  }
  return worst;
}

/**
 * The whole-batch path's one-draw Adam on its packed state against the array store (JS Adam) over
 * three steps with the same random gradients, as checks.ts's checkAdam: largest deviation of the
 * weight change relative to the largest change; learning rate 0.05 so the change dwarfs float32
 * rounding. (Three whole training steps against tfjs ops deviate by ~2e-3 on webgl, the old path's
 * too: Adam's first steps move every weight by ±lr whatever the gradient's size, so float noise in
 * a near-zero gradient shows in full.)
 */
export function checkWholeBatchAdam(cell: WholeBatchCell = 'simpleRNN'): number {
  const config = { ...CONFIG, cell, inputs: 3 };
  const weights = initialWeights(config, config.inputs, CONFIG.seed);
  const whole = FACTORIES[cell](
    {
      cell,
      activation: ACTIVATIONS[config.activation],
      loss: config.loss,
      layers: config.layers,
      units: config.units,
      inputs: config.inputs,
      timesteps: TIMESTEPS,
      learningRate: 0.05,
    },
    weights,
  );
  if (!whole) throw new Error('the whole-batch path refused the reference configuration');
  const ref = createArrayStore(
    weights.map((w) => w.shape),
    weights,
    0.05,
  );
  for (let step = 1; step <= 3; step++) {
    const grads = weights.map((w, i) => tf.randomNormal(w.shape, 0, 1 / step, 'float32', step + i));
    for (const store of [whole, ref]) tf.tidy(() => store.step(grads));
    tf.dispose(grads);
  }
  const w0 = weights.map((w) => w.dataSync());
  const change = (ws: tf.Tensor[]): number[] =>
    ws.flatMap((w, i) => Array.from(w.dataSync(), (v, j) => v - w0[i][j]));
  const [a, b] = [whole.read(), ref.read()];
  const result = deviation([[change(a), change(b)]]);
  tf.dispose([...weights, ...a, ...b]);
  whole.dispose();
  ref.dispose();
  return result;
}

/** Tiny configurations for the draw count: shaders compile slowly on software WebGL. */
const DRAW_CASES = [
  { timesteps: 3, layers: 2, units: 4, inputs: 1, dropout: 0.2, b: 6 },
  { timesteps: 4, layers: 1, units: 2, inputs: 2, dropout: 0, b: 6 },
  { timesteps: 15, layers: 2, units: 4, inputs: 1, dropout: 0.2, b: 6 },
];

/** The draws of the fast engine's second and third training batch on each tiny configuration. */
export function countWholeBatchDraws(cell: WholeBatchCell = 'simpleRNN'): DrawCount[] {
  return DRAW_CASES.map(({ timesteps, layers, units, inputs, dropout, b }) => {
    const config = { ...CONFIG, cell, layers, units, dropout, timesteps };
    const weights = initialWeights(config, inputs, CONFIG.seed);
    const engine = createFastEngine(config, timesteps, weights, CONFIG.seed, inputs);
    tf.dispose(weights);
    const draws: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const x = tf.randomUniform([b, timesteps, inputs], 0, 1, 'float32', batch);
      const values = x.dataSync();
      x.dispose();
      // Fresh host tensors, as the training loop makes them: their uploads count.
      const xs = tf.tensor3d(values, [b, timesteps, inputs]);
      const ys = tf.tensor2d(values.subarray(0, b), [b, 1]);
      const before = webglTotals().draws;
      const loss = engine.trainBatch(xs, ys);
      draws.push(webglTotals().draws - before);
      tf.dispose([xs, ys, loss as tf.Tensor]);
    }
    engine.dispose();
    return { timesteps, layers, units, inputs, dropout, b, draws: draws.slice(1) };
  });
}
