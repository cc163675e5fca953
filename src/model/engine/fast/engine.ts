/**
 * The fast training engine: stacked SimpleRNN/LSTM/GRU + Dropout + Dense(1) trained with hand-written
 * backpropagation through time (stack.ts driving a cell of cells/) and tfjs's Adam rule (adam.ts on
 * the flat store of paramStore.ts), so it follows the stock tf.layers path step for step (same weights
 * in, same gradients, same update rule) with a fraction of the kernels. Weights live in Keras order
 * and layout, so they move freely between the two engines. Where the kernels run a whole batch
 * themselves (FastKernels.batch: webgl SimpleRNN, LSTM), that trainer keeps the weights and Adam state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, CellType, TrainConfig } from '../../core/config';
import type { TrainingEngine } from '../contract';
import { createMaskArrays, maskTensors } from '../masks';
import { ACTIVATIONS } from './activations';
import type { Cell } from './cells/cell';
import { gruCell } from './cells/gru';
import { lstmCell } from './cells/lstm';
import { simpleRnnCell } from './cells/simpleRnn';
import { kernelsFor } from './kernels/index';
import { createParamStore } from './paramStore';
import {
  forward,
  lossAndGradients,
  toTimeMajor,
  weightShapes,
  weightsFromList,
  type Stack,
} from './stack';

/** The cell of `kind` with the layers' `activation` (gates use the sigmoid, as Keras 2). */
export function createCell(kind: CellType, activation: Activation): Cell {
  const act = ACTIVATIONS[activation];
  if (kind === 'lstm') return lstmCell(act);
  if (kind === 'gru') return gruCell(act);
  return simpleRnnCell(act);
}

/**
 * Builds the fast BPTT engine on the active tfjs backend, whose kernels (kernels/index.ts) it picks
 * once here. `weights` are in Keras order and layout (per layer kernel [in, g·units], recurrent kernel
 * [units, g·units], bias [g·units], g = 1 SimpleRNN, 4 LSTM, 3 GRU; then Dense kernel [units, 1],
 * bias [1]); they are copied, the caller keeps ownership. `seed` drives the dropout masks (masks.ts).
 * `inputs` is k, the values per time step (the first kernel's rows; x is [b, timesteps, k]).
 * Build a new engine after switching backends.
 */
export function createFastEngine(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  seed: number,
  inputs = 1,
): TrainingEngine<tf.Scalar, tf.Tensor2D> {
  const cell = createCell(config.cell, config.activation);
  const shapes = weightShapes(cell.gates, config.layers, config.units, inputs);
  const checkShapes = (ws: tf.Tensor[]): void => {
    if (ws.length !== shapes.length) {
      throw new Error(`Expected ${shapes.length} weight tensors, got ${ws.length}.`);
    }
    ws.forEach((w, i) => {
      if (w.shape.join() !== shapes[i].join()) {
        throw new Error(`Weight ${i} has shape [${w.shape}], expected [${shapes[i]}].`);
      }
    });
  };
  checkShapes(weights);
  const stack: Stack = { cell, kernels: kernelsFor(tf.getBackend()) };
  // A whole batch in a few shaders where the kernels have that (webgl SimpleRNN, LSTM); it keeps the
  // weights, and batches of other shapes run through the stack driver on its views.
  const whole =
    stack.kernels.batch?.(
      {
        cell: config.cell,
        activation: ACTIVATIONS[config.activation],
        loss: config.loss,
        layers: config.layers,
        units: config.units,
        inputs,
        timesteps,
        learningRate: config.learningRate,
      },
      weights,
    ) ?? null;
  const store = whole ?? createParamStore(shapes, weights, config.learningRate, stack.kernels);
  const maskSpec = { rate: config.dropout, layers: config.layers, units: config.units, timesteps };
  const drawMasks = createMaskArrays(seed, maskSpec);

  const checkInput = (x: tf.Tensor3D): void => {
    if (x.shape[1] !== timesteps || x.shape[2] !== inputs) {
      throw new Error(`Expected x of shape [b, ${timesteps}, ${inputs}], got [${x.shape}].`);
    }
  };

  return {
    name: 'fast',
    trainBatch(x, y) {
      checkInput(x);
      return tf.tidy(() => {
        const b = x.shape[0];
        if (whole?.applies(b)) return whole.trainBatch(x, y, drawMasks(b));
        const masks = maskTensors(drawMasks(b), maskSpec, b);
        const weightViews = weightsFromList(store.views());
        const { loss, grads } = lossAndGradients(stack, weightViews, x, y, config.loss, masks);
        store.step(grads);
        return loss;
      });
    },
    predict(x) {
      checkInput(x);
      return tf.tidy(() => {
        const weightViews = weightsFromList(store.views());
        // An odd count would leave webgl's wavefronts (packed shaders, even batches) for per-step
        // kernels (the gated cells: tfjs ops): one repeated window evens it, its output dropped.
        const n = x.shape[0];
        const k = stack.kernels;
        const pad =
          n % 2 === 1 && !cell.stack?.(k, n, config.units) && cell.stack?.(k, n + 1, config.units);
        const xs = pad ? tf.concat([x, tf.slice(x, [n - 1, 0, 0], [1, -1, -1])]) : x;
        const y = forward(stack, weightViews, toTimeMajor(xs), timesteps, null).y;
        return pad ? tf.slice(y, [0, 0], [n, 1]) : y;
      });
    },
    getWeights: () => store.read(),
    setWeights(ws) {
      checkShapes(ws);
      store.write(ws);
    },
    dispose: () => store.dispose(),
  };
}
