import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import { sineSeries } from '../../../test/sine';
import type { FromWorker, ToWorker } from './protocol';
import { createTrainerClient } from './client';

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
  reply(msg: FromWorker) {
    this.dispatchEvent(new MessageEvent('message', { data: msg }));
  }
  crash() {
    const e = new Event('error') as Event & { message: string };
    e.message = 'Uncaught RangeError: out of memory';
    this.dispatchEvent(e);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createTrainerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
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
});
