import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightShapes } from '../../stack';
import { fromGatedBlock, toGatedBlock } from './batchGatedLayout';
import { batchLayout } from './batchLayout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A Keras-ordered list of `shapes` whose every value is distinct (its flat index + 1). */
function numbered(shapes: number[][]): tf.Tensor[] {
  let next = 1;
  return shapes.map((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: size }, () => next++);
    return tf.tensor(values, s);
  });
}

describe('the whole-batch LSTM weight block (4 gates)', () => {
  it.each([
    [1, 2, 1],
    [3, 6, 3],
    [4, 50, 1],
  ])('holds %i layers of %i units with %i inputs and gives them back in Keras order', (L, u, k) => {
    const shapes = weightShapes(4, L, u, k);
    const list = numbered(shapes);
    const block = toGatedBlock(list, L, u);
    const o = batchLayout(L, u, k);
    expect(block.shape).toEqual([o.Rw, 4 * u]);
    // Every weight once, zeros elsewhere (padding rows, the Dense rows' other columns).
    const total = list.reduce((a, w) => a + w.size, 0);
    const values = Array.from(block.dataSync()).filter((v) => v !== 0);
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Layer l's bias [4u] is row B + l (gates i, f, c, o); the Dense kernel row D's first u columns.
    const rows = block.arraySync();
    expect(rows[o.B + L - 1]).toEqual(Array.from(list[3 * L - 1].dataSync()));
    expect(rows[o.D].slice(0, u)).toEqual(Array.from(list[3 * L].dataSync()));
    expect(rows[o.D + 1][0]).toBe(total);
    const state = tf.concat([tf.zeros([2 * o.Rw, 4 * u]), block]) as tf.Tensor2D;
    const back = fromGatedBlock(state, 2 * o.Rw, shapes, L, u);
    expect(back.map((w) => w.shape)).toEqual(shapes);
    back.forEach((w, i) =>
      expect(Array.from(w.dataSync())).toEqual(Array.from(list[i].dataSync())),
    );
    tf.dispose([...list, block, state, ...back]);
  });
});
