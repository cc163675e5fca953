import { describe, expect, it } from 'vitest';
import { emptyRecord, toRecord } from './records';

describe('records keyed by column names', () => {
  it('stores __proto__ and constructor as ordinary keys', () => {
    const r = emptyRecord<number>();
    r['__proto__'] = 1;
    r['constructor'] = 2;
    expect(Object.keys(r)).toEqual(['__proto__', 'constructor']);
    expect(r['__proto__']).toBe(1);
    expect(r['toString']).toBeUndefined();
    expect(r['hasOwnProperty']).toBeUndefined();
  });

  it('copies a structured clone back into a prototype-free record', () => {
    const src = emptyRecord<number>();
    src['__proto__'] = 3;
    const cloned = structuredClone(src);
    const r = toRecord(cloned);
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(r['__proto__']).toBe(3);
    expect(r['valueOf']).toBeUndefined();
  });
});
