import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightShapes } from '../../stack';
import { batchLayout, fromBlock, toBlock } from './batchLayout';

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

describe('the whole-batch weight block', () => {
  it('places each section at an even row, padded to even row counts', () => {
    const o = batchLayout(3, 6, 3);
    expect(o).toEqual({ W0: 0, W: 4, U: 16, B: 34, D: 38, Rw: 40 });
    for (const row of Object.values(o)) expect(row % 2).toBe(0);
  });

  it.each([
    [1, 2, 1],
    [3, 6, 3],
    [4, 50, 1],
  ])('holds %i layers of %i units with %i inputs and gives them back in Keras order', (L, u, k) => {
    const shapes = weightShapes(1, L, u, k);
    const list = numbered(shapes);
    const block = toBlock(list, L, u);
    const o = batchLayout(L, u, k);
    expect(block.shape).toEqual([o.Rw, u]);
    // Every weight once, zeros elsewhere (the padding rows and the Dense bias row's other columns).
    const total = list.reduce((a, w) => a + w.size, 0);
    const values = Array.from(block.dataSync()).filter((v) => v !== 0);
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Layer l's bias is row B + l; the Dense kernel is row D, its bias (D + 1, 0).
    const rows = block.arraySync();
    expect(rows[o.B + L - 1]).toEqual(Array.from(list[3 * L - 1].dataSync()));
    expect(rows[o.D]).toEqual(Array.from(list[3 * L].dataSync()));
    expect(rows[o.D + 1][0]).toBe(total);
    // Read back from a state [3·Rw, u] whose weights are its third block.
    const state = tf.concat([tf.zeros([2 * o.Rw, u]), block]) as tf.Tensor2D;
    const back = fromBlock(state, 2 * o.Rw, shapes, L);
    expect(back.map((w) => w.shape)).toEqual(shapes);
    back.forEach((w, i) =>
      expect(Array.from(w.dataSync())).toEqual(Array.from(list[i].dataSync())),
    );
    tf.dispose([...list, block, state, ...back]);
  });
});
