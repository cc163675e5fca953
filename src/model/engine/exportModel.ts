/**
 * The trained model as TensorFlow.js artifacts: `model.json` (topology + weightsManifest pointing at
 * `model.weights.bin`) and the weights buffer, built from a stock tf.layers model holding the given
 * weights, so `tf.loadLayersModel` reads the download as is.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../core/config';
import { buildLayersModel } from './stock/network';

/** File name the manifest points at; save the weights under this name next to model.json. */
export const WEIGHTS_FILE = 'model.weights.bin';

/**
 * Serialises a model of `config` for inputs [null, timesteps, inputs] with `weights` (Keras order and layout; not disposed).
 * Returns the model.json text and the binary weights (little-endian float32, manifest order).
 */
export async function exportLayersModel(
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  inputs = 1,
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
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
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
