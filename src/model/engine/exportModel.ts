/**
 * The trained model as TensorFlow.js artifacts: `model.json` (topology + weightsManifest pointing at
 * `model.weights.bin`, and `userDefinedMetadata`: columns, scalers, timesteps, config, version) and
 * the weights buffer, built from a stock tf.layers model holding the given weights, so
 * `tf.loadLayersModel` reads the download as is.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import type { ModelMetadata } from '../core/modelMetadata';
import { buildLayersModel } from './stock/network';

/** File name the manifest points at; save the weights under this name next to model.json. */
export const WEIGHTS_FILE = 'model.weights.bin';

type Json = Record<string, unknown>;
const GLOROT = { class_name: 'GlorotUniform', config: { seed: null } };
const ORTHOGONAL = { class_name: 'Orthogonal', config: { gain: 1, seed: null } };
const ZEROS = { class_name: 'Zeros', config: {} };

/**
 * The topology says what was configured (Keras defaults, as init.ts draws them: glorot-uniform
 * kernels, orthogonal recurrent kernels, zero biases, LSTM unit_forget_bias), not the zeros the
 * export model is built with before its weights are set (which skips tfjs's slow orthogonal QR).
 */
function keepConfiguredInitializers(topology: Json): Json {
  const config = topology.config as { layers?: { config: Json }[] } | undefined;
  for (const { config: layer } of config?.layers ?? []) {
    if ('kernel_initializer' in layer) layer.kernel_initializer = GLOROT;
    if ('recurrent_initializer' in layer) layer.recurrent_initializer = ORTHOGONAL;
    if ('bias_initializer' in layer) layer.bias_initializer = ZEROS;
    if ('unit_forget_bias' in layer) layer.unit_forget_bias = true;
  }
  return topology;
}

/**
 * Serialises a model of `config` for inputs [null, timesteps, inputs] with `weights` (Keras order and
 * layout; not disposed) and `metadata` as model.json's `userDefinedMetadata`.
 * Returns the model.json text and the binary weights (little-endian float32, manifest order).
 */
export async function exportLayersModel(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  inputs = 1,
  metadata?: ModelMetadata,
): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  const { model, optimizer } = buildLayersModel(config, timesteps, true, inputs);
  try {
    model.setWeights(weights);
    let out: { modelJson: string; weights: ArrayBuffer } | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const data = artifacts.weightData ?? new ArrayBuffer(0);
        const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
        const json = {
          format: 'layers-model',
          generatedBy: `TensorFlow.js tfjs-layers v${tf.version_core}`,
          convertedBy: null,
          modelTopology: keepConfiguredInitializers(artifacts.modelTopology as Json),
          weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
          ...(metadata ? { userDefinedMetadata: metadata } : {}),
        };
        out = { modelJson: JSON.stringify(json), weights: buffer };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!out) throw new Error('Saving the model produced no artifacts.');
    return out;
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
