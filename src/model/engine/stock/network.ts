/**
 * The stock TensorFlow.js model of a config: `tf.sequential` of recurrent layers (return sequences on all
 * but the last), a Dropout after each, and Dense(1) — the reference notebook's Keras model, layer for layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LossName, TrainConfig } from '../../core/config';
import { layerNames } from '../../core/modelMetadata';

/**
 * The training loss as a function of (labels, predictions) → scalar mean over the batch, as Keras:
 * mse, mae (mean absolute error), huber (δ = 1, `tf.losses.huberLoss`).
 */
export function lossFunction(name: LossName): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar {
  switch (name) {
    case 'mse':
      return (t, p) => tf.losses.meanSquaredError(t, p) as tf.Scalar;
    case 'mae':
      return (t, p) => tf.losses.absoluteDifference(t, p) as tf.Scalar;
    case 'huber':
      return (t, p) => tf.losses.huberLoss(t, p, undefined, 1) as tf.Scalar;
  }
}

/**
 * Gates use the sigmoid as Keras 2 (tfjs-layers defaults to hardSigmoid).
 * Builds (and compiles with Adam(lr) and the config's loss) the stacked model for inputs
 * [batch, timesteps, inputs]. With `zeroInit` the layers start from zeros instead of running tfjs's own
 * initialisers (the caller sets Keras-style weights from init.ts right after; this skips tfjs's slow
 * orthogonal QR). Layers are named as the page's model summary (`simple_rnn`, `dropout`, …, `dense`).
 * Caller disposes the model; the optimiser is returned alongside and is not owned by it.
 */
export function buildLayersModel(
  config: Pick<
    TrainConfig,
    'cell' | 'layers' | 'units' | 'activation' | 'dropout' | 'learningRate' | 'loss'
  >,
  timesteps: number,
  zeroInit = true,
  inputs = 1,
): { model: tfl.Sequential; optimizer: tf.Optimizer } {
  const model = tfl.sequential();
  const names = layerNames({ ...config, timesteps }, inputs);
  let next = 0;
  const init = zeroInit
    ? { kernelInitializer: 'zeros', recurrentInitializer: 'zeros' }
    : { kernelInitializer: 'glorotUniform', recurrentInitializer: 'orthogonal' };
  for (let l = 0; l < config.layers; l++) {
    const args = {
      units: config.units,
      activation: config.activation,
      returnSequences: l < config.layers - 1,
      name: names[next++],
      ...(l === 0 ? { inputShape: [timesteps, inputs] } : {}),
      ...init,
    } as const;
    const layer =
      config.cell === 'lstm'
        ? tfl.layers.lstm({ ...args, recurrentActivation: 'sigmoid', unitForgetBias: !zeroInit })
        : config.cell === 'gru'
          ? tfl.layers.gru({ ...args, recurrentActivation: 'sigmoid' })
          : tfl.layers.simpleRNN(args);
    model.add(layer);
    if (config.dropout > 0)
      model.add(tfl.layers.dropout({ rate: config.dropout, name: names[next++] }));
  }
  model.add(
    tfl.layers.dense({
      units: 1,
      kernelInitializer: zeroInit ? 'zeros' : 'glorotUniform',
      name: names[next],
    }),
  );
  const optimizer = tf.train.adam(config.learningRate);
  model.compile({ optimizer, loss: lossFunction(config.loss) });
  return { model, optimizer };
}
