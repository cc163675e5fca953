import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseInWorker, PARSE_TIMEOUT_MS } from './client';
import type { FromParse, ToParse } from './protocol';

/** A stand-in Worker that never answers unless told to. */
class SilentWorker extends EventTarget {
  static all: SilentWorker[] = [];
  sent: ToParse[] = [];
  terminated = false;
  constructor() {
    super();
    SilentWorker.all.push(this);
  }
  postMessage(msg: ToParse) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg: FromParse) {
    this.dispatchEvent(new MessageEvent('message', { data: msg }));
  }
}

describe('parseInWorker: a parser that never answers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('fails the load with an alert naming the file once the parser is silent for too long', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', SilentWorker);
    // Workers start from a blob script naming the bundle's URL, resolved against the page (../spawn.ts).
    vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
    const parsed = parseInWorker({ text: 'date,value\n', name: 'prices.csv' });
    const settled = vi.fn();
    parsed.catch(settled);
    const w = SilentWorker.all[0];
    // Progress keeps it alive: a slow read is not a hang.
    vi.advanceTimersByTime(PARSE_TIMEOUT_MS - 1);
    w.reply({ type: 'progress', id: w.sent[0].id, phase: 'reading', loaded: 1, total: 2 });
    vi.advanceTimersByTime(PARSE_TIMEOUT_MS - 1);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await expect(parsed).rejects.toThrow(
      'The file reader did not answer while reading prices.csv for 120 s, so it was stopped. Try again; if this happens again, reload the page.',
    );
    expect(w.terminated).toBe(true);
    // The next parse gets a fresh worker.
    void parseInWorker({ text: 'x', name: 'b.csv' }).catch(() => {});
    expect(SilentWorker.all).toHaveLength(2);
  });
});
