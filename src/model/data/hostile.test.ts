import { describe, expect, it } from 'vitest';
import { parseDataset } from './dataset';
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
