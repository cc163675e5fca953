import { afterEach, describe, expect, it, vi } from 'vitest';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import { sineSeries } from '../../../test/sine';
import type { FromWorker, ToWorker, WorkerReport } from './protocol';
import { ANSWER_TIMEOUT_MS, createTrainerClient, START_TIMEOUT_MS } from './client';

/** A stand-in Worker: records what it is sent; `reply` and `crash` play the worker's side. */
class FakeWorker extends EventTarget {
  sent: ToWorker[] = [];
  terminated = false;
  postMessage(msg: ToWorker) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  /** Answers as the worker would: the report stamped with the dataset of the last load. */
  reply(msg: WorkerReport, datasetId = this.dataset()) {
    this.dispatchEvent(new MessageEvent('message', { data: { ...msg, datasetId } }));
  }
  dataset(): number {
    const load = [...this.sent].reverse().find((m) => m.type === 'load');
    return load?.type === 'load' ? load.datasetId : 0;
  }
  crash() {
    const e = new Event('error') as Event & { message: string };
    e.message = 'Uncaught RangeError: out of memory';
    this.dispatchEvent(e);
  }
}

function setup(options = {}) {
  const workers: FakeWorker[] = [];
  const client = createTrainerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, options);
  const got: FromWorker[] = [];
  client.subscribe((m) => got.push(m));
  return { client, workers, got };
}

describe('createTrainerClient', () => {
  it('creates the worker lazily once, numbers runs and drops stale messages', () => {
    const { client, workers, got } = setup();
    expect(workers).toHaveLength(0);
    client.init('webgl');
    const run = client.load(sineSeries(100), REFERENCE_CONFIG);
    client.start();
    expect(workers).toHaveLength(1);
    expect(workers[0].sent.map((m) => [m.type, m.runId])).toEqual([
      ['init', 0],
      ['load', 1],
      ['start', 1],
    ]);
    expect(run).toBe(1);
    workers[0].reply({ type: 'ready', runId: 0, backend: { name: 'webgl', details: 'x' } });
    workers[0].reply({ type: 'state', runId: 0, state: 'training' });
    workers[0].reply({ type: 'state', runId: 1, state: 'training' });
    expect(got.map((m) => [m.type, m.runId])).toEqual([
      ['ready', 0],
      ['state', 1],
    ]);
  });

  it('turns a crash into an error message and replays init + load into a fresh worker', async () => {
    const { client, workers, got } = setup();
    client.init('wasm');
    client.load(sineSeries(100), REFERENCE_CONFIG);
    const exported = client.exportModel();
    workers[0].crash();
    expect(workers[0].terminated).toBe(true);
    expect(got.at(-1)).toMatchObject({ type: 'error', runId: 1 });
    expect((got.at(-1) as { message: string }).message).toMatch(
      /stopped unexpectedly.*Press Train/,
    );
    await expect(exported).rejects.toThrow(/stopped unexpectedly/);
    client.start();
    expect(workers).toHaveLength(2);
    expect(workers[1].sent.map((m) => m.type)).toEqual(['init', 'load', 'start']);
    const replayed = workers[1].sent[1] as Extract<ToWorker, { type: 'load' }>;
    expect(replayed.series).toEqual(sineSeries(100));
  });

  it('resolves exportModel with the model message', async () => {
    const { client, workers } = setup();
    client.load(sineSeries(100), REFERENCE_CONFIG);
    const p = client.exportModel();
    workers[0].reply({ type: 'model', runId: 1, modelJson: '{}', weights: new ArrayBuffer(8) });
    expect((await p).weights.byteLength).toBe(8);
  });

  it('drops answers about another dataset than the one the last load named', () => {
    const { client, workers, got } = setup();
    const run = client.load(sineSeries(100), REFERENCE_CONFIG, [], null, 7);
    expect(workers[0].sent[0]).toMatchObject({ type: 'load', runId: run, datasetId: 7 });
    workers[0].reply({ type: 'state', runId: run, state: 'training' }, 6);
    workers[0].reply({ type: 'state', runId: run, state: 'paused' }, 7);
    expect(got.map((m) => [m.type, m.datasetId])).toEqual([['state', 7]]);
  });
});

