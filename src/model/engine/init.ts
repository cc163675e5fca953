/**
 * Keras-style initial weights, deterministic for a seed and computed in plain JS (so every backend and
 * both engines start from identical numbers): glorot-uniform kernels, orthogonal recurrent kernels
 * (QR of a seeded normal matrix, sign-corrected as Keras), zero biases (LSTM forget gate 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CellType, TrainConfig } from '../core/config';
import { createRng, deriveSeed, type Rng } from '../core/rng';

/** Gates per cell: the recurrent weights hold `units · g` columns. */
export function gatesOf(cell: CellType): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** One weight as plain data (row-major) with its Keras shape. */
export interface WeightArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Glorot (Xavier) uniform on [fanIn, fanOut]: U(−l, l), l = √(6 / (fanIn + fanOut)). */
function glorotUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = rng.uniformRange(-limit, limit);
  return out;
}

/**
 * Keras `Orthogonal` for a [rows, cols] matrix: QR of a normal [max, min] matrix, Q's columns made
 * unique by the sign of R's diagonal (Gram–Schmidt gives R's diagonal positive, which is the same
 * thing), transposed when rows < cols. Rows (rows ≥ cols) or columns (rows < cols) are orthonormal.
 */
export function orthogonal(rng: Rng, rows: number, cols: number): Float32Array {
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  // q[j] is column j (length m), Float64 for accuracy.
  const q: Float64Array[] = [];
  const a: Float64Array[] = [];
  for (let j = 0; j < n; j++) a.push(new Float64Array(m));
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[j][i] = rng.normal();
  for (let j = 0; j < n; j++) {
    const v = a[j];
    // Modified Gram–Schmidt, twice ("twice is enough") for orthogonality to float precision.
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const qk = q[k];
        let dot = 0;
        for (let i = 0; i < m; i++) dot += qk[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * qk[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < m; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  if (rows >= cols) {
    // Q is [m=rows, n=cols]: out[i][j] = q[j][i].
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = q[j][i];
  } else {
    // Q is [m=cols, n=rows], transposed: out[i][j] = Q[j][i] = q[i][j].
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = q[i][j];
  }
  return out;
}

/**
 * Initial weights as plain arrays in Keras order: per recurrent layer kernel [in, units·g],
 * recurrent kernel [units, units·g], bias [units·g]; then Dense kernel [units, 1], bias [1].
 * Gate order as tfjs-layers: LSTM i, f, c, o; GRU z, r, h (reset_after = false, one bias row).
 */
export function initialWeightArrays(
  config: Pick<TrainConfig, 'cell' | 'layers' | 'units'>,
  inputDim: number,
  seed: number,
): WeightArray[] {
  const rng = createRng(deriveSeed(seed, 1));
  const g = gatesOf(config.cell);
  const u = config.units;
  const out: WeightArray[] = [];
  let inDim = inputDim;
  for (let l = 0; l < config.layers; l++) {
    const bias = new Float32Array(u * g);
    if (config.cell === 'lstm') bias.fill(1, u, 2 * u); // unit_forget_bias
    out.push(
      { name: `rnn${l}/kernel`, shape: [inDim, u * g], values: glorotUniform(rng, inDim, u * g) },
      { name: `rnn${l}/recurrent_kernel`, shape: [u, u * g], values: orthogonal(rng, u, u * g) },
      { name: `rnn${l}/bias`, shape: [u * g], values: bias },
    );
    inDim = u;
  }
  out.push(
    { name: 'dense/kernel', shape: [u, 1], values: glorotUniform(rng, u, 1) },
    { name: 'dense/bias', shape: [1], values: new Float32Array(1) },
  );
  return out;
}

/** {@link initialWeightArrays} as float32 tensors on the current backend (caller disposes). */
export function initialWeights(
  config: Pick<TrainConfig, 'cell' | 'layers' | 'units'>,
  inputDim: number,
  seed: number,
): tf.Tensor[] {
  return initialWeightArrays(config, inputDim, seed).map((w) => tf.tensor(w.values, w.shape));
}
