/**
 * References for the inspector's tests (src/model/engine/inspect.test.ts): every layer's sequence
 * from the stock tf.layers cells, and the same network unrolled step by step in plain differentiable
 * tfjs ops (Keras's formulas), with a "probe" added to every h_t so that tf.grads gives ∂loss/∂h_t.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { TrainConfig } from '../src/model/core/config';
import { lossFunction } from '../src/model/engine/stock/network';

/**
 * Every recurrent layer's output sequence [b, T, u] for x [b, T, 1], from a tf.layers stack with
 * `returnSequences` on every layer (built as stock/network.ts builds its layers) and `weights` in
 * Keras order (the Dense weights at the end are ignored). Caller disposes.
 */
export function stockSequences(
  config: TrainConfig,
  weights: tf.Tensor[],
  x: tf.Tensor3D,
): tf.Tensor3D[] {
  const model = tfl.sequential();
  for (let l = 0; l < config.layers; l++) {
    const args = {
      units: config.units,
      activation: config.activation,
      returnSequences: true,
      kernelInitializer: 'zeros',
      recurrentInitializer: 'zeros',
      ...(l === 0 ? { inputShape: [x.shape[1], 1] } : {}),
    } as const;
    model.add(
      config.cell === 'lstm'
        ? tfl.layers.lstm({ ...args, recurrentActivation: 'sigmoid' })
        : config.cell === 'gru'
          ? tfl.layers.gru({ ...args, recurrentActivation: 'sigmoid' })
          : tfl.layers.simpleRNN(args),
    );
  }
  model.setWeights(weights.slice(0, 3 * config.layers));
  const outs: tf.Tensor3D[] = [];
  let h: tf.Tensor = x;
  for (const layer of model.layers) {
    h = layer.apply(h) as tf.Tensor;
    outs.push(h as tf.Tensor3D);
  }
  model.dispose();
  return outs;
}

const act = (config: TrainConfig, x: tf.Tensor): tf.Tensor =>
  config.activation === 'relu' ? tf.relu(x) : tf.tanh(x);

/** Column block g of width u of a [rows, g·u] matrix or [g·u] vector. */
const block = (m: tf.Tensor, g: number, u: number): tf.Tensor =>
  m.rank === 1 ? tf.slice(m, [g * u], [u]) : tf.slice(m, [0, g * u], [m.shape[0], u]);

/**
 * The network unrolled in tfjs ops on x [b, T, 1] with `probes[l][t]` [b, u] added to each h_t.
 * Returns the output [b, 1], every h_t (probe included) and LSTM's c_t, per layer and step.
 */
export function unrolled(
  config: TrainConfig,
  weights: tf.Tensor[],
  x: tf.Tensor3D,
  probes: tf.Tensor[][],
): { y: tf.Tensor; h: tf.Tensor[][]; c: tf.Tensor[][] } {
  const [b, steps] = x.shape;
  const u = config.units;
  let inputs = Array.from({ length: steps }, (_, t) =>
    tf.reshape(tf.slice(x, [0, t, 0], [b, 1, 1]), [b, 1]),
  );
  const hs: tf.Tensor[][] = [];
  const cs: tf.Tensor[][] = [];
  for (let l = 0; l < config.layers; l++) {
    const [W, U, bias] = weights.slice(3 * l, 3 * l + 3);
    let h: tf.Tensor = tf.zeros([b, u]);
    let c: tf.Tensor = tf.zeros([b, u]);
    hs.push([]);
    cs.push([]);
    for (let t = 0; t < steps; t++) {
      const xt = inputs[t];
      if (config.cell === 'lstm') {
        const z = tf.add(tf.add(tf.matMul(xt, W), tf.matMul(h, U)), bias);
        const [i, f, g, o] = [0, 1, 2, 3].map((q) => block(z, q, u));
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), act(config, g)));
        h = tf.mul(tf.sigmoid(o), act(config, c));
        cs[l].push(c);
      } else if (config.cell === 'gru') {
        const gate = (q: number, hIn: tf.Tensor): tf.Tensor =>
          tf.add(
            tf.add(tf.matMul(xt, block(W, q, u)), tf.matMul(hIn, block(U, q, u))),
            block(bias, q, u),
          );
        const z = tf.sigmoid(gate(0, h));
        const r = tf.sigmoid(gate(1, h));
        const hh = act(config, gate(2, tf.mul(r, h)));
        h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
      } else {
        h = act(config, tf.add(tf.add(tf.matMul(xt, W), tf.matMul(h, U)), bias));
      }
      h = tf.add(h, probes[l][t]);
      hs[l].push(h);
    }
    inputs = hs[l];
  }
  const n = config.layers;
  const y = tf.add(tf.matMul(hs[n - 1][steps - 1], weights[3 * n]), weights[3 * n + 1]);
  return { y, h: hs, c: cs };
}

/** ‖∂loss/∂h_t‖ per layer and step (over the batch and units) of the unrolled network on (x, y). */
export function probedGradientNorms(
  config: TrainConfig,
  weights: tf.Tensor[],
  x: tf.Tensor3D,
  yTrue: tf.Tensor2D,
): number[][] {
  const [b, steps] = x.shape;
  const n = config.layers;
  const probes = Array.from({ length: n * steps }, () => tf.zeros([b, config.units]));
  const loss = (...ps: tf.Tensor[]): tf.Scalar => {
    const grid = Array.from({ length: n }, (_, l) => ps.slice(l * steps, (l + 1) * steps));
    return lossFunction(config.loss)(yTrue, unrolled(config, weights, x, grid).y);
  };
  const grads = tf.grads(loss)(probes);
  const normTensors = grads.map((g) => tf.norm(g));
  const norms = normTensors.map((t) => t.dataSync()[0]);
  tf.dispose([...grads, ...probes, ...normTensors]);
  return Array.from({ length: n }, (_, l) => norms.slice(l * steps, (l + 1) * steps));
}
