import { describe, expect, it } from 'vitest';
import {
  fitScaler,
  interpolateMissing,
  inverseTransform,
  makeWindows,
  minRowsFor,
  prepare,
  splitIndex,
  testView,
  transform,
  validateDataConfig,
  type DataConfig,
} from './prep';
import type { Dataset, PreparedData } from '../core/types';
import { parseDataset } from './dataset';
import { DataError } from '../core/errors';
import sklearn from '../../../test/fixtures/sklearn.json';
import sp500 from '../../../public/samples/sp500.csv?raw';
import gaps from '../../../test/fixtures/gaps.csv?raw';
import constant from '../../../test/fixtures/constant.csv?raw';

function csvOf(values: (number | string)[], name = 'v.csv') {
  return parseDataset(
    `Date,Value\n${values.map((v, i) => `2020-01-${String(i + 1).padStart(2, '0')},${v}`).join('\n')}\n`,
    name,
  );
}
const ten = () => csvOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
/** prepare() on a dataset's column, as the trainer runs it. */
const prepareOf = (ds: Dataset, cfg: DataConfig) =>
  prepare(ds.numeric[cfg.targetColumn || 'Open'], cfg);
/** The windows of a prepared series, cut as the training loop cuts them. */
const windowsOf = (p: PreparedData) => ({
  train: makeWindows(p.scaled, p.timesteps, p.timesteps, p.split),
  test: makeWindows(p.scaled, p.timesteps, p.split, p.scaled.length),
});
const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(b), 1e-12);

describe('splitIndex', () => {
  it('is floor(ratio · n) with a float guard', () => {
    expect(splitIndex(1858, 0.8)).toBe(1486);
    expect(splitIndex(10, 0.8)).toBe(8);
    expect(splitIndex(100, 0.29)).toBe(29); // 0.29 · 100 = 28.999999999999996
    expect(splitIndex(10, 0.7)).toBe(7); // 7.000000000000001
    expect(splitIndex(5, 0)).toBe(0);
  });
});

describe('MinMax scaler equals scikit-learn', () => {
  for (const key of ['small', 'constant'] as const) {
    it(`${key} series`, () => {
      const fix = sklearn[key];
      const split = splitIndex(fix.series.length, fix.split);
      expect(split).toBe(fix.nTrain);
      const s = fitScaler(fix.series.slice(0, split));
      expect(rel(s.dataMin, fix.dataMin) && rel(s.dataMax, fix.dataMax)).toBe(true);
      expect(rel(s.scale, fix.scale)).toBe(true);
      expect(Math.abs(s.min - fix.min)).toBeLessThan(1e-12);
      transform(s, fix.series.slice(0, split)).forEach((v, i) =>
        expect(v).toBeCloseTo(fix.trainScaled[i], 12),
      );
      transform(s, fix.series.slice(split)).forEach((v, i) =>
        expect(v).toBeCloseTo(fix.testScaled[i], 12),
      );
    });
  }
  it('sp500 Open, fit on the train part only', () => {
    const ds = parseDataset(sp500, 'sp500.csv');
    const fix = sklearn.sp500Open;
    const p = prepareOf(ds, { targetColumn: 'Open', trainSplit: 0.8, timesteps: 40 });
    expect(rel(p.scaler.scale, fix.scale) && rel(p.scaler.min, fix.min)).toBe(true);
    expect(p.scaler.dataMin).toBe(fix.dataMin);
    expect(p.scaler.dataMax).toBe(fix.dataMax);
    // The test targets are the sklearn-transformed test values (as float32).
    const testY = windowsOf(p).test.Y;
    expect(testY.length).toBe(fix.testScaled.length);
    testY.forEach((v, i) => expect(v).toBe(Math.fround(fix.testScaled[i])));
  });
  it('constant range → scale 1; round trip', () => {
    const s = fitScaler([4, 4, 4]);
    expect(s).toEqual({ dataMin: 4, dataMax: 4, scale: 1, min: -4 });
    const t = fitScaler([2, -3, 10.5]);
    const x = [2, -3, 10.5, 11, -7.25, 0.1];
    inverseTransform(t, transform(t, x)).forEach((v, i) => expect(v).toBeCloseTo(x[i], 12));
    const [lo, hi] = transform(t, [-3, 10.5]);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(1, 15); // 10.5 · scale + min = 0.9999999999999999, as in sklearn
  });
});

