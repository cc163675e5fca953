import { describe, expect, it } from 'vitest';
import { DataError } from '../core/errors';
import type { Dataset } from '../core/types';
import { isMissing, parseNumber } from './columnType';
import { constantTargetNote, defaultTargetColumn } from './columns';
import { parseDataset } from './dataset';
import { isoDates } from './dates';

/** The dataset's dates as text, as the page shows them. */
const textDates = (ds: Dataset) => (ds.times ? isoDates(ds.times, ds.dateOnly) : null);

/** Expects parseDataset to throw a DataError with exactly this message. */
function fails(text: string, name: string, message: string | RegExp): void {
  let err: unknown;
  try {
    parseDataset(text, name);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DataError);
  if (typeof message === 'string') expect((err as DataError).message).toBe(message);
  else expect((err as DataError).message).toMatch(message);
}

describe('delimiters, encodings and layout', () => {
  it('comma, semicolon and tab are detected', () => {
    for (const d of [',', ';', '\t']) {
      const ds = parseDataset(`a${d}b\n1${d}2\n3${d}4\n`, 'x.csv');
      expect(ds.columns.map((c) => c.name)).toEqual(['a', 'b']);
      expect(Array.from(ds.numeric.b)).toEqual([2, 4]);
    }
  });
  it('semicolon files keep commas inside cells', () => {
    const ds = parseDataset(
      'Date;Price;Note\n2020-01-01;"1,234.50";a, b\n2020-01-02;12;c\n',
      'eu.csv',
    );
    expect(Array.from(ds.numeric.Price)).toEqual([1234.5, 12]);
    expect(ds.cells[0][2]).toBe('a, b');
  });
  it('decimal commas in ; and tab files; an Excel sep= line', () => {
    const ds = parseDataset('Datum;Kurs;Vol\n31.01.2020;1.234,5;7\n03.02.2020;0,25;8\n', 'de.csv');
    expect(Array.from(ds.numeric.Kurs)).toEqual([1234.5, 0.25]);
    expect(textDates(ds)).toEqual(['2020-01-31', '2020-02-03']);
    const tab = parseDataset('a\tb\n1,5\t2\n3,25\t4\n', 'x.txt');
    expect(Array.from(tab.numeric.a)).toEqual([1.5, 3.25]);
    const sep = parseDataset('sep=;\r\na;b\r\n1;2\r\n3;x,y\r\n4;5\r\n', 'x.csv');
    expect(sep.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(sep.rowCount).toBe(3);
  });
  it('a .tsv name means tab even when commas abound', () => {
    const ds = parseDataset('a,x\tb\n1,5\t2\n3,5\t4\n', 'data.tsv');
    expect(ds.columns.map((c) => c.name)).toEqual(['a,x', 'b']);
    expect(Array.from(ds.numeric.b)).toEqual([2, 4]);
  });
  it('a Kaggle .txt file (Date,Open,High,Low,Close,Volume,OpenInt)', () => {
    const ds = parseDataset(
      'Date,Open,High,Low,Close,Volume,OpenInt\n2010-06-28,17,17,17,17,0,0\n2010-06-29,19,25,17.54,23.89,18783276,0\n',
      'tsla.us.txt',
    );
    expect(ds.rowCount).toBe(2);
    expect(ds.dateColumn).toBe('Date');
    expect(Array.from(ds.numeric.Volume)).toEqual([0, 18783276]);
    expect(defaultTargetColumn(ds)).toBe('Open');
  });
  it('UTF-8 BOM, CRLF, CR-only and blank lines', () => {
    const a = parseDataset('\uFEFFDate,Open\r\n2020-01-01,1\r\n\r\n2020-01-02,2\r\n\r\n', 'x.csv');
    expect(a.columns[0].name).toBe('Date');
    expect(a.rowCount).toBe(2);
    expect(a.cells[1]).toEqual(['2020-01-02', '2']);
    const b = parseDataset('v\r1\r2\r', 'x.csv');
    expect(Array.from(b.numeric.v)).toEqual([1, 2]);
    const c = parseDataset('\n\nv\n1\n   \n\n2\n\n', 'x.csv');
    expect(Array.from(c.numeric.v)).toEqual([1, 2]);
    expect(c.warnings).toEqual([]);
  });
  it('quoted fields: delimiters, quotes and line breaks inside', () => {
    const ds = parseDataset(
      'name,v\n"Smith, J.",1\n"say ""hi""",2\n"two\nlines",3\nlast,4\n',
      'x.csv',
    );
    expect(ds.cells.map((r) => r[0])).toEqual(['Smith, J.', 'say "hi"', 'two\nlines', 'last']);
    expect(Array.from(ds.numeric.v)).toEqual([1, 2, 3, 4]);
  });
  it('thousands separators and number forms', () => {
    expect(parseNumber('1,234.50')).toBe(1234.5);
    expect(parseNumber(' 12,345,678 ')).toBe(12345678);
    expect(parseNumber('-1,000')).toBe(-1000);
    expect(parseNumber('1.5e3')).toBe(1500);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('+7.')).toBe(7);
    for (const bad of ['1,23', '12,34.5', 'abc', '1e999', '0x10', 'Infinity', '1 000']) {
      expect(parseNumber(bad)).toBeNaN();
    }
  });
});

