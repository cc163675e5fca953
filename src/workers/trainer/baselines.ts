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
 * Multiply-adds the ridge fit may spend on XᵀX (n · T²): about 0.2 s. A long series with long
 * windows fits on its latest train windows only (at T = 40, 125,000 of them; at T = 500, 800).
 */
const RIDGE_MAX_WORK = 2e8;
/** Test windows cut and predicted at a time, so memory stays at chunk · T floats. */
const CHUNK = 1024;

/**
 * Ridge on the network's own train windows (features: the T · k scaled inputs, plus an intercept;
 * λ = ridgeLambda; the latest RIDGE_MAX_WORK / (T·k)² windows when there are more) scored on the test windows in
 * original units; seasonal naive with the period detected on the
 * train part (times: each row's epoch ms, or null); test values outside the train range.
 */
export function computeBaselines(
  data: PreparedData,
  times: ArrayLike<number> | null,
): BaselineMetrics & { extrapolation: Extrapolation } {
  const { timesteps: T, split, nTrain, nTest, scaled, scaler, inputs } = data;
  // The same windows as the network: every input column (k = 1: the target alone).
  const source = inputs.length > 1 ? inputs : scaled;
  const d = T * Math.max(1, inputs.length);
  let linear = null;
  if (nTrain > 0) {
    const nFit = Math.min(nTrain, Math.max(1, Math.floor(RIDGE_MAX_WORK / (d * d))));
    const train = makeWindows(source, T, split - nFit, split);
    try {
      const model = fitRidge(train.X, train.Y, nFit, d, ridgeLambda(nFit));
      const scaledPred = new Float64Array(nTest);
      for (let from = 0; from < nTest; from += CHUNK) {
        const m = Math.min(CHUNK, nTest - from);
        const test = makeWindows(source, T, split + from, split + from + m);
        scaledPred.set(predictLinear(model, test.X, m), from);
      }
      linear = computeMetrics(data.testActual, inverseTransform(scaler, scaledPred));
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
