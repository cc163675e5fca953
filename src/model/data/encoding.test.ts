import { describe, expect, it } from 'vitest';
import { decodeBytes } from './encoding';
import { parseDataset } from './dataset';

describe('file encodings', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    const r = decodeBytes(new TextEncoder().encode('Température,€\n1,2\n'));
    expect(r).toEqual({ text: 'Température,€\n1,2\n', legacy: false });
  });

  it('reads Windows-1252 bytes (invalid UTF-8) as Windows-1252, € and é included', () => {
    // "Température;Coût €" in Windows-1252: é = E9, û = FB, € = 80.
    const bytes = Uint8Array.from([
      ...Buffer.from('Temp'),
      0xe9,
      ...Buffer.from('rature;Co'),
      0xfb,
      ...Buffer.from('t '),
      0x80,
      ...Buffer.from('\n1;2\n3;4\n'),
    ]);
    const r = decodeBytes(bytes);
    expect(r.legacy).toBe(true);
    expect(r.text.split('\n')[0]).toBe('Température;Coût €');
    expect(parseDataset(r.text, 'w.csv').columns.map((c) => c.name)).toEqual([
      'Température',
      'Coût €',
    ]);
  });
});
