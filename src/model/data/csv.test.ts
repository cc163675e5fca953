import { describe, expect, it } from 'vitest';
import { cleanHeader, guessDelimiter, listLines, looksBinary, looksUtf16, readCsv } from './csv';

describe('csv helpers', () => {
  it('cleanHeader: pandas names for duplicates and blanks', () => {
    expect(cleanHeader(['a', 'a', 'a'])).toEqual(['a', 'a.1', 'a.2']);
    expect(cleanHeader(['a', 'a', 'a.1'])).toEqual(['a', 'a.2', 'a.1']);
    expect(cleanHeader([' x ', '', ' '])).toEqual(['x', 'Unnamed: 1', 'Unnamed: 2']);
    const odd = cleanHeader(['a.1', 'a', 'a', 'a.1', 'a.2']);
    expect(new Set(odd).size).toBe(5);
  });
  it('guessDelimiter: short files with a trailing blank line, single columns', () => {
    expect(guessDelimiter('a;b\n1;2\n\n')).toBe(';');
    expect(guessDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(guessDelimiter('a,b\n"1;5",2\n')).toBe(',');
    expect(guessDelimiter('v\n1\n2\n')).toBe(',');
    expect(guessDelimiter(`a;b\r${'1;2\r'.repeat(30000)}`)).toBe(';');
  });
  it('looksBinary', () => {
    expect(looksBinary('a,b\n1,2\n')).toBe(false);
    expect(looksBinary('Ünïcödé,名前\n1,2\n')).toBe(false);
    expect(looksBinary('a\u0000b')).toBe(true);
    expect(looksBinary('\uFFFD'.repeat(10) + 'abc')).toBe(true);
  });
  it('looksUtf16: Excel "Unicode text" read as UTF-8', () => {
    const src = '\uFEFFDate,Open\r\n2020-01-01,1\r\n';
    const bytes = new Uint8Array(new Uint16Array(Array.from(src, (c) => c.charCodeAt(0))).buffer); // UTF-16LE
    const text = new TextDecoder().decode(bytes);
    expect(looksUtf16(text)).toBe(true);
    expect(looksBinary(text)).toBe(true);
    expect(() => readCsv(text, 'u.csv')).toThrow(
      '"u.csv" is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8" (or plain CSV) and load that.',
    );
    expect(looksUtf16('a,b\n1,2\n')).toBe(false);
  });
  it('listLines', () => {
    expect(listLines([3])).toBe('line 3');
    expect(listLines([1, 2, 3, 4, 5, 6, 7])).toBe('lines 1, 2, 3, 4, 5 and 2 more');
  });
  it('readCsv: rows, line numbers and delimiter', () => {
    const t = readCsv('\uFEFFa;b\r\n\r\n1;2\r\n"x\r\ny";4\r\n5;6\r\n', 'x.csv');
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      ['1', '2'],
      ['x\r\ny', '4'],
      ['5', '6'],
    ]);
    expect(t.lines).toEqual([3, 4, 6]);
  });
  it('readCsv: an unclosed quote is refused with the line where it opens', () => {
    expect(() => readCsv('a,b\n1,2\n"3,4\n5,6\n', 'x.csv')).toThrow(
      '"x.csv" has a quote (") on line 3 that is never closed',
    );
    expect(() => readCsv('sep=,\r\na,b\r\n1,2\r\n3,4\r\n5,"6\r\n7,8\r\n', 'y.csv')).toThrow(
      'on line 5 that is never closed',
    );
    // A field quoted across lines and closed is fine.
    expect(readCsv('a,b\n"x\ny",2\n3,4\n', 'z.csv').rows).toHaveLength(2);
  });
});
