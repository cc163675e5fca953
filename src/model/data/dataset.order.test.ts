/** Dates and row order: date formats, newest-first and shuffled files, time stamps. */
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../core/types';
import { parseDataset } from './dataset';
import { isoDates } from './dates';

/** The dataset's dates as text, as the page shows them. */
const textDates = (ds: Dataset) => (ds.times ? isoDates(ds.times, ds.dateOnly) : null);

describe('dates and order', () => {
  const datesOf = (col: string[]) =>
    parseDataset(`d,v\n${col.map((c, i) => `"${c}",${i}`).join('\n')}\n`, 'x.csv');
  it('ISO, month names, M/D/Y, D/M/Y when needed, dotted D.M.Y', () => {
    const cases: [string[], string[]][] = [
      [
        ['2017-11-10', '2017-11-13'],
        ['2017-11-10', '2017-11-13'],
      ],
      [
        ['Jan 1 2000', 'Feb 29 2000', 'March 3, 2000'],
        ['2000-01-01', '2000-02-29', '2000-03-03'],
      ],
      [
        ['1 Jan 2000', '02-Jan-2000'],
        ['2000-01-01', '2000-01-02'],
      ],
      [
        ['1/31/2020', '2/1/2020', '2/3/2020'],
        ['2020-01-31', '2020-02-01', '2020-02-03'],
      ],
      [
        ['1/2/2020', '2/2/2020'],
        ['2020-01-02', '2020-02-02'],
      ], // ambiguous → M/D/Y
      [
        ['30/1/2020', '2/2/2020'],
        ['2020-01-30', '2020-02-02'],
      ], // 30 > 12 → D/M/Y
      [
        ['31.01.2020', '01.02.2020'],
        ['2020-01-31', '2020-02-01'],
      ],
      [
        ['12/31/99', '1/1/00', '1/2/68'],
        ['1999-12-31', '2000-01-01', '2068-01-02'],
      ],
      [
        ['2020/01/05', '2020/01/06'],
        ['2020-01-05', '2020-01-06'],
      ],
    ];
    for (const [input, iso] of cases) {
      const ds = datesOf(input);
      expect(ds.dateColumn).toBe('d');
      expect(ds.columns[0].kind).toBe('date');
      expect(textDates(ds)).toEqual(iso);
    }
  });
  it('times that differ give full ISO', () => {
    // Distinct instants: a repeated date is refused (series.test.ts).
    const ds = datesOf(['2020-01-01 09:30', '2020-01-01T10:30:00Z', '2020-01-01T13:30:00+02:00']);
    expect(textDates(ds)).toEqual([
      '2020-01-01T09:30:00.000Z',
      '2020-01-01T10:30:00.000Z',
      '2020-01-01T11:30:00.000Z',
    ]);
  });
  it('impossible dates are not dates', () => {
    const ds = datesOf(['2021-02-30', '2021-13-01', 'Foo 1 2000']);
    expect(ds.columns[0].kind).toBe('text');
    expect(ds.dateColumn).toBeNull();
    expect(textDates(ds)).toBeNull();
  });
  it('a newest-first file is reversed and says so', () => {
    const ds = parseDataset('Date,Open\n2020-01-03,3\n2020-01-02,2\n2020-01-01,1\n', 'x.csv');
    expect(ds.reversed).toBe(true);
    expect(textDates(ds)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(Array.from(ds.numeric.Open)).toEqual([1, 2, 3]);
    expect(ds.cells[0]).toEqual(['2020-01-01', '1']);
    expect(ds.warnings).toEqual([
      'Rows were newest-first; they were reversed so the oldest row comes first.',
    ]);
  });
  it('an oldest-first file is left alone; a shuffled one is sorted', () => {
    const a = parseDataset('Date,Open\n1/1/2020,1\n1/2/2020,2\n', 'x.csv');
    expect(a.reversed).toBe(false);
    expect(a.warnings).toEqual([]);
    const b = parseDataset('Date,Open\n2020-01-02,2\n2020-01-01,1\n2020-01-03,3\n', 'x.csv');
    expect(b.reversed).toBe(false);
    expect(Array.from(b.numeric.Open)).toEqual([1, 2, 3]);
    expect(b.warnings[0]).toBe(
      'Rows were not in date order; they were sorted by "Date", oldest first.',
    );
  });
  it('without a date column there are no dates', () => {
    const ds = parseDataset('v\n3\n2\n1\n', 'x.csv');
    expect([ds.dateColumn, textDates(ds), ds.reversed]).toEqual([null, null, false]);
  });
});
