import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataset, type ParseOptions } from './dataset';
import { readPlainTable } from './plainTable';

/** parseDataset's result, or the message of what it threw. */
function outcome(text: string, name: string, options: ParseOptions): unknown {
  try {
    return parseDataset(text, name, options);
  } catch (e) {
    return { threw: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

const CELLS = [
  '1',
  '-2.5',
  '1001.4655',
  '.5',
  '7.',
  '',
  ' ',
  'NA',
  'null',
  '-',
  'x',
  ' 3 ',
  '1e3',
  '12345678901234567',
  '2020-01-02',
  '2020-01-01T09:30',
  '2021-02-30',
  '2020-01-01 10:00:00',
  '1/2/2020',
  '31.01.2020',
  '0,5',
];

const csvText = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 0, maxLength: 5 }), {
      maxLength: 25,
    }),
    trailing: fc.constantFrom('', '\n', '\n\n'),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r'),
    header: fc.array(fc.constantFrom('Date', 'Open', 'a', 'a', ''), { minLength: 1, maxLength: 4 }),
  })
  .map(({ delimiter, width, rows, trailing, eol, header }) => {
    const head = header.slice(0, width).join(delimiter);
    // Mostly full-width rows (the plain path), sometimes ragged or blank ones (the general path).
    const body = rows.map((r, i) =>
      i % 7 === 6
        ? r.join(delimiter)
        : Array.from({ length: width }, (_, j) => r[j] ?? '1').join(delimiter),
    );
    return `${head}\n${body.join('\n')}${trailing}`.replace(/\n/g, eol);
  });

describe('readPlainTable (columnar fast path)', () => {
  it('gives parseDataset exactly the general path’s result, errors included', () => {
    fc.assert(
      fc.property(csvText, fc.boolean(), (text, tsv) => {
        const name = tsv ? 'x.tsv' : 'x.csv';
        expect(outcome(text, name, {})).toEqual(outcome(text, name, { plainPath: false }));
      }),
      { numRuns: 1500 },
    );
  });

  it('takes plain LF and CRLF files; leaves quoted, mixed-break and ragged ones to readCsv', () => {
    expect(readPlainTable('Date,Open\n2020-01-01,1\n2020-01-02,2\n', 'a.csv')?.rowCount).toBe(2);
    expect(readPlainTable('Date,Open\r\n2020-01-01,1\r\n', 'a.csv')?.row(0)).toEqual([
      '2020-01-01',
      '1',
    ]);
    expect(readPlainTable('Date,Open\r\n2020-01-01,1\n', 'a.csv')).toBeNull();
    expect(readPlainTable('Date,Open\r2020-01-01,1\r', 'a.csv')).toBeNull();
    expect(readPlainTable('Date,Open\n"2020-01-01",1\n', 'a.csv')).toBeNull();
    expect(readPlainTable('Date,Open\n2020-01-01,1,3\n', 'a.csv')).toBeNull();
    expect(readPlainTable('Date,Open\n2020-01-01\n', 'a.csv')).toBeNull();
  });

  it('types plain numeric and ISO columns by offset, with line numbers across blank lines', () => {
    const t = readPlainTable('\nDate,Open\n2020-01-01T00:01,1.5\n\n2020-01-01T00:02,-2\n', 'a.csv');
    expect(t?.lines).toEqual([3, 5]);
    expect(Array.from(t?.typeColumn(1).values ?? [])).toEqual([1.5, -2]);
    expect(t?.typeColumn(0).kind).toBe('date');
    expect(t?.row(1)).toEqual(['2020-01-01T00:02', '-2']);
  });

  it('cellRows keeps the text of only the oldest rows, after reordering', () => {
    const text = 'Date,Open\n2020-01-03,3\n2020-01-02,2\n2020-01-01,1\n';
    const full = parseDataset(text, 'a.csv');
    const head = parseDataset(text, 'a.csv', { cellRows: 2 });
    expect(head.cells).toEqual([
      ['2020-01-01', '1'],
      ['2020-01-02', '2'],
    ]);
    expect({ ...head, cells: null }).toEqual({ ...full, cells: null });
  });
});
