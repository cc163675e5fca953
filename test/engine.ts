/**
 * Helpers of the engine tests (src/model/engine/): seeded weights and batches, the stock model's
 * gradients, and a closeness check scaled to each tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { type Activation, type LossName, type TrainConfig } from '../src/model/core/config';
import { REFERENCE_CONFIG } from '../src/model/core/presets';
import { createRng } from '../src/model/core/rng';
import { weightShapes } from '../src/model/engine/fast/stack';
import { lossFunction } from '../src/model/engine/stock/network';

/** The reference config with `layers` × `units` and `activation`, dropout off unless `extra` says. */
export function configOf(
  layers: number,
  units: number,
  activation: Activation,
  extra: Partial<TrainConfig> = {},
): TrainConfig {
  return { ...REFERENCE_CONFIG, layers, units, activation, dropout: 0, ...extra };
}

/** Gates per unit of the config's cell. */
export const gatesOf = (config: TrainConfig): number =>
  config.cell === 'lstm' ? 4 : config.cell === 'gru' ? 3 : 1;

/** Seeded weights in Keras order for `inputs` values per step, scaled so tanh is neither linear nor saturated. */
export function randomWeights(config: TrainConfig, seed: number, inputs = 1): tf.Tensor[] {
  const rng = createRng(seed);
  return weightShapes(gatesOf(config), config.layers, config.units, inputs).map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const scale = 1.2 / Math.sqrt(shape[0]);
    return tf.tensor(
      Float32Array.from({ length: size }, () => rng.uniformRange(-scale, scale)),
      shape,
    );
  });
}

/** A seeded batch: x [b, steps, inputs] and y [b, 1], uniform in [0, 1). */
export function randomBatch(
  b: number,
  steps: number,
  seed: number,
  inputs = 1,
): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const rng = createRng(seed);
  const x = tf.tensor3d(
    Float32Array.from({ length: b * steps * inputs }, () => rng.uniform()),
    [b, steps, inputs],
  );
  const y = tf.tensor2d(
    Float32Array.from({ length: b }, () => rng.uniform()),
    [b, 1],
  );
  return { x, y };
}

/**
 * tfjs computes in float32 and the paths sum in different orders, so "equal" means:
 * |actual − expected| ≤ rtol · max|expected| + 1e-6 elementwise (relative to the tensor's scale; a
 * pure per-element relative test is meaningless for entries that are ~0).
 */
export function expectClose(actual: tf.Tensor, expected: tf.Tensor, rtol = 1e-5, label = ''): void {
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
export function stockGrads(
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
