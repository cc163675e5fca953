import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from './presets';
import { summarizeModel } from './summary';

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
});
