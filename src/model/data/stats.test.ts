import { describe as suite, expect, it } from 'vitest';
import { describe, describeDataset, head, missingCounts, shape, quantileSorted } from './stats';
import { parseDataset } from './dataset';
import type { DescribeStats } from '../core/types';
import pandas from '../../../test/fixtures/pandas.json';
import sp500 from '../../../public/samples/sp500.csv?raw';
import sine from '../../../public/samples/sine.csv?raw';
import gaps from '../../../test/fixtures/gaps.csv?raw';
import constant from '../../../test/fixtures/constant.csv?raw';
import newestFirst from '../../../test/fixtures/newest_first.csv?raw';
import thousands from '../../../test/fixtures/thousands.csv?raw';

type Key = keyof typeof pandas;
const TEXTS: Record<Key, string> = {
  sp500,
  sine,
  gaps,
  constant,
  newest_first: newestFirst,
  thousands,
};

/** Equal to 1e-9 relative (NaN, written as null by the fixture script, equals NaN). */
function close(actual: number, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNaN();
    return;
  }
  const tol = 1e-9 * Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

suite('describe() equals pandas', () => {
  for (const key of Object.keys(TEXTS) as Key[]) {
    it(`${key}: shape, isna().sum(), describe(), head()`, () => {
      const fix = pandas[key];
      const ds = parseDataset(TEXTS[key], `${key}.csv`);
      expect(shape(ds)).toEqual(fix.shape);
      expect(ds.columns.map((c) => c.name)).toEqual(fix.columns);
      expect(missingCounts(ds)).toEqual(fix.isna);
      const stats = describeDataset(ds);
      const expected = fix.describe as Record<string, Record<keyof DescribeStats, number | null>>;
      expect(Object.keys(stats)).toEqual(Object.keys(expected));
      for (const [col, exp] of Object.entries(expected)) {
        for (const k of Object.keys(exp) as (keyof DescribeStats)[]) close(stats[col][k], exp[k]);
      }
      if (!ds.reversed) {
        // pandas shows parsed values; compare numbers numerically, text as text.
        const rows = head(ds);
        expect(rows.length).toBe(fix.head.length);
        fix.head.forEach((row, i) =>
          row.forEach((v, j) => {
            const col = ds.columns[j].name;
            if (typeof v === 'number' || v === null) close(ds.numeric[col][i], v);
            else expect(rows[i][j]).toBe(v);
          }),
        );
      }
    });
  }
});

suite('describe()', () => {
  it('skips NaN and uses n − 1', () => {
    const s = describe(Float64Array.from([1, NaN, 2, 3, 4]));
    expect(s).toEqual({
      count: 4,
      mean: 2.5,
      std: Math.sqrt(5 / 3),
      min: 1,
      q25: 1.75,
      q50: 2.5,
      q75: 3.25,
      max: 4,
    });
  });
  it('reports NaN where pandas does', () => {
    const one = describe(Float64Array.from([7]));
    expect(one.count).toBe(1);
    expect(one.std).toBeNaN();
    expect(one.q75).toBe(7);
    const none = describe(Float64Array.from([NaN, NaN]));
    expect(none.count).toBe(0);
    expect(none.mean).toBeNaN();
    expect(none.max).toBeNaN();
  });
  it('interpolates quantiles linearly', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(quantileSorted([10, 20, 30, 40], 0.75)).toBe(32.5);
    expect(quantileSorted([5], 0.5)).toBe(5);
  });
  it('head(n) and negative n', () => {
    const ds = parseDataset(gaps, 'gaps.csv');
    expect(head(ds, 2)).toEqual([
      ['2020-01-01', '10', '10.5', '100'],
      ['2020-01-02', '', '11', '200'],
    ]);
    expect(head(ds, -1)).toEqual([]);
  });
});
