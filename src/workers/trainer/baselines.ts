/**
 * The baselines and the extrapolation count of one prepared series, computed once per load (they
 * need no training): the windows are cut here, the maths is core/baselines.ts.
 */
import {
  detectPeriod,
  fitRidge,
  predictLinear,
  ridgeLambda,
  seasonalNaive,
  type BaselineMetrics,
} from '../../model/core/baselines';
import { countExtrapolation, type Extrapolation } from '../../model/core/diagnostics';
import { computeMetrics } from '../../model/core/metrics';
import type { PreparedData } from '../../model/core/types';
import { inverseTransform, makeWindows } from '../../model/data/prep';

/**
 * Ridge on the train windows (features: the T scaled inputs, plus an intercept; λ = ridgeLambda)
 * scored on the test windows in original units; seasonal naive with the period detected on the
 * train part (times: each row's epoch ms, or null); test values outside the train range.
 */
export function computeBaselines(
  data: PreparedData,
  times: ArrayLike<number> | null,
): BaselineMetrics & { extrapolation: Extrapolation } {
  const { timesteps: T, split, nTrain, nTest, scaled, scaler } = data;
  let linear = null;
  if (nTrain > 0) {
    const train = makeWindows(scaled, T, T, split);
    const test = makeWindows(scaled, T, split, split + nTest);
    try {
      const model = fitRidge(train.X, train.Y, nTrain, T, ridgeLambda(nTrain));
      const pred = inverseTransform(scaler, predictLinear(model, test.X, nTest));
      linear = computeMetrics(data.testActual, pred);
    } catch {
      linear = null;
    }
  }
  const trainTimes = times && times.length === scaled.length ? times : null;
  const period = detectPeriod(scaled.subarray(0, split), trainTimes && sliceOf(trainTimes, split));
  let seasonal = null;
  if (period !== null && period <= split) {
    // Original units: the train part from the scaled series, the test part as given.
    const original = new Float64Array(split + nTest);
    original.set(inverseTransform(scaler, scaled.subarray(0, split)));
    original.set(data.testActual, split);
    const pred = seasonalNaive(original, period, split, nTest);
    seasonal = { period, metrics: computeMetrics(data.testActual, pred) };
  }
  return {
    linear,
    seasonal,
    extrapolation: countExtrapolation(scaler.dataMin, scaler.dataMax, data.testActual),
  };
}

function sliceOf(a: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: n }, (_, i) => a[i]);
}
