/**
 * The whole-batch gated cells' weight blocks (batchLstm.ts): batchLayout.ts's rows (W0, W, U, B, D;
 * the row offsets do not depend on the width) at the gates' width G = g·u (LSTM: 4·u, Keras gate
 * order i, f, c, o in the columns), so the state is [3·Rw, G] and the gradients [Rw + 2, G]. The
 * Dense kernel row uses the first u columns, its bias sits at (D + 1, 0), the rest is zeros.
 */
import * as tf from '@tensorflow/tfjs-core';
import { batchLayout } from './batchLayout';

/**
 * A Keras-ordered list (per layer kernel [in, G], recurrent kernel [u, G], bias [G]; Dense kernel
 * [u, 1], bias [1]) as one weight block [Rw, G]. tfjs ops: call inside `tf.tidy`.
 */
export function toGatedBlock(list: tf.Tensor[], L: number, u: number): tf.Tensor2D {
  const G = list[1].shape[1] as number;
  const rows = (x: tf.Tensor2D): tf.Tensor2D =>
    x.shape[0] % 2 === 0 ? x : tf.concat([x, tf.zeros([1, G])]);
  const kernels = list.filter((_, i) => i < 3 * L && i % 3 === 0) as tf.Tensor2D[];
  const recurrent = list.filter((_, i) => i < 3 * L && i % 3 === 1) as tf.Tensor2D[];
  const biases = list.filter((_, i) => i < 3 * L && i % 3 === 2);
  const dense = tf.concat([tf.reshape(list[3 * L], [1, u]), tf.zeros([1, G - u])], 1);
  const bd = tf.concat([tf.reshape(list[3 * L + 1], [1, 1]), tf.zeros([1, G - 1])], 1);
  return tf.concat([
    rows(kernels[0]),
    ...kernels.slice(1),
    ...recurrent,
    rows(tf.stack(biases) as tf.Tensor2D),
    dense,
    bd,
  ]) as tf.Tensor2D;
}

/**
 * The Keras-ordered list of `shapes` out of the weight block at row `at` of `x` [·, G] (slices; only
 * predictions, read-backs and checks ask). Call inside `tf.tidy`.
 */
export function fromGatedBlock(
  x: tf.Tensor2D,
  at: number,
  shapes: number[][],
  L: number,
  u: number,
): tf.Tensor[] {
  const G = x.shape[1];
  const k = shapes[0][0];
  const o = batchLayout(L, u, k);
  const rows = (row: number, n: number, w = G): tf.Tensor2D => tf.slice(x, [at + row, 0], [n, w]);
  const list: tf.Tensor[] = [];
  for (let l = 0; l < L; l++) {
    list.push(l === 0 ? rows(o.W0, k) : rows(o.W + (l - 1) * u, u));
    list.push(rows(o.U + l * u, u));
    list.push(tf.reshape(rows(o.B + l, 1), [G]));
  }
  list.push(tf.reshape(rows(o.D, 1, u), [u, 1]));
  list.push(tf.reshape(rows(o.D + 1, 1, 1), [1]));
  return list;
}
