import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../model/core/presets';
import { copiedNotice } from './configActions';
import { MAX_VALUE_CHARS, readUrlState, writeUrlState } from './urlState';

describe('links made with the user’s own file', () => {
  it('names the file, and whoever opens the link is told to drop it', () => {
    const search = writeUrlState(
      { ...DEFAULT_CONFIG, targetColumn: 'Close' },
      null,
      false,
      'prices.csv',
    );
    expect(search).toContain('file=prices.csv');
    expect(search).not.toContain('sample=');
    const back = readUrlState(search);
    expect(back.file).toBe('prices.csv');
    expect(back.config.targetColumn).toBe('Close');
    expect(back.notices).toEqual([
      'This link was made with prices.csv: drop that file here to use the same data. The link holds only the settings, never the data; until then you see the bundled sample S&P 500 daily (2012–2020).',
    ]);
  });

  it('a sample link names the sample, not a file', () => {
    const search = writeUrlState(DEFAULT_CONFIG, 'sine', false, 'sine.csv');
    expect(search).not.toContain('file=');
    expect(readUrlState(search).notices).toEqual([]);
  });

  it('always reopens: long file names are cut, long column names left out', () => {
    const longName = `${'x'.repeat(300)}.csv`;
    const longColumn = 'c'.repeat(MAX_VALUE_CHARS + 1);
    const search = writeUrlState(
      { ...DEFAULT_CONFIG, targetColumn: longColumn },
      null,
      false,
      longName,
    );
    const back = readUrlState(search);
    expect(back.file).toHaveLength(MAX_VALUE_CHARS);
    expect(back.file?.endsWith('…')).toBe(true);
    expect(back.config.targetColumn).toBe('');
    expect(back.notices.join(' ')).not.toMatch(/too long/);
    expect(search.length).toBeLessThan(2000);
  });

  it('the copy notice says the data is not in the link', () => {
    expect(copiedNotice(null, 'prices.csv')).toBe(
      'Link copied to the clipboard: it holds the settings only, not the data. It names prices.csv; whoever opens it is asked to drop that file.',
    );
    expect(copiedNotice('Sine wave', 'sine.csv')).toMatch(
      /settings and the name of the bundled sample Sine wave/,
    );
  });
});
