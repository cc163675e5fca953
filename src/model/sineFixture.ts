/** Test data: a seeded noisy sine prepared as the notebook would (split, MinMax on train, windows). */
import { fitScaler, makeWindows, transform } from './prep';
import { createRng } from './rng';
import type { PreparedData } from './types';

/** `n` rows of 100 + 10·sin(i/5) + N(0, noise²), 80 % train, windows of `timesteps`. */
export function noisySine(n: number, timesteps: number, noise = 0.5, seed = 1): PreparedData {
  const rng = createRng(seed);
  const values = Float64Array.from(
    { length: n },
    (_, i) => 100 + 10 * Math.sin(i / 5) + noise * rng.normal(),
  );
  const split = Math.floor(0.8 * n);
  const scaler = fitScaler(values.subarray(0, split));
  const scaled = transform(scaler, values);
  const train = makeWindows(scaled, timesteps, timesteps, split);
  const test = makeWindows(scaled, timesteps, split, n);
  return {
    timesteps,
    nTrain: split - timesteps,
    nTest: n - split,
    trainX: train.X,
    trainY: train.Y,
    testX: test.X,
    testY: test.Y,
    scaler,
    testActual: values.slice(split),
    testPrevious: values.slice(split - 1, n - 1),
    testDates: null,
    interpolated: 0,
  };
}
