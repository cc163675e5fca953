import { describe, expect, it } from 'vitest';
import ridge from '../../../test/fixtures/ridge.json';
import sp500 from '../../../public/samples/sp500.csv?raw';
import { fitRidge, predictLinear, ridgeLambda } from '../../model/core/baselines';
import { parseDataset } from '../../model/data/dataset';
import { inverseTransform, makeWindows, prepare } from '../../model/data/prep';
import { computeBaselines } from './baselines';

const relClose = (a: number, b: number, tol = 1e-6) =>
  Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-12);

describe('the Linear baseline on the S&P 500 sample, against scikit-learn', () => {
  const ds = parseDataset(sp500, 'sp500.csv');
  const data = prepare(ds.numeric.Open, { trainSplit: 0.8, timesteps: 40 });

  it('fits the same ridge as Ridge(alpha=1e-6 · n_train) to 1e-6 relative', () => {
    const { X, Y } = makeWindows(data.scaled, 40, 40, data.split);
    expect(data.nTrain).toBe(ridge.nTrain);
    expect(ridgeLambda(data.nTrain)).toBeCloseTo(ridge.lambda, 15);
    const m = fitRidge(X, Y, data.nTrain, 40, ridgeLambda(data.nTrain));
    // Coefficients are compared against the largest one: near-zero ones carry the solver's noise.
    const scale = Math.max(...ridge.coef.map(Math.abs));
    m.coef.forEach((c, j) => expect(Math.abs(c - ridge.coef[j]) / scale).toBeLessThan(1e-6));
    expect(relClose(m.intercept, ridge.intercept)).toBe(true);
    const test = makeWindows(data.scaled, 40, data.split, data.split + data.nTest);
    const pred = inverseTransform(data.scaler, predictLinear(m, test.X, data.nTest));
    expect(pred).toHaveLength(ridge.nTest);
    pred.forEach((p, i) => expect(relClose(p, ridge.testPredictions[i])).toBe(true));
  });

  it('reports its metrics, no clear period, and 152 of 372 test values above the train range', () => {
    const t0 = performance.now();
    const b = computeBaselines(data, ds.times);
    const ms = performance.now() - t0;
    expect(relClose(b.linear!.rmse, ridge.testRmse)).toBe(true);
    expect(b.seasonal).toBeNull();
    expect(b.extrapolation).toMatchObject({ above: 152, below: 0, total: 372 });
    expect(ridge.testAboveTrainMax).toBe(152);
    // Cheap enough to run on every load (about 10 ms here).
    expect(ms).toBeLessThan(1000);
  });
});

describe('computeBaselines', () => {
  it('finds the weekly period of a daily series and scores seasonal naive', () => {
    const n = 400;
    const weekly = [10, 12, 15, 11, 9, 20, 22];
    const values = Float64Array.from({ length: n }, (_, i) => 100 + i * 0.1 + weekly[i % 7]);
    const times = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1 + i));
    const data = prepare(values, { trainSplit: 0.8, timesteps: 10 });
    const b = computeBaselines(data, times);
    expect(b.seasonal?.period).toBe(7);
    // ŷ_t = y_{t−7} is off by the trend over a week, 0.7, at every row.
    expect(b.seasonal!.metrics.rmse).toBeCloseTo(0.7, 4);
    // A linear model on 10 past days can represent this series exactly (up to float32 inputs).
    expect(b.linear!.rmse).toBeLessThan(0.05);
  });
  it('stays cheap on a long series with long windows (the ridge fits the latest windows)', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 9) + i * 1e-4);
    const data = prepare(values, { trainSplit: 0.8, timesteps: 300 });
    const t0 = performance.now();
    const b = computeBaselines(data, null);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(b.linear!.rmse).toBeLessThan(0.01);
  });
});
