/** The bytes held outside tfjs: the fast path's host weights count while they live. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArrayStore, createTensorStore } from './fast/paramStore';
import { adamOps } from './fast/adam';
import { simdGemm } from './fast/kernels/simd';
import { heldBytes, holdBytes } from './heldBytes';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('heldBytes', () => {
  it('sums the live holders; a release is idempotent', () => {
    const base = heldBytes();
    let n = 8;
    const release = holdBytes(() => n);
    expect(heldBytes()).toBe(base + 8);
    n = 24; // measured when asked, so a holder that grows is seen growing
    expect(heldBytes()).toBe(base + 24);
    release();
    release();
    expect(heldBytes()).toBe(base);
  });

  it('the array store holds weights, m and v (3 × 4 bytes per parameter) until disposed', () => {
    const shapes = [[3, 4], [4]];
    const initial = shapes.map((s) => tf.ones(s));
    const base = heldBytes();
    const store = createArrayStore(shapes, initial, 0.01);
    expect(heldBytes() - base).toBe(3 * 4 * 16);
    tf.tidy(() => store.step(shapes.map((s) => tf.ones(s))));
    expect(heldBytes() - base).toBe(3 * 4 * 16);
    store.dispose();
    expect(heldBytes()).toBe(base);
    // The tensor store holds tfjs variables instead, which tf.memory() counts.
    const bytes = tf.memory().numBytes;
    const device = createTensorStore(shapes, initial, 0.01, adamOps);
    expect(heldBytes()).toBe(base);
    expect(tf.memory().numBytes - bytes).toBe(3 * 4 * 16);
    device.dispose();
    tf.dispose(initial);
  });

  it("the SIMD product's scratch memory counts, and only grows", () => {
    const simd = simdGemm();
    if (!simd) return; // no WebAssembly SIMD in this Node: nothing held
    simd.reserve(1);
    const before = heldBytes();
    expect(before).toBeGreaterThanOrEqual(65536);
    simd.reserve(before / 4 + 65536);
    expect(heldBytes()).toBeGreaterThan(before);
  });
});
