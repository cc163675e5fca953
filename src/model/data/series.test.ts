/** Long format, the time axis and default targets: small inline files and vega-datasets' own. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../core/errors';
import type { Dataset } from '../core/types';
import { defaultTargetColumn, isIdLike, noAxisNote } from './columns';
import { parseDataset } from './dataset';
import { isoDates } from './dates';
import { largestSeries, seriesDataset } from './series';

const vega = (file: string) =>
  parseDataset(readFileSync(`node_modules/vega-datasets/data/${file}`, 'utf8'), file);

/** The largest series of a long-format dataset, as the page shows it first. */
const largest = (ds: Dataset) => seriesDataset(ds, largestSeries(ds.series)!);

const strictlyIncreasing = (t: Float64Array) => t.every((v, i) => i === 0 || v > t[i - 1]);

describe('long format', () => {
  it('splits by the text column whose categories hold each date once', () => {
    const ds = parseDataset(
      'sym,date,price\nA,2020-01-01,1\nA,2020-01-02,2\nA,2020-01-03,3\nB,2020-01-01,10\nB,2020-01-02,20\n',
      'x.csv',
    );
    expect(ds.series?.column).toBe('sym');
    expect(ds.series?.names).toEqual(['A', 'B']);
    expect(ds.series?.counts).toEqual([3, 2]);
    expect(ds.warnings).toEqual([]); // each series was in order: no "sorted" note
    const b = seriesDataset(ds, 'B');
    expect(b.rowCount).toBe(2);
    expect(Array.from(b.numeric.price)).toEqual([10, 20]);
    expect(isoDates(b.times!, true)).toEqual(['2020-01-01', '2020-01-02']);
    expect(b.cells).toEqual([
      ['B', '2020-01-01', '10'],
      ['B', '2020-01-02', '20'],
    ]);
    expect(b.series).toBeNull();
    expect(largestSeries(ds.series)).toBe('A');
    expect(() => seriesDataset(ds, 'C')).toThrow(DataError);
  });

  it('recomputes missing counts and constants per series, and sorts each series by date', () => {
    const ds = parseDataset(
      'k,date,v,note\nA,2020-01-02,5,x\nA,2020-01-01,,\nB,2020-01-01,7,y\nB,2020-01-02,7,y\n',
      'x.csv',
    );
    const a = seriesDataset(ds, 'A');
    expect(Array.from(a.numeric.v)).toEqual([NaN, 5]);
    expect(a.columns.map((c) => c.missing)).toEqual([0, 0, 1, 1]);
    const b = seriesDataset(ds, 'B');
    expect(b.columns[2].constant).toBe(7);
    expect(b.columns[3].missing).toBe(0);
    expect(ds.warnings.join(' ')).toMatch(/Rows of some k series were not in date order/);
  });

  it('refuses repeated dates that no text column explains, naming how many', () => {
    const text = 'date,v\n2020-01-01,1\n2020-01-01,2\n2020-01-02,3\n2020-01-03,4\n2020-01-03,5\n';
    expect(() => parseDataset(text, 'dup.csv')).toThrow(
      '"dup.csv": 2 dates appear more than once and no text column tells the series apart; the app will not interleave them.',
    );
    // A text column that repeats a date within a category does not explain it either.
    const weatherOnly = 'date,w,v\n2020-01-01,sun,1\n2020-01-01,sun,2\n2020-01-02,rain,3\n';
    expect(() => parseDataset(weatherOnly, 'w.csv')).toThrow(/1 date appears more than once/);
    // Nor does a column of names, one per event (vega's la-riots.csv: a list, not series).
    const events = 'date,name,age\n2020-01-01,Ann,30\n2020-01-01,Bob,41\n2020-01-02,Cy,25\n';
    expect(() => parseDataset(events, 'e.csv')).toThrow(/1 date appears more than once/);
    expect(() => vega('la-riots.csv')).toThrow(/dates appear more than once/);
  });

  it('stocks.csv: five symbols, the largest first, its dates strictly increasing', () => {
    const ds = vega('stocks.csv');
    expect(ds.series?.column).toBe('symbol');
    expect([...ds.series!.names].sort()).toEqual(['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT']);
    expect(ds.series!.counts[ds.series!.names.indexOf('GOOG')]).toBe(68);
    const name = largestSeries(ds.series)!;
    expect(name).toBe('MSFT'); // four have 123 rows; the first by date wins
    const max = Math.max(...ds.series!.counts);
    expect(ds.series!.counts[ds.series!.names.indexOf(name)]).toBe(max);
    const one = largest(ds);
    expect(one.rowCount).toBe(max);
    expect(strictlyIncreasing(one.times!)).toBe(true);
    expect(defaultTargetColumn(one)).toBe('price');
  });

  it('weather.csv: one series per location (not per kind of weather)', () => {
    const ds = vega('weather.csv');
    expect(ds.series?.column).toBe('location');
    expect(ds.series?.names).toEqual(['Seattle', 'New York']);
    expect(strictlyIncreasing(largest(ds).times!)).toBe(true);
  });

  it('iowa-electricity.csv: one series per source, on a year axis', () => {
    const ds = vega('iowa-electricity.csv');
    expect(ds.series?.column).toBe('source');
    expect(ds.dateColumn).toBe('year');
    expect(ds.yearly).toBe(true);
    const one = largest(ds);
    expect(strictlyIncreasing(one.times!)).toBe(true);
    expect(defaultTargetColumn(one)).toBe('net_generation');
  });

  it('disasters.csv: one series per Entity on the Year axis, target Deaths', () => {
    const ds = vega('disasters.csv');
    expect(ds.series?.column).toBe('Entity');
    expect(ds.dateColumn).toBe('Year');
    expect(ds.yearly).toBe(true);
    const one = largest(ds);
    expect(strictlyIncreasing(one.times!)).toBe(true);
    expect(defaultTargetColumn(one)).toBe('Deaths');
  });
});

