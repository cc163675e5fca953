/** Property tests: whatever text comes in, CSV → table → windows fails only with DataError and never yields NaN. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDataset } from './dataset';
import { checkDataConfig, makeWindows, prepare, splitIndex } from './prep';
import { DataError } from '../core/errors';
import type { Dataset } from '../core/types';

interface Cfg {
  target: number; // index into the columns, or -1 for the default ('')
  trainSplit: number;
  timesteps: number;
}

const cfgArb: fc.Arbitrary<Cfg> = fc.record({
  target: fc.integer({ min: -1, max: 6 }),
  trainSplit: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  timesteps: fc.integer({ min: 1, max: 8 }),
});

function checkDataset(ds: Dataset): void {
  const names = ds.columns.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
  expect(ds.cells.length).toBe(ds.rowCount);
  for (const row of ds.cells) expect(row.length).toBe(names.length);
  for (const c of ds.columns) {
    if (c.kind !== 'numeric') continue;
    const v = ds.numeric[c.name];
    expect(v.length).toBe(ds.rowCount);
    expect(v.filter((x) => Number.isNaN(x)).length).toBe(c.missing);
    expect(v.every((x) => Number.isNaN(x) || Number.isFinite(x))).toBe(true);
  }
  if (ds.times) expect(ds.times.length).toBe(ds.rowCount);
}

/**
 * A refusal is for people: a sentence, with no `undefined`, `NaN` or `[object …]` leaked from a
 * template. Messages quote the file's own column names, which may be anything: a "NaN" counts as a
 * leak only where the file itself never says NaN.
 */
function expectReadable(e: DataError, text: string): void {
  expect(e.message).toMatch(/^\S.*[.)]$/s);
  expect(e.message).not.toMatch(/\bundefined\b|\[object /);
  if (!text.includes('NaN')) expect(e.message).not.toMatch(/\bNaN\b/);
}

/**
 * Runs the whole pipeline. Parsing may refuse the text and checkDataConfig the settings, each with
 * a readable DataError; once checkDataConfig has accepted them (the page then lets Train start),
 * prepare must not throw at all, and its windows must be finite with exact shapes.
 */
function runPipeline(text: string, name: string, cfg: Cfg): void {
  let ds: Dataset;
  try {
    ds = parseDataset(text, name);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    expectReadable(e, text);
    return;
  }
  checkDataset(ds);
  const col = ds.columns[cfg.target];
  const targetColumn = cfg.target < 0 || !col ? '' : col.name;
  const settings = { targetColumn, trainSplit: cfg.trainSplit, timesteps: cfg.timesteps };
  let target: string;
  try {
    target = checkDataConfig(ds, settings);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    expectReadable(e, text);
    return;
  }
  const p = prepare(ds.numeric[target], settings);
  const n = ds.rowCount;
  const split = splitIndex(n, cfg.trainSplit);
  const T = cfg.timesteps;
  expect([p.nTrain, p.nTest, p.split, p.scaled.length]).toEqual([split - T, n - split, split, n]);
  expect([p.testActual.length, p.testPrevious.length]).toEqual([n - split, n - split]);
  const train = makeWindows(p.scaled, T, T, split);
  const test = makeWindows(p.scaled, T, split, n);
  for (const a of [train.X, train.Y, test.X, test.Y, p.testActual, p.testPrevious]) {
    expect(a.every(Number.isFinite)).toBe(true);
  }
}

/** Header names that are also Object.prototype's keys: a plain `{}` keyed by them breaks. */
const PROTO_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

const MARKERS = ['', 'NaN', 'null', 'NA', 'N/A', '-', 'n/a', 'NULL', ' '];
const cellArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: false }).map(String) },
  { weight: 6, arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: 0, max: 1e7 }).map((v) => `"${v.toLocaleString('en-US')}"`),
  },
  { weight: 3, arbitrary: fc.constantFrom(...MARKERS) },
  {
    weight: 2,
    arbitrary: fc
      .date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1e400',
      '-1e308',
      '1e308',
      '5e-324',
      'Infinity',
      '"a,b"',
      '"q""',
      '\uFFFD',
      '<b>x</b>',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);

const tableArb = fc
  .record({
    cols: fc.integer({ min: 1, max: 5 }),
    rows: fc.integer({ min: 0, max: 40 }),
    delim: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    names: fc.array(
      fc.oneof(
        fc.constantFrom('Date', 'Open', 'open', 'a', '', 'a.1'),
        fc.constantFrom(...PROTO_NAMES),
        fc.string({ maxLength: 5 }),
      ),
      { minLength: 5, maxLength: 5 },
    ),
  })
  .chain((t) =>
    fc.record({
      t: fc.constant(t),
      body: fc.array(
        fc.oneof(
          { weight: 10, arbitrary: fc.array(cellArb, { minLength: t.cols, maxLength: t.cols }) },
          { weight: 1, arbitrary: fc.array(cellArb, { minLength: 0, maxLength: t.cols + 2 }) }, // ragged or blank
        ),
        { minLength: t.rows, maxLength: t.rows },
      ),
    }),
  )
  .map(({ t, body }) => {
    const lines = [t.names.slice(0, t.cols).join(t.delim), ...body.map((r) => r.join(t.delim))];
    return (t.bom ? '\uFEFF' : '') + lines.join(t.eol) + t.eol;
  });

const nameArb = fc.constantFrom('x.csv', 'x.txt', 'x.tsv', 'data');

describe('pipeline properties', () => {
  it('arbitrary strings: only DataError, finite windows, exact shapes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        nameArb,
        cfgArb,
        (text, name, cfg) => {
          runPipeline(text, name, cfg);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('CSV-ish tables with numbers, markers and junk', () => {
    fc.assert(
      fc.property(tableArb, nameArb, cfgArb, (text, name, cfg) => {
        runPipeline(text, name, cfg);
      }),
      { numRuns: 1000 },
    );
  });
  it('long numeric series always prepare (shapes and finiteness)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ min: -1e12, max: 1e12, noNaN: true }).map(String),
            fc.constantFrom('NA', 'null', '-'),
          ),
          { minLength: 60, maxLength: 200 },
        ),
        cfgArb,
        (vals, cfg) => {
          const text = `v\n1\n${vals.join('\n')}\n`;
          const ds = parseDataset(text, 'v.csv');
          expect(ds.rowCount).toBe(vals.length + 1);
          const p = prepare(ds.numeric.v, {
            trainSplit: Math.max(cfg.trainSplit, 0.3),
            timesteps: cfg.timesteps,
          });
          expect(p.scaled.every(Number.isFinite)).toBe(true);
          expect(p.nTrain + p.nTest + cfg.timesteps).toBe(ds.rowCount);
        },
      ),
      { numRuns: 200 },
    );
  });
});
