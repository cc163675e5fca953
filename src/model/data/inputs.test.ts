/**
 * Several input columns: one MinMax scaler per column fitted on the train rows only, windows
 * [b, T, k] with the target first, and settings that name missing columns refused by name.
 */
import { describe, expect, it } from 'vitest';
import { summarizeModel } from '../core/summary';
import { REFERENCE_CONFIG } from '../core/presets';
import { extraInputColumns } from './columns';
import { parseDataset } from './dataset';
import { checkDataConfig, fillWindows, makeWindows, prepare, validateDataConfig } from './prep';

/** Ten rows; the test part (rows 8, 9) holds values far outside the train range in every column. */
const ds = parseDataset(
  [
    'Date,Open,Label,Close,Volume,Empty',
    ...[1, 2, 3, 4, 5, 6, 7, 8, 100, 200].map(
      (v, i) => `2020-01-${String(i + 1).padStart(2, '0')},${v},x${i},${10 * v},${v * v},`,
    ),
  ].join('\n'),
  'ohlcv.csv',
);
const settings = { trainSplit: 0.8, timesteps: 3 };

describe('prepare with extra input columns', () => {
  it('fits one scaler per column on the train rows only and keeps the target first', () => {
    const p = prepare(ds.numeric.Open, settings, [ds.numeric.Close, ds.numeric.Volume]);
    expect(p.inputs).toHaveLength(3);
    expect(p.inputs[0]).toBe(p.scaled);
    expect(p.inputScalers[0]).toBe(p.scaler);
    // Train rows 0–7: Open 1…8, Close 10…80, Volume 1…64; the test rows do not move the scalers.
    expect([p.scaler.dataMin, p.scaler.dataMax]).toEqual([1, 8]);
    expect([p.inputScalers[1].dataMin, p.inputScalers[1].dataMax]).toEqual([10, 80]);
    expect([p.inputScalers[2].dataMin, p.inputScalers[2].dataMax]).toEqual([1, 64]);
    expect(p.inputs[1][7]).toBeCloseTo(1, 6);
    expect(p.inputs[2][8]).toBeCloseTo((10000 - 1) / 63, 3);
    // The target's own scaling is what a single-column run gets.
    expect(Array.from(p.scaled)).toEqual(Array.from(prepare(ds.numeric.Open, settings).scaled));
  });

  it('cuts windows [b, T, k]: step-major, the inputs of a step side by side, Y from the target', () => {
    const cols = [
      [0, 1, 2, 3, 4],
      [10, 11, 12, 13, 14],
    ];
    const { X, Y } = makeWindows(cols, 2, 2, 4);
    expect(Array.from(X)).toEqual([0, 10, 1, 11, 1, 11, 2, 12]);
    expect(Array.from(Y)).toEqual([2, 3]);
    const X1 = new Float32Array(4);
    const Y1 = new Float32Array(2);
    fillWindows([cols[0]], 2, [4, 2], X1, Y1);
    expect([Array.from(X1), Array.from(Y1)]).toEqual([
      [2, 3, 0, 1],
      [4, 2],
    ]);
  });

  it('orders extra inputs as the file does, without the target or unknown names', () => {
    expect(extraInputColumns(ds, 'Open', ['Volume', 'Open', 'Nope', 'Close'])).toEqual([
      'Close',
      'Volume',
    ]);
  });

  it('refuses input columns the file lacks, text columns and all-missing columns, by name', () => {
    const cfg = { ...settings, targetColumn: 'Open' };
    expect(checkDataConfig(ds, { ...cfg, inputColumns: ['Close', 'Volume'] })).toBe('Open');
    for (const name of ['Nope', 'Label', 'Empty']) {
      expect(validateDataConfig(ds, { ...cfg, inputColumns: ['Close', name] })).toMatch(
        new RegExp(`^Input column "${name}" is not a numeric column with values in "ohlcv.csv"`),
      );
    }
  });
});

describe('summarizeModel with several inputs', () => {
  it('4 × SimpleRNN(50) reading 4 inputs: (None, 40, 4) and 17,951 parameters', () => {
    const s = summarizeModel(REFERENCE_CONFIG, 4);
    expect(s.inputShape).toBe('(None, 40, 4)');
    expect(s.rows[0].params).toBe(4 * 50 + 50 * 50 + 50);
    expect(s.total).toBe(17951);
    expect(summarizeModel(REFERENCE_CONFIG).inputShape).toBe('(None, 40, 1)');
  });
});
