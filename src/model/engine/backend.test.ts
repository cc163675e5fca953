import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { debugLoseContext, initBackend, watchContextLoss } from './backend';

describe('initBackend', () => {
  it('starts the chosen backend with its details', async () => {
    const r = await initBackend('cpu');
    expect(r).toEqual({
      info: { name: 'cpu', details: 'plain JavaScript; fast kernels: SimpleRNN, LSTM, GRU' },
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('falls back in order and says why (no WebGL, no wasm binary in Node)', async () => {
    const r = await initBackend('webgl', ['wasm']);
    expect(r.info.name).toBe('cpu');
    expect(r.fellBackFrom?.backend).toBe('webgl');
    expect(r.fellBackFrom?.reason).toMatch(/^WebGL is not available/);
  });

  it('has no context to lose off WebGL', () => {
    const w = watchContextLoss();
    expect(w.check()).toBeNull();
    w.stop();
    expect(debugLoseContext()).toBe(false);
  });
});