describe('interpolateMissing', () => {
  it('linear inside, nearest value at the edges', () => {
    const r = interpolateMissing(Float64Array.from([NaN, 1, NaN, NaN, 4, NaN]));
    expect(Array.from(r.values)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(r.filled).toBe(4);
    expect(interpolateMissing(Float64Array.from([5])).filled).toBe(0);
  });
  it('all missing → DataError', () => {
    expect(() => interpolateMissing(Float64Array.from([NaN, NaN]))).toThrow(DataError);
    expect(() => interpolateMissing(new Float64Array(0))).not.toThrow();
  });
});

describe('windows on 1..10, timesteps 3, split 0.8', () => {
  it('makeWindows contents', () => {
    const { X, Y } = makeWindows([1, 2, 3, 4, 5, 6], 3, 3, 6);
    expect(Array.from(X)).toEqual([1, 2, 3, 2, 3, 4, 3, 4, 5]);
    expect(Array.from(Y)).toEqual([4, 5, 6]);
  });
  it('prepare: counts, contents and persistence', () => {
    const p = prepareOf(ten(), { targetColumn: 'Value', trainSplit: 0.8, timesteps: 3 });
    expect(p.nTrain).toBe(5); // len(train) − timesteps = 8 − 3
    expect(p.nTest).toBe(2);
    expect(p.split).toBe(8);
    const { train, test } = windowsOf(p);
    expect(train.X.length).toBe(15);
    expect(test.X.length).toBe(6);
    const s = (v: number) => Math.fround((v - 1) / 7); // fitted on 1..8
    expect(p.scaler.scale).toBeCloseTo(1 / 7, 15);
    expect(Array.from(train.X.slice(0, 3))).toEqual([s(1), s(2), s(3)]);
    expect(Array.from(train.Y)).toEqual([4, 5, 6, 7, 8].map(s));
    // The first test window is the last `timesteps` train values.
    expect(Array.from(test.X.slice(0, 3))).toEqual([6, 7, 8].map(s));
    expect(Array.from(test.X.slice(3))).toEqual([7, 8, 9].map(s));
    expect(Array.from(test.Y)).toEqual([9, 10].map(s));
    expect(Array.from(p.testActual)).toEqual([9, 10]);
    expect(Array.from(p.testPrevious)).toEqual([8, 9]);
    expect(p.interpolated).toBe(0);
  });
  it('testView: the same test rows as prepare, as views, gaps filled', () => {
    const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, NaN, 9, 10]);
    const v = testView(values, 0.8);
    expect([v.offset, v.interpolated]).toEqual([8, 1]);
    expect(Array.from(v.actual)).toEqual([9, 10]);
    expect(Array.from(v.previous)).toEqual([8, 9]);
    const p = prepare(values, { trainSplit: 0.8, timesteps: 3 });
    expect([p.testActual, p.testPrevious]).toEqual([v.actual, v.previous]);
    // Without gaps, views into the column itself: nothing is copied.
    expect(testView(Float64Array.from([1, 2, 3]), 0.5).actual.buffer.byteLength).toBe(24);
  });
  it('the reference sample: 1858 rows → 1486 train, 1446 train and 372 test windows', () => {
    const p = prepareOf(parseDataset(sp500, 'sp500.csv'), {
      targetColumn: '',
      trainSplit: 0.8,
      timesteps: 40,
    });
    expect([p.nTrain, p.nTest]).toEqual([1446, 372]);
    expect(windowsOf(p).train.X.length).toBe(1446 * 40);
    expect(windowsOf(p).test.X.length).toBe(372 * 40);
    const open = parseDataset(sp500, 'sp500.csv').numeric.Open;
    expect(p.testActual[0]).toBe(open[1486]);
    expect(p.testPrevious[0]).toBe(open[1485]);
    expect(p.testActual[371]).toBe(open[1857]);
  });
});

