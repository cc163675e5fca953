/**
 * The store's rules against races between loading data and training: nothing trains on data about to
 * be replaced, a new dataset resets the run before it shows, overlapping loads do not lose both, and
 * no trainer message about another dataset reaches the page.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseDataset } from '../model/data/dataset';
import { describeDataset } from '../model/data/stats';
import type { ParseResult } from '../workers/parse/client';
import type { FromWorker } from '../workers/trainer/protocol';
import { initialState, useStore } from './store';

/** Parses answered by hand: each call waits until the test settles it. */
const parses: { resolve: (r: ParseResult) => void; reject: (e: Error) => void }[] = [];
vi.mock('../workers/parse/client', () => ({
  parseInWorker: () =>
    new Promise<ParseResult>((resolve, reject) => parses.push({ resolve, reject })),
}));

/** The trainer client: records commands; `deliver` plays the worker's answers. */
const sent: string[] = [];
let deliver: (msg: FromWorker) => void = () => {};
vi.mock('../workers/trainer/client', () => ({
  createTrainerClient: () => ({
    init: () => sent.push('init'),
    load: () => (sent.push('load'), 1),
    start: () => sent.push('start'),
    reset: () => sent.push('reset'),
    subscribe: (l: (msg: FromWorker) => void) => {
      const prev = deliver;
      deliver = (m) => (prev(m), l(m));
      return () => {};
    },
  }),
}));

const { loadFile, loadSample } = await import('./dataActions');
const { train } = await import('./trainActions');

const sine = parseDataset(readFileSync('public/samples/sine.csv', 'utf8'), 'sine.csv');
const sineResult: ParseResult = { dataset: sine, stats: describeDataset(sine) };
const csv = (name: string) => new File(['date,value\n2020-01-01,1\n'], name, { type: 'text/csv' });
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('loading and training do not race', () => {
  beforeEach(() => {
    useStore.setState({ ...initialState, dataset: sine, source: sine, sample: 'sine' });
    parses.length = 0;
    sent.length = 0;
    vi.stubGlobal('fetch', async () => new Response('date,value\n'));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('refuses Train while a file loads (the data on screen is about to be replaced)', async () => {
    void loadFile(csv('big.csv'));
    expect(useStore.getState().loading).not.toBeNull();
    train();
    expect(sent).toEqual([]);
    expect(useStore.getState().status).toBe('idle');
    parses[0].reject(new Error('bad file'));
    await settle();
    expect(useStore.getState().loading).toBeNull();
    train();
    expect(sent).toEqual(['init', 'load', 'start']);
  });

  it('a new dataset resets the run (worker told, results cleared) before it shows', async () => {
    train();
    useStore.setState({ status: 'done', predictions: new Float32Array([4e6]) });
    const before = useStore.getState().datasetId;
    const loading = loadFile(csv('mine.csv'));
    parses[0].resolve(sineResult);
    await loading;
    const s = useStore.getState();
    expect(sent.at(-1)).toBe('reset');
    expect([s.runId, s.status, s.predictions, s.test]).toEqual([null, 'idle', null, null]);
    expect(s.datasetId).toBe(before + 1);
  });

  it('a bad file dropped while the sample still loads does not lose both', async () => {
    useStore.setState({ dataset: null, source: null });
    const sample = loadSample('sine');
    await settle(); // the sample's fetch answered: its parse is in flight
    const file = loadFile(csv('header-only.csv'));
    parses[1].reject(new Error('header-only.csv has a header but no data rows.'));
    await file;
    parses[0].resolve(sineResult);
    await sample;
    const s = useStore.getState();
    expect(s.dataset?.name).toBe('sine.csv');
    expect(s.sample).toBe('sine');
    expect(s.loading).toBeNull();
    expect(s.errors).toEqual(['header-only.csv has a header but no data rows.']);
  });

  it('a good file dropped while the sample still loads wins, whichever finishes first', async () => {
    useStore.setState({ dataset: null, source: null });
    const sample = loadSample('sine');
    await settle();
    const file = loadFile(csv('mine.csv'));
    parses[0].resolve(sineResult); // the sample first: held, not shown
    await sample;
    expect(useStore.getState().dataset).toBeNull();
    const mine = parseDataset('date,value\n2020-01-01,1\n2020-01-02,2\n', 'mine.csv');
    parses[1].resolve({ dataset: mine, stats: describeDataset(mine) });
    await file;
    expect([useStore.getState().dataset?.name, useStore.getState().sample]).toEqual([
      'mine.csv',
      null,
    ]);
  });

  it('drops trainer messages about another dataset than the one on screen', async () => {
    train();
    const { datasetId } = useStore.getState();
    deliver({ type: 'state', runId: 1, datasetId: datasetId + 1, state: 'training' });
    await new Promise((r) => setTimeout(r, 150));
    expect(useStore.getState().status).toBe('compiling');
    deliver({ type: 'state', runId: 1, datasetId, state: 'training' });
    await new Promise((r) => setTimeout(r, 150));
    expect(useStore.getState().status).toBe('training');
  });
});
