/**
 * The stock path: a `tf.layers` model trained by taped autodiff (`optimizer.minimize`), the reference
 * the fast path is checked against.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainConfig } from '../../core/config';
import type { TrainingEngine } from '../contract';
import { buildLayersModel, lossFunction } from './network';
import { createRng, deriveSeed, DROPOUT_STREAM } from '../../core/rng';

/**
 * Builds the stock engine. `weights` (Keras order and layout) are copied; the caller keeps them.
 * Dropout masks are drawn from the seeded JS generator, in the fast path's order (time-major per
 * layer), instead of tfjs's unseeded Dropout layer, so runs are reproducible.
 */
export function createLayersEngine(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  seed: number,
): TrainingEngine {
  const { model, optimizer } = buildLayersModel(config, timesteps);
  model.setWeights(weights);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = lossFunction(config.loss);
  const rng = createRng(deriveSeed(seed, DROPOUT_STREAM));
  const rate = config.dropout;
  const { units } = config;

  /** Inverted-dropout mask for the output of recurrent layer `l` (batch-major shape). */
  const mask = (l: number, b: number): tf.Tensor => {
    const last = l === config.layers - 1;
    const rows = last ? b : timesteps * b;
    const keep = 1 / (1 - rate);
    const values = new Float32Array(rows * units);
    for (let i = 0; i < values.length; i++) values[i] = rng.uniform() >= rate ? keep : 0;
    if (last) return tf.tensor2d(values, [b, units]);
    return tf.transpose(tf.tensor3d(values, [timesteps, b, units]), [1, 0, 2]);
  };

  /** Forward pass layer by layer; dropout layers use the seeded masks when training. */
  const run = (x: tf.Tensor3D, training: boolean): tf.Tensor2D => {
    let h: tf.Tensor = x;
    let recurrent = 0;
    for (const layer of model.layers as tfl.layers.Layer[]) {
      if (layer.getClassName() === 'Dropout') {
        if (training && rate > 0) h = tf.mul(h, mask(recurrent - 1, x.shape[0]));
        continue;
      }
      h = layer.apply(h) as tf.Tensor;
      if (layer.getClassName() !== 'Dense') recurrent++;
    }
    return h as tf.Tensor2D;
  };

  return {
    name: 'layers',
    trainBatch(x, y) {
      return tf.tidy(() => {
        const cost = optimizer.minimize(() => loss(y, run(x, true)), true, vars);
        return cost as tf.Scalar;
      });
    },
    predict(x) {
      return tf.tidy(() => run(x, false));
    },
    getWeights() {
      return model.getWeights().map((w) => w.clone());
    },
    setWeights(ws) {
      model.setWeights(ws);
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
    },
  };
}
