/**
 * webgl backend kernels: tfjs's (packed) matMul for the big products; our shaders for the recurrence
 * (a wavefront of packed shaders advancing all layers at once, wave.ts, and the gated cells' own,
 * gatedWave*.ts; one unpacked shader per layer
 * and step for odd shapes, steps.ts) and for Adam (adam.ts); weights and Adam state stay on the GPU.
 * A SimpleRNN, LSTM or GRU batch of packed shapes runs whole in a few shaders of its own (batch.ts,
 * batchLstm.ts, batchGru.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfMatMul, tfSplit } from '../ops';
import type { FastKernels } from '../types';
import { webglAdam } from './adam';
import { webglWholeBatch } from './batch';
import { webglGruBatch } from './batchGru';
import { webglLstmBatch } from './batchLstm';
import { webglGatedWavefronts } from './gatedWave';
import { webglRecurrence } from './steps';
import { webglWavefront } from './wave';

/** See {@link FastKernels}; webgl backend only (runs custom shaders through `compileAndRun`). */
export const webglKernels: FastKernels = {
  matMul: tfMatMul,
  mul: (a, b) => tf.mul(a, b),
  split: tfSplit,
  rnn: { ...webglRecurrence, wave: webglWavefront },
  gatedWave: webglGatedWavefronts,
  params: 'tensor',
  adam: webglAdam,
  batch: (spec, initial) => {
    if (spec.cell === 'lstm') return webglLstmBatch(spec, initial);
    return spec.cell === 'gru' ? webglGruBatch(spec, initial) : webglWholeBatch(spec, initial);
  },
};
