import { describe, expect, it } from 'vitest';
import { base64Lines, kerasScript, pyLiteral } from './kerasScript';
import { modelMetadata } from './modelMetadata';
import { REFERENCE_CONFIG } from './presets';
import type { MinMaxScaler } from './types';

const scaler = (dataMin: number, dataMax: number): MinMaxScaler => ({
  dataMin,
  dataMax,
  scale: 1 / (dataMax - dataMin),
  min: -dataMin / (dataMax - dataMin),
});

describe('pyLiteral', () => {
  it('writes Python literals: None, True/False, quoted strings, lists and dicts', () => {
    expect(pyLiteral(null)).toBe('None');
    expect(pyLiteral([true, false, 1.5, 'a"b\n'])).toBe('[True, False, 1.5, "a\\"b\\n"]');
    expect(pyLiteral({ x: [1], 'y"': null })).toBe('{\n    "x": [1],\n    "y\\"": None,\n}');
    expect(pyLiteral(NaN)).toBe('float("NaN")');
  });
});

describe('base64Lines', () => {
  it('matches standard base64 for every padding, wrapped', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + 11) & 255);
      expect(base64Lines(bytes, 8).join('')).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64Lines(bytes, 8).every((l) => l.length <= 8)).toBe(true);
    }
  });
});

describe('kerasScript', () => {
  const config = {
    ...REFERENCE_CONFIG,
    targetColumn: 'Open',
    inputColumns: ['Close "adj"'],
    cell: 'gru' as const,
    layers: 2,
    units: 3,
    loss: 'huber' as const,
  };
  const meta = modelMetadata(
    config,
    { timesteps: 40, split: 80, nTest: 20, inputScalers: [scaler(1, 5), scaler(2, 4)] },
    { dateColumn: 'Date', series: { column: 'symbol', name: 'AAPL' } },
  );
  const weights = new Float32Array(meta.params).map((_, i) => i / 7);
  const script = kerasScript(meta, weights.buffer);

  it('holds the settings as Python constants', () => {
    expect(script).toContain('TARGET = "Open"');
    expect(script).toContain('INPUT_COLUMNS = ["Open", "Close \\"adj\\""]');
    expect(script).toContain('DATE_COLUMN = "Date"');
    expect(script).toContain('SERIES = {\n    "column": "symbol",\n    "name": "AAPL",\n}');
    expect(script).toContain('TIMESTEPS = 40');
    expect(script).toContain('TRAIN_SPLIT = 0.8');
    expect(script).toContain('LEARNING_RATE = 0.001');
    expect(script).toContain('EPOCHS = 100');
    expect(script).toContain('BATCH_SIZE = 20');
    expect(script).toContain('SEED = 42');
    expect(script).toContain('CELL = keras.layers.GRU');
    expect(script).toContain('LOSS = keras.losses.Huber(delta=1.0)');
    expect(script).toContain('"reset_after": False');
    expect(script).toContain('LAYER_NAMES = ["gru", "dropout", "gru_1", "dropout_1", "dense"]');
    expect(script).toContain(`APP_PARAMS = ${meta.params}`);
  });

  it('embeds the weights as base64 float32', () => {
    const block = /BROWSER_WEIGHTS = \(\n([\s\S]*?)\n\)/.exec(script)![1];
    const b64 = block.replace(/[\s"]/g, '');
    const back = new Float32Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer);
    expect(Array.from(back)).toEqual(Array.from(weights));
  });

  it('is deterministic and never fetches anything', () => {
    expect(kerasScript(meta, weights.buffer)).toBe(script);
    expect(script).not.toMatch(/https?:|urllib|requests|fetch/);
  });
});
