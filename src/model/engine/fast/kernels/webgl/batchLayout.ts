/**
 * The whole-batch SimpleRNN path on webgl (batch.ts): where the weights sit in the packed blocks its
 * shaders read and write. A weight block is [Rw, u] (packed, so every section starts at an even row
 * and is padded with zeros to an even row count): W0 (layer 0's kernel, k rows), W (layers 1…L−1's
 * kernels, u rows each), U (every layer's recurrent kernel, u rows each), B (the biases, row l =
 * layer l), D (row D: the Dense kernel as a row; row D + 1, column 0: its bias). The parameter state
 * is three such blocks stacked, [3·Rw, u]: Adam's m, v, then the weights; the gradients come in one
 * such block with two more rows, the loss at (Rw, 0). The batch, its targets and its dropout masks
 * go up as one texture ({@link batchRows}).
 */
import * as tf from '@tensorflow/tfjs-core';

/** The shape a whole-batch trainer is specialised on. */
export interface BatchDims {
  /** Layers. */
  L: number;
  /** Time steps. */
  T: number;
  /** Batch rows (even). */
  b: number;
  /** Units (even). */
  u: number;
  /** Inputs per step (≤ u). */
  k: number;
  /** Whether dropout masks are read. */
  masked: boolean;
}

/** Row offsets of a weight block's sections and its row count Rw. */
export interface BatchLayout {
  W0: number;
  W: number;
  U: number;
  B: number;
  D: number;
  Rw: number;
}

const even = (x: number): number => x + (x % 2);

/** Where the weights sit (see the file comment). */
export function batchLayout(L: number, u: number, k: number): BatchLayout {
  const W0 = 0;
  const W = W0 + even(k);
  const U = W + (L - 1) * u;
  const B = U + L * u;
  const D = B + even(L);
  return { W0, W, U, B, D, Rw: D + 2 };
}

/**
 * A Keras-ordered list (per layer kernel, recurrent kernel, bias; Dense kernel, bias: weights or
 * their gradients) as one weight block [Rw, u]. tfjs ops: call inside `tf.tidy`.
 */
export function toBlock(list: tf.Tensor[], L: number, u: number): tf.Tensor2D {
  const rows = (x: tf.Tensor2D): tf.Tensor2D =>
    x.shape[0] % 2 === 0 ? x : tf.concat([x, tf.zeros([1, u])]);
  const kernels = list.filter((_, i) => i < 3 * L && i % 3 === 0) as tf.Tensor2D[];
  const recurrent = list.filter((_, i) => i < 3 * L && i % 3 === 1) as tf.Tensor2D[];
  const biases = list.filter((_, i) => i < 3 * L && i % 3 === 2);
  const bd = tf.reshape(list[3 * L + 1], [1, 1]);
  return tf.concat([
    rows(kernels[0]),
    ...kernels.slice(1),
    ...recurrent,
    rows(tf.stack(biases) as tf.Tensor2D),
    tf.reshape(list[3 * L], [1, u]),
    u > 1 ? tf.concat([bd, tf.zeros([1, u - 1])], 1) : bd,
  ]) as tf.Tensor2D;
}

/**
 * The Keras-ordered list of `shapes` out of the weight block at row `at` of `x` (slices: one draw
 * each on packed textures; only predictions, read-backs and checks ask). Call inside `tf.tidy`.
 */
export function fromBlock(x: tf.Tensor2D, at: number, shapes: number[][], L: number): tf.Tensor[] {
  const u = x.shape[1];
  const k = shapes[0][0];
  const o = batchLayout(L, u, k);
  const rows = (row: number, n: number): tf.Tensor2D => tf.slice(x, [at + row, 0], [n, u]);
  const list: tf.Tensor[] = [];
  for (let l = 0; l < L; l++) {
    list.push(l === 0 ? rows(o.W0, k) : rows(o.W + (l - 1) * u, u));
    list.push(rows(o.U + l * u, u));
    list.push(tf.reshape(rows(o.B + l, 1), [u]));
  }
  list.push(tf.reshape(rows(o.D, 1), [u, 1]));
  list.push(tf.reshape(tf.slice(x, [at + o.D + 1, 0], [1, 1]), [1]));
  return list;
}

/**
 * Rows of the batch texture D [rows, u], one upload per batch: x time-major (row t·b + i is sample i
 * at step t, its k ≤ u inputs in the first columns), then y (column 0) at row Y, then the masks at
 * row M (layer l's [T·b, u] at M + l·T·b, the top layer's [b, u] at M + (L−1)·T·b; absent without
 * dropout).
 */
export function batchRows({ L, T, b, masked }: BatchDims): { Y: number; M: number; rows: number } {
  const Y = T * b;
  const M = Y + b;
  return { Y, M, rows: M + (masked ? (L - 1) * T * b + b : 0) };
}

/**
 * The batch texture's values (see {@link batchRows}) from x [b, T, k] and y [b] as host arrays and
 * the masks as masks.ts draws them.
 */
export function packBatch(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  masks: Float32Array[] | null,
  dims: BatchDims,
): Float32Array {
  const { T, b, u, k } = dims;
  const { Y, M, rows } = batchRows(dims);
  const out = new Float32Array(rows * u);
  for (let i = 0; i < b; i++) {
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < k; c++) out[(t * b + i) * u + c] = x[(i * T + t) * k + c];
    }
    out[(Y + i) * u] = y[i];
  }
  let at = M * u;
  for (const m of masks ?? []) {
    out.set(m, at);
    at += m.length;
  }
  return out;
}

/**
 * GLSL: acc += A(row, ·) · B(·, col) over n columns (n even) in the 2 × 2 blocks of packed textures,
 * or A(row, ·) · B(col, ·)ᵀ when `transposeB`. `aAt(q)` and `bAt(q)` read the texels at column or
 * row q = 0, 2, 4, … (the wavefront's own dot, wave.ts, kept apart so the two files change alone).
 */
export function packedDot(
  n: number,
  aAt: (q: string) => string,
  bAt: (q: string) => string,
  transposeB: boolean,
): string {
  const [s1, s2] = transposeB ? ['w.xzxz', 'w.ywyw'] : ['w.xyxy', 'w.zwzw'];
  return `for (int q = 0; q < ${n / 2}; q++) {
          vec4 a = ${aAt('q * 2')}; vec4 w = ${bAt('q * 2')};
          acc += a.xxzz * ${s1} + a.yyww * ${s2};
        }`;
}
