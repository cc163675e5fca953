import { describe, expect, it } from 'vitest';
import { kernelsSummary } from './index';

describe('kernelsSummary (the backend details the app shows)', () => {
  it('names all three cells on webgl: the gated cells run on their wavefront shaders', () => {
    expect(kernelsSummary('webgl')).toBe('fast kernels: SimpleRNN, LSTM, GRU');
  });

  it('names all three on cpu and none where the fast path runs tfjs ops', () => {
    expect(kernelsSummary('cpu')).toBe('fast kernels: SimpleRNN, LSTM, GRU');
    expect(kernelsSummary('webgpu')).toBe('fast path in tfjs ops');
  });
});