describe('missing values', () => {
  it('each marker, any case, is counted and stored as NaN', () => {
    const markers = [
      '',
      'NaN',
      'nan',
      'null',
      'NULL',
      'NA',
      'na',
      'N/A',
      'n/a',
      '-',
      ' None ',
      '#N/A',
    ];
    for (const m of markers) expect(isMissing(m)).toBe(true);
    const ds = parseDataset(
      `v,w\n${markers.map((m, i) => `${m},${i}`).join('\n')}\n5,1\n`,
      'x.csv',
    );
    expect(ds.columns[0]).toEqual({
      name: 'v',
      kind: 'numeric',
      missing: markers.length,
      constant: 5, // its one non-missing value
    });
    expect(ds.numeric.v.filter((x) => Number.isNaN(x)).length).toBe(markers.length);
    expect(ds.numeric.v[markers.length]).toBe(5);
    expect(isMissing('0')).toBe(false);
  });
  it('a few junk cells in a numeric column count as gaps, with a warning naming the lines', () => {
    const rows = Array.from({ length: 20 }, (_, i) => (i === 4 ? 'oops' : String(i)));
    const ds = parseDataset(`v\n${rows.join('\n')}\n`, 'x.csv');
    expect(ds.columns[0]).toEqual({ name: 'v', kind: 'numeric', missing: 1, constant: null });
    expect(ds.warnings).toEqual([
      'Column "v": 1 cell is not a number and counts as a gap: line 6.',
    ]);
  });
  it('a Yahoo export with "null" rows', () => {
    const ds = parseDataset(
      'Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.4,100\n2020-01-03,null,null,null,null,null,null\n',
      'AAPL.csv',
    );
    expect(ds.columns.map((c) => c.missing)).toEqual([0, 1, 1, 1, 1, 1, 1]);
  });
});

describe('headers', () => {
  it('HTML in a header stays plain text', () => {
    const ds = parseDataset(
      '"<img src=x onerror=alert(1)>",<script>alert(1)</script>\n1,2\n',
      'x.csv',
    );
    expect(ds.columns.map((c) => c.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
    ]);
  });
  it('duplicates and empty names as pandas', () => {
    const ds = parseDataset('a,a,a.1,,b,a\n1,2,3,4,5,6\n', 'x.csv');
    expect(ds.columns.map((c) => c.name)).toEqual(['a', 'a.2', 'a.1', 'Unnamed: 3', 'b', 'a.3']);
    expect(Object.keys(ds.numeric)).toHaveLength(6);
  });
  it('defaultTargetColumn: Open in any case, else the first numeric with values', () => {
    expect(defaultTargetColumn(parseDataset('Date,Close,open\n2020-01-01,1,2\n', 'x.csv'))).toBe(
      'open',
    );
    expect(defaultTargetColumn(parseDataset('Name,Empty,Price\nx,,2\n', 'x.csv'))).toBe('Price');
    expect(defaultTargetColumn(parseDataset(',Price\n0,2\n1,3\n', 'x.csv'))).toBe('Price');
    expect(defaultTargetColumn(parseDataset('v\n1\n', 'x.csv'))).toBe('v');
  });
  it('a constant column loads, marked, with a warning when it is the target', () => {
    const ds = parseDataset('v,c\n1,5\n2,5\n', 'x.csv');
    expect(ds.columns.map((c) => c.constant)).toEqual([null, 5]);
    expect(ds.warnings).toEqual([]);
    expect(constantTargetNote(ds, 'c')).toBe(
      'Column "c" has the same value (5) in every row; a model can only learn that constant.',
    );
    expect(constantTargetNote(ds, 'v')).toBeNull();
  });
});

