import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG, type CellType } from './config';
import { buildLayersModel } from '../engine/stock/network';
import { summarizeModel } from './summary';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('summarizeModel', () => {
  it('matches Keras for the reference notebook: 17,801 parameters', () => {
    const s = summarizeModel(REFERENCE_CONFIG);
    expect(s.total).toBe(17801);
    expect(s.rows[0]).toEqual({
      layer: 'simple_rnn (SimpleRNN)',
      outputShape: '(None, 40, 50)',
      params: 2600,
    });
    expect(s.rows[1]).toEqual({
      layer: 'dropout (Dropout)',
      outputShape: '(None, 40, 50)',
      params: 0,
    });
    expect(s.rows[2].params).toBe(5050);
    expect(s.rows[6]).toEqual({
      layer: 'simple_rnn_3 (SimpleRNN)',
      outputShape: '(None, 50)',
      params: 5050,
    });
    expect(s.rows[8]).toEqual({ layer: 'dense (Dense)', outputShape: '(None, 1)', params: 51 });
    expect(s.rows).toHaveLength(9);
  });

  it('omits dropout rows when dropout is 0', () => {
    const s = summarizeModel({
      ...REFERENCE_CONFIG,
      dropout: 0,
      layers: 1,
      units: 8,
      timesteps: 10,
    });
    expect(s.rows.map((r) => r.layer)).toEqual(['simple_rnn (SimpleRNN)', 'dense (Dense)']);
    expect(s.total).toBe(8 * (8 + 1 + 1) + 9);
  });

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
