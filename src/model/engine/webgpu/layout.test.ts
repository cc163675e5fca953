import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../../core/presets';
import { createRng, deriveSeed, DROPOUT_STREAM } from '../../core/rng';
import { webgpuRefusal } from './engine';
import { keepThreshold, layout, streamState } from './layout';

/** mulberry32's output for a state already advanced (core/rng.ts next32 after its increment). */
function output(state: number): number {
  let t = state >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

describe('the WebGPU engine layout', () => {
  it('finds the mask stream at any position in one step, as core/rng.ts walks it', () => {
    const seed = deriveSeed(42, DROPOUT_STREAM);
    const rng = createRng(seed);
    for (let n = 0; n < 2000; n++) {
      const draw = rng.nextSeed();
      // Draw n + 1 is the output of the state before it plus one increment (the kernel's draw(0)).
      expect(output(streamState(seed, n) + 0x6d2b79f5)).toBe(draw);
    }
    // Past 2³² draws the counter wraps as the u32 state does.
    expect(streamState(seed, 2 ** 32 + 5)).toBe(streamState(seed, 5));
  });

  it('keeps a unit exactly when the draw / 2³² ≥ rate', () => {
    for (const rate of [0.2, 0.3, 0.1, 0.5, 0.9]) {
      const th = keepThreshold(rate);
      expect(th / 2 ** 32 >= rate).toBe(true);
      expect((th - 1) / 2 ** 32 >= rate).toBe(false);
    }
  });

  it('lays the parameters out in Keras order', () => {
    const lay = layout({
      layers: 4,
      units: 50,
      inputs: 1,
      timesteps: 40,
      maxBatch: 20,
      activation: 'tanh',
      loss: 'mse',
      dropout: 0.2,
      learningRate: 0.001,
      epsilon: 1e-7,
    });
    // 50 + 2500 + 50, then 3 × (2500 + 2500 + 50), then Dense 50 + 1.
    expect(lay.layer1).toBe(2600);
    expect(lay.dense).toBe(2600 + 3 * 5050);
    expect(lay.params).toBe(2600 + 3 * 5050 + 51);
  });

  it('refuses what it has no kernels for, and buffers beyond the device', () => {
    const limits = {
      maxStorageBufferBindingSize: 128 << 20,
      maxBufferSize: 256 << 20,
      maxComputeWorkgroupStorageSize: 16384,
      maxComputeWorkgroupsPerDimension: 65535,
    };
    const device = { limits } as unknown as GPUDevice;
    const c = { ...REFERENCE_CONFIG, engine: 'fast' as const, cell: 'simpleRNN' as const };
    expect(webgpuRefusal(c, 40, 1, device)).toBeNull();
    expect(webgpuRefusal({ ...c, cell: 'lstm' }, 40, 1, device)).toMatch(/SimpleRNN kernels only/);
    expect(webgpuRefusal({ ...c, engine: 'layers' }, 40, 1, device)).toMatch(/fast path only/);
    const big = { ...c, layers: 8, units: 512, batchSize: 1024 };
    expect(webgpuRefusal(big, 500, 1, device)).toMatch(/more GPU memory/);
  });
});