describe('gaps and constants', () => {
  it('interpolates the target and counts it', () => {
    const p = prepareOf(parseDataset(gaps, 'gaps.csv'), {
      targetColumn: 'Open',
      trainSplit: 0.8,
      timesteps: 2,
    });
    expect(p.interpolated).toBe(3);
    // Open: 10,_,12,_,14,15,_,17,18,19 → 10,11,12,13,14,15,16,17 | 18,19
    expect(Array.from(p.testActual)).toEqual([18, 19]);
    expect(Array.from(p.testPrevious)).toEqual([17, 18]);
    expect(p.scaler.dataMin).toBe(10);
    expect(p.scaler.dataMax).toBe(17);
    expect(windowsOf(p).train.Y[0]).toBeCloseTo(2 / 7, 6);
  });
  it('a constant column gives finite windows (scale 1)', () => {
    const p = prepareOf(parseDataset(constant, 'c.csv'), {
      targetColumn: 'Flat',
      trainSplit: 0.5,
      timesteps: 2,
    });
    expect(p.scaler.scale).toBe(1);
    expect(p.scaled.every((v) => v === 0)).toBe(true);
  });
});

describe('config checks', () => {
  it('minRowsFor is the smallest n that works', () => {
    expect(minRowsFor(0.8, 3)).toBe(5); // floor(4) = 4 ≥ 4, 1 test row
    expect(minRowsFor(0.8, 40)).toBe(52); // floor(41.6) = 41
    for (const [s, t] of [
      [0.8, 40],
      [0.5, 7],
      [0.95, 10],
      [0.1, 3],
      [0.33, 5],
    ]) {
      const n = minRowsFor(s, t);
      const ok = (m: number) => splitIndex(m, s) - t >= 1 && m - splitIndex(m, s) >= 1;
      expect(ok(n)).toBe(true);
      expect(ok(n - 1)).toBe(false);
    }
    expect(minRowsFor(1, 3)).toBe(Infinity);
  });
  it('too few rows: says how many are needed', () => {
    const ds = ten();
    const msg = validateDataConfig(ds, { targetColumn: 'Value', trainSplit: 0.8, timesteps: 40 });
    expect(msg).toBe(
      '"v.csv" needs at least 52 rows for timesteps 40 and train split 0.8; this file has 10. Lower the timesteps or load a longer series.',
    );
    expect(() => prepare(ds.numeric.Value, { trainSplit: 0.8, timesteps: 40 })).toThrow(
      'The series needs at least 52 rows for timesteps 40 and train split 0.8; it has 10.',
    );
    expect(
      validateDataConfig(ds, { targetColumn: 'Value', trainSplit: 0.8, timesteps: 3 }),
    ).toBeNull();
  });
  it('unknown, non-numeric and all-missing targets', () => {
    const ds = parseDataset(
      'Date,Name,Value,Empty\n2020-01-01,a,1,\n2020-01-02,b,2,\n2020-01-03,c,3,NA\n2020-01-04,d,4,-\n',
      'x.csv',
    );
    const cfg = { trainSplit: 0.5, timesteps: 1 };
    expect(validateDataConfig(ds, { ...cfg, targetColumn: 'Nope' })).toBe(
      'Column "Nope" is not in "x.csv"; pick one of its numeric columns: Value, Empty.',
    );
    expect(validateDataConfig(ds, { ...cfg, targetColumn: 'Name' })).toBe(
      'Column "Name" holds text, not numbers; pick one of: Value, Empty.',
    );
    expect(validateDataConfig(ds, { ...cfg, targetColumn: 'Date' })).toMatch(/holds dates/);
    expect(validateDataConfig(ds, { ...cfg, targetColumn: 'Empty' })).toBe(
      'Every value of column "Empty" is missing; pick another target column.',
    );
    expect(validateDataConfig(ds, { ...cfg, targetColumn: '' })).toBeNull();
    expect(validateDataConfig(ds, { targetColumn: 'Value', trainSplit: 1, timesteps: 1 })).toMatch(
      /between 0 and 1/,
    );
    expect(
      validateDataConfig(ds, { targetColumn: 'Value', trainSplit: 0.5, timesteps: 0 }),
    ).toMatch(/at least 1/);
  });
});
