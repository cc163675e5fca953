import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastIsoDate, fastNumber, parseNumber, typeColumn } from './columnType';
import { isoDate, isoDates, parseDate } from './dates';

describe('fast paths agree with the general parsers', () => {
  it('fastNumber gives the same double as Number() for plain decimals, NaN for other shapes', () => {
    expect(fastNumber('1001.4655')).toBe(1001.4655);
    expect(fastNumber('-0.1')).toBe(-0.1);
    expect(Object.is(fastNumber('-0'), -0)).toBe(true);
    expect(fastNumber('+7.')).toBe(7);
    expect(fastNumber('.5')).toBe(0.5);
    for (const s of ['', '-', '.', '1e5', ' 1', '1,000', '1.2.3', '1234567890123456']) {
      expect(fastNumber(s)).toBeNaN();
    }
    const decimal = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        fc.stringMatching(/^\d{0,9}$/),
        fc.boolean(),
        fc.stringMatching(/^\d{0,9}$/),
      )
      .map(([sign, a, dot, b]) => `${sign}${a}${dot ? '.' : ''}${dot ? b : ''}`);
    fc.assert(
      fc.property(decimal, (s) => {
        const v = fastNumber(s);
        if (!Number.isNaN(v)) expect(Object.is(v, parseNumber(s))).toBe(true);
        else
          expect(s.replace(/[+.-]/g, '').length === 0 || s.replace(/\D/g, '').length > 15).toBe(
            true,
          );
      }),
      { numRuns: 2000 },
    );
  });

  it('fastIsoDate gives parseDate’s value or NaN (then parseDate decides)', () => {
    expect(fastIsoDate('2020-01-01T00:01')).toBe(Date.UTC(2020, 0, 1, 0, 1));
    expect(fastIsoDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(fastIsoDate('2023-02-29')).toBeNaN();
    expect(fastIsoDate('2020-01-01T23:59:60')).toBeNaN();
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const iso = fc
      .tuple(
        fc.integer({ min: 900, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('', 'T', ' '),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 61 })),
      )
      .map(([y, m, d, sep, hh, mm, ss]) => {
        const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        if (sep === '') return day;
        return `${day}${sep}${pad(hh, 2)}:${pad(mm, 2)}${ss === null ? '' : `:${pad(ss, 2)}`}`;
      });
    fc.assert(
      fc.property(iso, (s) => {
        const t = fastIsoDate(s);
        if (!Number.isNaN(t)) expect(t).toBe(parseDate(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('isoDates writes what isoDate writes', () => {
    const times = fc.oneof(
      fc.integer({ min: -62_167_219_200_000 - 5e9, max: 253_402_300_800_000 + 5e9 }),
      fc.constant(NaN),
      fc.integer({ min: -2e9, max: 2e9 }).map((sec) => sec * 1000),
      fc.integer({ min: -5, max: 5 }).map((d) => d * 86_400_000),
    );
    fc.assert(
      fc.property(fc.array(times, { maxLength: 20 }), fc.boolean(), (ts, dateOnly) => {
        const arr = Float64Array.from(ts);
        expect(isoDates(arr, dateOnly)).toEqual(ts.map((t) => isoDate(t, dateOnly)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('typeColumn', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => i + 2);

  it('numbers with 1 junk cell in 10 are numeric, with the junk line; 2 in 10 make it text', () => {
    const cells = ['1', '2.5', 'x', '4', 'NA', '6', '7', '8', '9', '10', '11'];
    const t = typeColumn(cells, lines(11), ',');
    expect([t.kind, t.missing, t.junk]).toEqual(['numeric', 2, [4]]);
    expect(Array.from(t.values.subarray(0, 4))).toEqual([1, 2.5, NaN, 4]);
    expect(
      typeColumn(['1', 'x', 'y', '4', '5', '6', '7', '8', '9', '10'], lines(10), ',').kind,
    ).toBe('text');
  });

  it('ISO and slash dates mixed in one column are all read', () => {
    const t = typeColumn(['2020-01-02', '1/3/2020', '2020-01-04 10:00', ''], lines(4), ',');
    expect(t.kind).toBe('date');
    expect(t.missing).toBe(1);
    expect(Array.from(t.values.subarray(0, 3))).toEqual([
      Date.UTC(2020, 0, 2),
      Date.UTC(2020, 0, 3),
      Date.UTC(2020, 0, 4, 10),
    ]);
  });

  it('decimal commas win in a semicolon file when they read more cells', () => {
    const t = typeColumn(['1,5', '2,25', '3'], lines(3), ';');
    expect([t.kind, Array.from(t.values)]).toEqual(['numeric', [1.5, 2.25, 3]]);
  });
});
