import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, QUICK_DEMO_CONFIG } from '../model/core/presets';
import { readUrlState, writeUrlState } from './urlState';

describe('URL state', () => {
  it('round-trips every config field and the sample', () => {
    const config = {
      ...QUICK_DEMO_CONFIG,
      targetColumn: 'Close',
      backend: 'cpu' as const,
      cell: 'gru' as const,
    };
    const back = readUrlState(writeUrlState(config, 'sine'));
    expect(back.config).toEqual(config);
    expect(back.sample).toBe('sine');
    expect(back.notices).toEqual([]);
  });

  it('defaults to Auto, takes the new backends, and old links keep their backend', () => {
    expect(DEFAULT_CONFIG.backend).toBe('auto');
    expect(readUrlState('').config.backend).toBe('auto');
    for (const b of ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      const s = readUrlState(`?backend=${b}`);
      expect(s.config.backend).toBe(b);
      expect(s.notices).toEqual([]);
    }
    const back = readUrlState(writeUrlState({ ...DEFAULT_CONFIG, backend: 'webgpu' }, 'sine'));
    expect(back.config.backend).toBe('webgpu');
  });

  it('clamps out-of-range numbers and rounds integers, with a notice each', () => {
    const s = readUrlState('?epochs=99999&units=0&split=0.5&layers=2.6&dropout=-1');
    expect(s.config.epochs).toBe(1000);
    expect(s.config.units).toBe(1);
    expect(s.config.trainSplit).toBe(0.5);
    expect(s.config.layers).toBe(3);
    expect(s.config.dropout).toBe(0);
    expect(s.notices).toEqual([
      'Layers: "2.6" must be a whole number; using 3.',
      'Units: "0" is below the minimum 1; using 1.',
      'Dropout: "-1" is below the minimum 0; using 0.',
      'Epochs: "99999" is above the maximum 1000; using 1000.',
    ]);
  });

  it('refuses non-numbers, unknown choices and unknown samples, keeping the defaults', () => {
    const s = readUrlState('?units=abc&lr=&seed=1e400&backend=%3Cb%3Egpu%3C%2Fb%3E&sample=evil');
    expect(s.config.units).toBe(DEFAULT_CONFIG.units);
    expect(s.config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(s.config.seed).toBe(DEFAULT_CONFIG.seed);
    expect(s.config.backend).toBe(DEFAULT_CONFIG.backend);
    expect(s.sample).toBe('sp500');
    expect(s.notices).toEqual([
      'Units: "abc" is not a number; ignored.',
      'Learning rate: "" is not a number; ignored.',
      'Seed: "1e400" is not a number; ignored.',
      'Backend: "<b>gpu</b>" is not one of auto, webgpu, webgl, wasm, cpu; ignored.',
      'Sample: "evil" is not a bundled sample; showing S&P 500 daily (2012–2020).',
    ]);
  });

  it('takes plain decimals and scientific notation only: no hex, binary or Infinity', () => {
    const s = readUrlState('?batch=0x10&epochs=0b11&units=Infinity&lr=1e-3&dropout=.5&seed=+7');
    expect(s.config.batchSize).toBe(DEFAULT_CONFIG.batchSize);
    expect(s.config.epochs).toBe(DEFAULT_CONFIG.epochs);
    expect(s.config.units).toBe(DEFAULT_CONFIG.units);
    expect(s.config.learningRate).toBe(0.001);
    expect(s.config.dropout).toBe(0.5);
    expect(s.config.seed).toBe(7);
    expect(s.notices).toEqual([
      'Units: "Infinity" is not a number; ignored.',
      'Epochs: "0b11" is not a number; ignored.',
      'Batch size: "0x10" is not a number; ignored.',
    ]);
  });

  it('keeps a target column as plain text (checked against the dataset later) and refuses huge values', () => {
    expect(readUrlState('?target=%3Cscript%3Ex%3C%2Fscript%3E').config.targetColumn).toBe(
      '<script>x</script>',
    );
    const long = readUrlState(`?target=${'a'.repeat(500)}`);
    expect(long.config.targetColumn).toBe('');
    expect(long.notices).toEqual(['Target column: the value in the link is too long; ignored.']);
  });

  it('carries the series of a long-format file as text, refusing huge values', () => {
    expect(readUrlState(writeUrlState(DEFAULT_CONFIG, null, false, null, 'New York')).series).toBe(
      'New York',
    );
    expect(writeUrlState(DEFAULT_CONFIG, 'sine')).not.toContain('series=');
    expect(readUrlState('?series=%3Cb%3E').series).toBe('<b>');
    const long = readUrlState(`?series=${'a'.repeat(500)}`);
    expect(long.series).toBeNull();
    expect(long.notices).toEqual(['Series: the value in the link is too long; ignored.']);
  });

  it('round-trips input column names with any characters, and leaves an empty list out', () => {
    const names = ['Close', 'a,b', 'x&y=1', '"quoted"', 'päivä 😀', '%20'];
    const config = { ...DEFAULT_CONFIG, inputColumns: names };
    const search = writeUrlState(config, null);
    expect(new URLSearchParams(search).get('inputs')).toBe(JSON.stringify(names));
    expect(readUrlState(search).config.inputColumns).toEqual(names);
    expect(writeUrlState(DEFAULT_CONFIG, null)).not.toContain('inputs=');
  });

  it('refuses input columns that are not a short list of names, with a notice', () => {
    const bad = [
      '?inputs=Close',
      '?inputs=%7B%22a%22%3A1%7D',
      '?inputs=%5B1%2C2%5D',
      `?inputs=${encodeURIComponent(JSON.stringify(['a'.repeat(101)]))}`,
      `?inputs=${encodeURIComponent(JSON.stringify(Array.from({ length: 33 }, (_, i) => `c${i}`)))}`,
      `?inputs=${encodeURIComponent(JSON.stringify(['b'.repeat(90)]).repeat(30))}`,
    ];
    for (const q of bad) {
      const s = readUrlState(q);
      expect(s.config.inputColumns, q).toEqual([]);
      expect(s.notices, q).toHaveLength(1);
      expect(s.notices[0], q).toMatch(/^Input columns: .*; ignored\.$/);
    }
    expect(readUrlState('?inputs=%5B%22A%22%2C%22A%22%5D').config.inputColumns).toEqual(['A']);
  });
});
