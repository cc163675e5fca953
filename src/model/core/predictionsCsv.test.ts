import { describe, expect, it } from 'vitest';
import { predictionsCsv } from './metrics';

describe('predictionsCsv with hostile values', () => {
  it('writes an empty cell, never Infinity or NaN', () => {
    const csv = predictionsCsv(null, [1, NaN, 3], Float32Array.from([Infinity, 2, -Infinity]));
    expect(csv).toBe('actual,predicted\n1,\n,2\n3,\n');
    expect(csv).not.toMatch(/Infinity|NaN/);
  });

  it('guards text cells that a spreadsheet would run as a formula', () => {
    const csv = predictionsCsv(
      ['=SUM(A1:A3)', '+cmd', '@x', '2020-01-01'],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    );
    expect(csv.split('\n').slice(1, 5)).toEqual([
      "'=SUM(A1:A3),1,1",
      "'+cmd,2,2",
      "'@x,3,3",
      '2020-01-01,4,4',
    ]);
    // Negative numbers are numbers, not text: no prefix.
    expect(predictionsCsv(null, [-1], [-2])).toBe('actual,predicted\n-1,-2\n');
  });
});
