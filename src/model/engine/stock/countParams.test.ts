import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CellType } from '../../core/config';
import { REFERENCE_CONFIG } from '../../core/presets';
import { summarizeModel } from '../../core/summary';
import { buildLayersModel } from './network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// The page's model summary (core/summary.ts, no tfjs) against the stock model tfjs builds.
describe('summarizeModel against tf.layers', () => {
  it.each<[CellType, number]>([
    ['simpleRNN', 17801],
    ['lstm', 4 * (50 * 52) + 3 * 4 * (50 * 101) + 51],
    ['gru', 3 * (50 * 52) + 3 * 3 * (50 * 101) + 51],
  ])('equals the tfjs model countParams() for %s', (cell, expected) => {
    const config = { ...REFERENCE_CONFIG, cell };
    const { model, optimizer } = buildLayersModel(config, config.timesteps);
    expect(summarizeModel(config).total).toBe(expected);
    expect(model.countParams()).toBe(expected);
    model.dispose();
    optimizer.dispose();
  });
});