describe('time axis and default target', () => {
  it('global-temp.csv: the year is the axis (Jan 1 of each year), the target is temp', () => {
    const ds = vega('global-temp.csv');
    expect(ds.series).toBeNull();
    expect(ds.dateColumn).toBe('year');
    expect(ds.yearly).toBe(true);
    expect(isoDates(ds.times!, true)[0]).toBe('1880-01-01');
    expect(defaultTargetColumn(ds)).toBe('temp');
    expect(noAxisNote(ds)).toBeNull();
  });

  it('a year axis sorts a shuffled file; a numeric column of small integers is no year', () => {
    const ds = parseDataset('Year,v\n2002,2\n2000,0\n2001,1\n', 'x.csv');
    expect(ds.dateColumn).toBe('Year');
    expect(Array.from(ds.numeric.v)).toEqual([0, 1, 2]);
    const counts = parseDataset('n,v\n5,1\n3,2\n9,3\n', 'x.csv');
    expect(counts.dateColumn).toBeNull();
    expect(defaultTargetColumn(counts)).toBe('n');
    // A year column beside the date axis is no target either.
    const both = parseDataset(
      'date,year,temp\n2020-12-31,2020,1.5\n2021-01-01,2021,2.5\n2021-01-02,2021,0.5\n',
      'x.csv',
    );
    expect(both.dateColumn).toBe('date');
    expect(defaultTargetColumn(both)).toBe('temp');
    // Ids in the year range are ids: no axis, and not the target either.
    const ids = parseDataset('store_id,sales\n1001,5.5\n1002,7.25\n1003,6\n', 'x.csv');
    expect(ids.dateColumn).toBeNull();
    expect(defaultTargetColumn(ids)).toBe('sales');
  });

  it('an id column 1..n is never the default target; the value is', () => {
    const ds = parseDataset('id,reading\n1,0.5\n2,0.7\n3,0.2\n4,0.9\n', 'x.csv');
    expect(isIdLike(ds, 'id')).toBe(true);
    expect(isIdLike(ds, 'reading')).toBe(false);
    expect(defaultTargetColumn(ds)).toBe('reading');
    expect(noAxisNote(ds)).toMatch(/equally spaced time steps, in file order/);
    // Unnamed row numbers count up by 1 too.
    const rows = parseDataset('n,count\n0,12\n1,15\n2,11\n', 'x.csv');
    expect(defaultTargetColumn(rows)).toBe('count');
  });

  it('codes (zip codes, leading zeros, *_code, FIPS) and constants are never the default target', () => {
    const zips = parseDataset(
      'zip_code,latitude,longitude\n00501,40.9,-72.6\n00544,40.9,-72.6\n01001,42.1,-72.6\n',
      'z.csv',
    );
    expect(defaultTargetColumn(zips)).toBe('latitude');
    const lead = parseDataset('postal,n\n02134,3\n10001,5\n', 'z.csv');
    expect(isIdLike(lead, 'postal')).toBe(true);
    const fips = parseDataset('countyFips,unemployment\n1001,5.1\n1003,4.9\n1009,4.7\n', 'f.csv');
    expect(defaultTargetColumn(fips)).toBe('unemployment');
    const flat = parseDataset('const,v\n1,3\n1,5\n1,4\n', 'c.csv');
    expect(defaultTargetColumn(flat)).toBe('v');
    expect(defaultTargetColumn(vega('zipcodes.csv'))).toBe('latitude');
  });

  it('named value columns win, in order: Open, Close, Adj Close, price, value', () => {
    const ds = parseDataset('date,High,Close,Open\n2020-01-01,3,2,1\n2020-01-02,4,3,2\n', 'x.csv');
    expect(defaultTargetColumn(ds)).toBe('Open');
    const v = parseDataset('date,count,value\n2020-01-01,3,2\n2020-01-02,4,3\n', 'x.csv');
    expect(defaultTargetColumn(v)).toBe('value');
  });

  it('the other vega files: sensible targets, dates as the axis', () => {
    const cases: [string, string, string][] = [
      ['seattle-weather.csv', 'date', 'precipitation'],
      ['sp500.csv', 'date', 'price'],
      ['co2-concentration.csv', 'Date', 'CO2'],
      ['us-employment.csv', 'month', 'nonfarm'],
    ];
    for (const [file, axis, target] of cases) {
      const ds = vega(file);
      expect(ds.series, file).toBeNull();
      expect(ds.dateColumn, file).toBe(axis);
      expect(defaultTargetColumn(ds), file).toBe(target);
    }
  });
});
