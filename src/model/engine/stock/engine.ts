/**
 * The stock path: a `tf.layers` model trained by taped autodiff (`optimizer.minimize`), the reference
 * the fast path is checked against.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainConfig } from '../../core/config';
import type { TrainingEngine } from '../contract';
import { createMaskSource, type DropoutMasks } from '../masks';
import { buildLayersModel, lossFunction } from './network';

/**
 * Builds the stock engine for x [b, timesteps, inputs]. `weights` (Keras order and layout) are copied; the caller keeps them.
 * Dropout masks come from the seeded source both engines share (masks.ts) instead of tfjs's unseeded
 * Dropout layer, so runs are reproducible and a seed gives both engines the same masks.
 */
export function createLayersEngine(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  seed: number,
  inputs = 1,
): TrainingEngine<tf.Scalar, tf.Tensor2D> {
  const { model, optimizer } = buildLayersModel(config, timesteps, true, inputs);
  model.setWeights(weights);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const loss = lossFunction(config.loss);
  const drawMasks = createMaskSource(seed, {
    rate: config.dropout,
    layers: config.layers,
    units: config.units,
    timesteps,
  });

  /** Time-major [T·b, units] (as masks.ts draws it) → batch-major [b, T, units]. */
  const batchMajor = (mask: tf.Tensor2D, b: number): tf.Tensor =>
    tf.transpose(tf.reshape(mask, [timesteps, b, config.units]), [1, 0, 2]);

  /** Forward pass layer by layer; each Dropout layer multiplies by its mask (none: inference). */
  const run = (x: tf.Tensor3D, masks: DropoutMasks): tf.Tensor2D => {
    let h: tf.Tensor = x;
    let recurrent = 0;
    for (const layer of model.layers as tfl.layers.Layer[]) {
      if (layer.getClassName() === 'Dropout') {
        const l = recurrent - 1;
        if (masks) {
          h = tf.mul(h, l === config.layers - 1 ? masks[l] : batchMajor(masks[l], x.shape[0]));
        }
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
        const masks = drawMasks(x.shape[0]);
        const cost = optimizer.minimize(() => loss(y, run(x, masks)), true, vars);
        return cost as tf.Scalar;
      });
    },
    predict(x) {
      return tf.tidy(() => run(x, null));
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