describe('bad files get a specific DataError', () => {
  it('empty', () => {
    fails('', 'e.csv', '"e.csv" is empty: it has no header and no rows.');
    fails('\uFEFF \r\n\n', 'e.csv', '"e.csv" is empty: it has no header and no rows.');
  });
  it('a header with no rows', () => {
    fails('Date,Open\n', 'h.csv', '"h.csv" has a header line but no data rows.');
    fails('Date,Open\n\n\n  \n', 'h.csv', '"h.csv" has a header line but no data rows.');
  });
  it('no numeric column', () => {
    fails(
      'Name,City\nAnn,Oslo\nBob,Rome\n',
      't.csv',
      '"t.csv" has no numeric column (columns: Name, City); the network needs at least one column of numbers.',
    );
    fails('Date,v\n2020-01-01,\n2020-01-02,NA\n', 'n.csv', /has no numeric column/);
  });
  it('binary content (a PNG renamed .csv, bytes that are not UTF-8)', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1,
      0,
    ]);
    const msg =
      '"p.csv" looks like a binary file (an image, a spreadsheet or an archive), not CSV text. Save or export it as CSV and load that.';
    fails(new TextDecoder().decode(png), 'p.csv', msg);
    const noise = Uint8Array.from({ length: 4000 }, (_, i) => 128 + ((i * 37) % 128));
    fails(new TextDecoder().decode(noise), 'p.csv', msg);
  });
  // How fast it is refused is a benchmark figure (scripts/bench-parse.mjs), not a test limit.
  it('one 5 MB line: a clear message', () => {
    const line = '1,'.repeat(2.5 * 1024 * 1024);
    fails(
      line,
      'big.csv',
      '"big.csv" is a single 5.0 MB line with no line breaks; a CSV needs a header line and then one line per row.',
    );
  });
  it('ragged rows: short ones padded, long ones dropped, lines named', () => {
    const ds = parseDataset('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n13,14,15,\n', 'r.csv');
    expect(ds.rowCount).toBe(4);
    expect(ds.cells).toEqual([
      ['1', '2', '3'],
      ['4', '5', ''],
      ['10', '11', '12'],
      ['13', '14', '15'],
    ]);
    expect(ds.columns[2].missing).toBe(1);
    expect(ds.warnings).toEqual([
      'Skipped 1 row with more fields than the 3 header columns: line 4.',
      '1 row had fewer fields than the 3 header columns; their missing cells count as gaps: line 3.',
    ]);
  });
  it('ragged line numbers count blank and multi-line rows; long lists are cut', () => {
    const body = Array.from({ length: 8 }, (_, i) => `${i},${i},${i}`).join('\n\n');
    const ds = parseDataset(`a,b\n"x\ny",1\n${body}\n1,2\n`, 'r.csv');
    expect(ds.rowCount).toBe(2);
    expect(ds.warnings[0]).toBe(
      'Skipped 8 rows with more fields than the 2 header columns: lines 4, 6, 8, 10, 12 and 3 more.',
    );
  });
  it('nothing usable left', () => {
    fails(
      'a\n1,2\n3,4\n',
      'r.csv',
      '"r.csv": every data row has more fields than the 1 header columns (lines 2, 3). Check the delimiter or the header line.',
    );
  });
});
