import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../../core/presets';
import { createRng, deriveSeed, DROPOUT_STREAM } from '../../core/rng';
import { keepThreshold, layout, streamState, type WgslShape } from './layout';
import { webgpuRefusal } from './limits';

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
    const shape: WgslShape = {
      cell: 'simpleRNN',
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
    };
    const lay = layout(shape);
    // 50 + 2500 + 50, then 3 × (2500 + 2500 + 50), then Dense 50 + 1.
    expect(lay.layer1).toBe(2600);
    expect(lay.dense).toBe(2600 + 3 * 5050);
    expect(lay.params).toBe(2600 + 3 * 5050 + 51);
    // LSTM: [1, 200], [50, 200], [200], then 3 × ([50, 200], [50, 200], [200]), Dense.
    const lstm = layout({ ...shape, cell: 'lstm' });
    expect(lstm.gates).toBe(4);
    expect(lstm.layer1).toBe(200 + 10000 + 200);
    expect(lstm.params).toBe(10400 + 3 * 20200 + 51);
    // GRU: 3 gates; its planes: h, masked, dZ and gate values (3 each), the reset input.
    const gru = layout({ ...shape, cell: 'gru' });
    expect(gru.params).toBe(150 + 7500 + 150 + 3 * 15150 + 51);
    const plane = 40 * 20 * 50;
    expect(gru.gateValues - gru.dz).toBe(4 * 3 * plane);
    expect(gru.act).toBe((4 + 3 + 4 * 3 + 4 * 3 + 4) * plane);
  });

  it('takes all three cells on the fast path, and refuses buffers or units beyond the device', () => {
    const limits = {
      maxStorageBufferBindingSize: 128 << 20,
      maxBufferSize: 256 << 20,
      maxComputeWorkgroupStorageSize: 16384,
      maxComputeWorkgroupsPerDimension: 65535,
    };
    const device = { limits } as unknown as GPUDevice;
    const c = { ...REFERENCE_CONFIG, engine: 'fast' as const, cell: 'simpleRNN' as const };
    expect(webgpuRefusal(c, 40, 1, device)).toBeNull();
    expect(webgpuRefusal({ ...c, cell: 'lstm' }, 40, 1, device)).toBeNull();
    expect(webgpuRefusal({ ...c, cell: 'gru' }, 40, 1, device)).toBeNull();
    expect(webgpuRefusal({ ...c, engine: 'layers' }, 40, 1, device)).toMatch(/fast path only/);
    const big = { ...c, layers: 8, units: 512, batchSize: 1024 };
    expect(webgpuRefusal(big, 500, 1, device)).toMatch(/more GPU memory/);
    // An LSTM row keeps h twice, c, and dZ of 4 gates twice in workgroup memory: 16 KiB holds 319
    // units, GRU 383, SimpleRNN 1,279.
    const wide = { ...c, layers: 1, units: 320, batchSize: 4 };
    expect(webgpuRefusal({ ...wide, cell: 'lstm' }, 10, 1, device)).toMatch(/too many units/);
    expect(webgpuRefusal({ ...wide, cell: 'lstm', units: 319 }, 10, 1, device)).toBeNull();
    expect(webgpuRefusal({ ...wide, cell: 'gru' }, 10, 1, device)).toBeNull();
    expect(webgpuRefusal({ ...wide, cell: 'gru', units: 384 }, 10, 1, device)).toMatch(/too many/);
    expect(webgpuRefusal({ ...wide, cell: 'simpleRNN' }, 10, 1, device)).toBeNull();
  });
});
