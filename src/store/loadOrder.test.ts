import { describe, expect, it } from 'vitest';
import { LoadOrder } from './loadOrder';

describe('LoadOrder', () => {
  it('lands the newest load; an older one finishing later never replaces it', () => {
    const o = new LoadOrder<string>();
    const sample = o.begin();
    const file = o.begin();
    expect(o.succeed(file, 'file')).toBe('file');
    expect(o.succeed(sample, 'sample')).toBeNull();
    expect(o.idle).toBe(true);
  });

  it('holds an older result that finished first until the newer one succeeds', () => {
    const o = new LoadOrder<string>();
    const sample = o.begin();
    const file = o.begin();
    expect(o.succeed(sample, 'sample')).toBeNull();
    expect(o.isNewest(file)).toBe(true);
    expect(o.succeed(file, 'file')).toBe('file');
  });

  it('does not lose both when the newer load fails, whichever finishes first', () => {
    let o = new LoadOrder<string>();
    let sample = o.begin();
    let file = o.begin();
    expect(o.succeed(sample, 'sample')).toBeNull();
    expect(o.fail(file)).toEqual({ report: true, show: 'sample' });

    o = new LoadOrder<string>();
    sample = o.begin();
    file = o.begin();
    expect(o.fail(file)).toEqual({ report: true, show: null });
    expect(o.succeed(sample, 'sample')).toBe('sample');
  });

  it('reports an older failure only while nothing newer has landed', () => {
    const o = new LoadOrder<string>();
    const a = o.begin();
    const b = o.begin();
    expect(o.succeed(b, 'b')).toBe('b');
    expect(o.fail(a)).toEqual({ report: false, show: null });
    const c = o.begin();
    expect(o.fail(c)).toEqual({ report: true, show: null });
  });
});
