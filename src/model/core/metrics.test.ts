import { describe, expect, it } from 'vitest';
import { computeMetrics, persistenceMetrics, predictionsCsv } from './metrics';

describe('computeMetrics', () => {
  it('matches hand-computed values', () => {
    // errors: +1, −2, 0, +1 → SE 6, AE 4; mean(actual) = 12.5, SS_tot = 6.25+0.25+0.25+6.25 = 13
    const m = computeMetrics([10, 12, 13, 15], [11, 10, 13, 16]);
    expect(m.rmse).toBeCloseTo(Math.sqrt(6 / 4), 12);
    expect(m.mae).toBeCloseTo(1, 12);
    expect(m.mape).toBeCloseTo((100 * (1 / 10 + 2 / 12 + 0 + 1 / 15)) / 4, 12);
    expect(m.r2).toBeCloseTo(1 - 6 / 13, 12);
  });
  it('skips zero actuals in MAPE and handles a constant series', () => {
    expect(computeMetrics([0, 2], [1, 3]).mape).toBeCloseTo(50, 12);
    expect(computeMetrics([5, 5], [5, 5]).r2).toBe(1);
    expect(computeMetrics([5, 5], [4, 6]).r2).toBe(0);
    expect(computeMetrics([0], [1]).mape).toBeNaN();
  });
});

describe('persistenceMetrics', () => {
  it('scores "tomorrow = today"', () => {
    // previous: 100, 102, 101; actual: 102, 101, 104 → errors 2, −1, 3
    const m = persistenceMetrics({
      testActual: Float64Array.from([102, 101, 104]),
      testPrevious: Float64Array.from([100, 102, 101]),
    });
    expect(m.rmse).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(m.mae).toBeCloseTo(2, 12);
    expect(m.mape).toBeCloseTo((100 * (2 / 102 + 1 / 101 + 3 / 104)) / 3, 12);
    // mean 102.333…, SS_tot = 0.1111+1.7778+2.7778 = 4.6667
    expect(m.r2).toBeCloseTo(1 - 14 / (14 / 3), 10);
  });
});

describe('predictionsCsv', () => {
  it('writes date,actual,predicted', () => {
    expect(
      predictionsCsv(['2020-01-02', '2020-01-03'], [1.5, 2], Float32Array.from([1.25, 2.5])),
    ).toBe('date,actual,predicted\n2020-01-02,1.5,1.25\n2020-01-03,2,2.5\n');
  });
  it('writes float32 predictions with the 7 significant digits they hold', () => {
    expect(predictionsCsv(null, [62.9], Float32Array.from([62.922641754]))).toBe(
      'actual,predicted\n62.9,62.92264\n',
    );
  });
  it('drops the date column without dates', () => {
    expect(predictionsCsv(null, [1], [2])).toBe('actual,predicted\n1,2\n');
  });
});
