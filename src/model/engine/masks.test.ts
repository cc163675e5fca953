/** The one dropout-mask source of both engines: its stream, order, shapes and values. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, deriveSeed, DROPOUT_STREAM } from '../core/rng';
import { createMaskSource } from './masks';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SPEC = { rate: 0.25, layers: 3, units: 4, timesteps: 5 };

describe('createMaskSource', () => {
  it('draws time-major [T·b, units] masks for the inner layers and [b, units] for the last', () => {
    const masks = createMaskSource(1, SPEC)(2);
    expect(masks?.map((m) => m.shape)).toEqual([
      [10, 4],
      [10, 4],
      [2, 4],
    ]);
    tf.dispose(masks ?? []);
  });

  it('takes one uniform per element from the seed’s dropout stream, layer by layer, in row order', () => {
    const masks = createMaskSource(42, SPEC)(2) ?? [];
    const rng = createRng(deriveSeed(42, DROPOUT_STREAM));
    const expected = masks.map((m) =>
      Array.from({ length: m.size }, () => (rng.uniform() >= 0.25 ? 1 / 0.75 : 0)),
    );
    masks.forEach((m, l) => expect(Array.from(m.dataSync())).toEqual(expected[l].map(Math.fround)));
    const values = masks.flatMap((m) => Array.from(m.dataSync()));
    expect(new Set(values)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    tf.dispose(masks);
  });

  it('continues its stream from batch to batch: one seed, one sequence of masks', () => {
    const draw = (): number[][] => {
      const next = createMaskSource(7, SPEC);
      return [3, 2].map((b) => {
        const masks = next(b) ?? [];
        const flat = masks.flatMap((m) => Array.from(m.dataSync()));
        tf.dispose(masks);
        return flat;
      });
    };
    const [a, b] = draw();
    expect(draw()).toEqual([a, b]);
    expect(a.slice(0, b.length)).not.toEqual(b);
  });

  it('draws nothing with dropout off', () => {
    const before = tf.memory().numTensors;
    expect(createMaskSource(1, { ...SPEC, rate: 0 })(4)).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });
});
