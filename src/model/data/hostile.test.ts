import { describe, expect, it } from 'vitest';
import { DataError, MAX_COLUMNS } from '../core/errors';
import { headerWidth } from './csv';
import { parseDataset } from './dataset';
import { checkDataConfig } from './prep';
import { checkRepresentable } from './range';
import { describeDataset, missingCounts } from './stats';

describe('hostile column names', () => {
  const text =
    '__proto__,constructor,toString,hasOwnProperty,label\n1,2,3,4,a\n2,3,4,5,b\n3,5,5,6,c\n';

  it('keeps __proto__, constructor and friends as ordinary numeric columns', () => {
    const ds = parseDataset(text, 'p.csv');
    expect(Object.keys(ds.numeric)).toEqual([
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
    ]);
    expect(Array.from(ds.numeric['__proto__'])).toEqual([1, 2, 3]);
    expect(Array.from(ds.numeric['constructor'])).toEqual([2, 3, 5]);
    expect(ds.numeric['label']).toBeUndefined();
    expect(ds.numeric['valueOf']).toBeUndefined();
  });

  it('describes them and counts their gaps without touching Object.prototype', () => {
    const ds = parseDataset(text, 'p.csv');
    const stats = describeDataset(ds);
    expect(stats['__proto__'].mean).toBe(2);
    expect(stats['constructor'].max).toBe(5);
    expect(stats['label']).toBeUndefined();
    expect(missingCounts(ds)['toString']).toBe(0);
    expect(({} as Record<string, unknown>)['count']).toBeUndefined();
  });
});

describe('very many columns', () => {
  const wide = (n: number) =>
    Array.from({ length: n }, (_, j) => `c${j}`).join(',') +
    '\n' +
    Array.from({ length: n }, (_, j) => j).join(',') +
    '\n';

  it('counts the header without parsing, quotes and sep= lines included', () => {
    expect(headerWidth('a,b,c\n1,2,3\n')).toBe(3);
    expect(headerWidth('\ufeffsep=;\n"a;x";b\n1;2\n')).toBe(2);
    expect(headerWidth('\n\na\tb\tc\td\n')).toBe(4);
    expect(headerWidth('one\n1\n')).toBe(1);
    expect(headerWidth('a,b,c')).toBe(0);
  });

  it('reads MAX_COLUMNS columns and refuses one more, naming the count and the limit', () => {
    expect(
      parseDataset(wide(MAX_COLUMNS) + wide(MAX_COLUMNS).split('\n')[1], 'w.csv').columns,
    ).toHaveLength(MAX_COLUMNS);
    expect(() => parseDataset(wide(50_000), 'w.csv')).toThrow(
      '"w.csv" has 50,000 columns; the playground reads at most 2,000.',
    );
  });

  it('refuses 50,000 columns in well under a second', () => {
    const text = wide(50_000).repeat(20);
    const t0 = performance.now();
    expect(() => parseDataset(text, 'w.csv')).toThrow(DataError);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});

describe('values the network cannot represent', () => {
  const cfg = { targetColumn: 'big', trainSplit: 0.8, timesteps: 2 };
  const rows = (f: (i: number) => string) =>
    'big,ok\n' + Array.from({ length: 20 }, (_, i) => `${f(i)},${i}`).join('\n') + '\n';

  it('refuses a target near 1e308 before training, naming the column', () => {
    const ds = parseDataset(
      rows((i) => `${(i + 1) * 7}e306`),
      'big.csv',
    );
    expect(() => checkDataConfig(ds, cfg)).toThrow(
      /Column "big" holds values as large as 1\.40e\+308; the network computes in 32-bit floats/,
    );
    expect(checkDataConfig(ds, { ...cfg, targetColumn: 'ok' })).toBe('ok');
  });

  it('refuses values beyond float32 and accepts those just inside', () => {
    expect(() => checkRepresentable([0, -1e39], 'x')).toThrow(/-1\.00e\+39/);
    expect(() => checkRepresentable([-1e308, 1e308], 'x')).toThrow(DataError);
    expect(() => checkRepresentable([NaN, 0, 3e38], 'x')).not.toThrow();
  });
});

describe('a column too sparse in numbers', () => {
  const rows = (n: number, f: (i: number) => string) =>
    'v,mixed\n' + Array.from({ length: n }, (_, i) => `${i},${f(i)}`).join('\n') + '\n';

  it('explains the 90 % rule with the counts when it is read as text', () => {
    const ds = parseDataset(
      rows(300, (i) => (i < 12 ? String(i) : `n/k${i}`)),
      's.csv',
    );
    expect(ds.columns[1].kind).toBe('text');
    expect(ds.warnings).toContain(
      'Column "mixed" has numbers in only 12 of 300 non-empty cells (4 %); a column counts as numeric when at least 90 % of its non-empty cells are numbers, so it is read as text.',
    );
  });

  it('says so in the no-numeric-column error too', () => {
    const text =
      'name,x\n' + Array.from({ length: 10 }, (_, i) => `a${i},${i < 5 ? i : 'z'}`).join('\n');
    expect(() => parseDataset(text, 'n.csv')).toThrow(
      /has no numeric column .* Column "x" has numbers in only 5 of 10 non-empty cells \(50 %\)/,
    );
  });

  it('stays quiet about text columns without numbers', () => {
    expect(
      parseDataset(
        rows(20, (i) => `a${i}`),
        't.csv',
      ).warnings,
    ).toEqual([]);
  });
});