describe('createTrainerClient: a worker that never answers', () => {
  afterEach(() => vi.useRealTimers());
  const errors = (got: FromWorker[]) => got.flatMap((m) => (m.type === 'error' ? [m.message] : []));

  it('turns a worker whose code never runs into an alert, and starts a fresh one on Train', () => {
    vi.useFakeTimers();
    const { client, workers, got } = setup();
    client.init('webgl');
    client.load(sineSeries(100), REFERENCE_CONFIG, [], null, 1);
    client.start();
    vi.advanceTimersByTime(START_TIMEOUT_MS - 1);
    expect(errors(got)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(errors(got)).toHaveLength(1);
    expect(errors(got)[0]).toMatch(
      /^The training worker did not answer after it was started \(its code may not have loaded\).*within 60 s.*Press Train.*reload the page/,
    );
    expect(got.at(-1)).toMatchObject({ type: 'error', runId: 1, datasetId: 1 });
    expect(workers[0].terminated).toBe(true);
    client.start();
    expect(workers).toHaveLength(2);
    expect(workers[1].sent.map((m) => m.type)).toEqual(['init', 'load', 'start']);
  });

  it('names the requests a live worker left unanswered after two minutes of silence', () => {
    vi.useFakeTimers();
    const { client, workers, got } = setup();
    client.init('webgl');
    client.load(sineSeries(100), REFERENCE_CONFIG, [], null, 1);
    client.start();
    workers[0].reply({ type: 'alive', runId: 0 });
    workers[0].reply({ type: 'ready', runId: 0, backend: { name: 'webgl', details: '' } });
    vi.advanceTimersByTime(ANSWER_TIMEOUT_MS - 1);
    expect(errors(got)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(errors(got)).toEqual([
      'The training worker did not answer the request to prepare the run, nor the request to start training within 120 s, so it was stopped. Press Train to start a fresh one; if this happens again, reload the page.',
    ]);
  });

  it('is not fooled by long work that reports, and waits for nothing once answered', () => {
    vi.useFakeTimers();
    const { client, workers, got } = setup();
    client.init('webgl');
    const run = client.load(sineSeries(100), REFERENCE_CONFIG, [], null, 1);
    client.start();
    workers[0].reply({ type: 'alive', runId: 0 });
    vi.advanceTimersByTime(ANSWER_TIMEOUT_MS - 1000); // a slow shader compile
    workers[0].reply({ type: 'ready', runId: 0, backend: { name: 'webgl', details: '' } });
    vi.advanceTimersByTime(ANSWER_TIMEOUT_MS - 1000);
    workers[0].reply({ type: 'state', runId: run, state: 'compiling' });
    vi.advanceTimersByTime(ANSWER_TIMEOUT_MS - 1000);
    workers[0].reply({
      type: 'loaded',
      runId: run,
      engine: 'fast',
      params: 1,
      persistence: { rmse: 1, mae: 1, mape: 1, r2: 0 },
      baselines: { linear: { rmse: 1, mae: 1, mape: 1, r2: 0 }, seasonal: null },
      extrapolation: { above: 0, below: 0, total: 0, trainMin: 0, trainMax: 1 },
    });
    vi.advanceTimersByTime(ANSWER_TIMEOUT_MS - 1000);
    workers[0].reply({ type: 'state', runId: run, state: 'training' });
    vi.advanceTimersByTime(10 * ANSWER_TIMEOUT_MS); // paused for a long while: nothing is open
    expect(errors(got)).toEqual([]);
    expect(workers[0].terminated).toBe(false);
  });

  it('answers open inspect and forecast requests and rejects an export when the worker hangs', async () => {
    vi.useFakeTimers();
    const { client, workers, got } = setup();
    const run = client.load(sineSeries(100), REFERENCE_CONFIG, [], null, 3);
    workers[0].reply({ type: 'alive', runId: 0 });
    client.inspect(5, 0, 0);
    client.forecast(6, 30);
    const exported = client.exportModel();
    vi.advanceTimersByTime(ANSWER_TIMEOUT_MS);
    expect(got.map((m) => m.type)).toEqual(['inspectFailed', 'forecastFailed', 'error']);
    expect(got[0]).toMatchObject({ runId: run, datasetId: 3, requestId: 5 });
    expect(got[1]).toMatchObject({ runId: run, datasetId: 3, requestId: 6 });
    expect(errors(got)[0]).toMatch(
      /look inside the network, nor the forecast request, nor the request for the trained model/,
    );
    await expect(exported).rejects.toThrow(/did not answer/);
  });
});
