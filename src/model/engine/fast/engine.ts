/**
 * The fast training engine: stacked SimpleRNN/LSTM/GRU + Dropout + Dense(1) trained with hand-written
 * backpropagation through time (fastRnnMath.ts, fastGated.ts) and tfjs's Adam rule (fastAdam.ts), so
 * it follows the stock tf.layers path step for step (same weights in, same gradients, same update
 * rule) with a fraction of the kernels. Weights live in Keras order and layout, so they move freely
 * between the two engines.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../../core/config';
import type { TrainingEngine } from '../contract';
import { forward, lossAndGradients, toTimeMajor, weightsFromList } from './stack';
import { createParamStore } from './paramStore';
import { gatedForward, gatedLossAndGradients } from './cells/gated';
import { createMaskSource } from '../masks';

/** Shapes of the Keras weight list for this config, in order. */
function weightShapes(config: TrainConfig): number[][] {
  const shapes: number[][] = [];
  const g = config.cell === 'lstm' ? 4 : config.cell === 'gru' ? 3 : 1;
  for (let l = 0; l < config.layers; l++) {
    const inDim = l === 0 ? 1 : config.units;
    shapes.push([inDim, g * config.units], [config.units, g * config.units], [g * config.units]);
  }
  shapes.push([config.units, 1], [1]);
  return shapes;
}

/**
 * Builds the fast BPTT engine. `weights` are in Keras order and layout (per layer kernel
 * [in, g·units], recurrent kernel [units, g·units], bias [g·units], g = 1 SimpleRNN, 4 LSTM,
 * 3 GRU; then Dense kernel [units, 1], bias [1]); they are copied, the caller keeps ownership.
 * `seed` drives the dropout masks (masks.ts: drawn in JS, so the same on every backend).
 */
export function createFastEngine(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  seed: number,
): TrainingEngine {
  const shapes = weightShapes(config);
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
  const store = createParamStore(shapes, weights, config.learningRate);
  const { activation, cell } = config;
  const makeMasks = createMaskSource(seed, {
    rate: config.dropout,
    layers: config.layers,
    units: config.units,
    timesteps,
  });

  const checkInput = (x: tf.Tensor3D): void => {
    if (x.shape[1] !== timesteps || x.shape[2] !== 1) {
      throw new Error(`Expected x of shape [b, ${timesteps}, 1], got [${x.shape}].`);
    }
  };

  return {
    name: 'fast',
    trainBatch(x, y) {
      checkInput(x);
      return tf.tidy(() => {
        const masks = makeMasks(x.shape[0]);
        const views = store.views();
        const { loss, grads } =
          cell === 'simpleRNN'
            ? lossAndGradients(weightsFromList(views), x, y, activation, config.loss, masks)
            : gatedLossAndGradients(cell, views, x, y, activation, config.loss, masks);
        store.step(grads);
        return loss;
      });
    },
    predict(x) {
      checkInput(x);
      return tf.tidy(() => {
        const views = store.views();
        return cell === 'simpleRNN'
          ? forward(weightsFromList(views), toTimeMajor(x), timesteps, activation, null).y
          : gatedForward(cell, views, x, activation, null).y;
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
