import { describe, expect, it } from 'vitest';
import { forecastPoints, historyRows, namesList } from './forecastPoints';

describe('forecast points', () => {
  it('shows the last max(120, 3·steps) rows, then the steps joined at the last row', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => i);
    const f = Float32Array.from([201, 202]);
    const pts = forecastPoints(values, { forecast: f, low: f, high: f, samples: 1 });
    expect(historyRows(2)).toBe(120);
    expect(pts).toHaveLength(122);
    expect(pts[0].x).toBe(80);
    expect(pts[119]).toMatchObject({ x: 199, actual: 199, forecast: 199, persistence: 199 });
    expect(pts[121]).toMatchObject({ x: 201, actual: null, forecast: 202, persistence: 199 });
  });

  it('names the input columns in a sentence', () => {
    expect(namesList(['Close', 'Volume'])).toBe('Close and Volume');
    expect(namesList(['A', 'B', 'C'])).toBe('A, B and C');
  });
});
