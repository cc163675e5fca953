/** Test data: a seeded noisy sine, as a raw series and prepared as the notebook would. */
import { createRng } from '../src/model/core/rng';
import type { PreparedData } from '../src/model/core/types';
import { prepare } from '../src/model/data/prep';

/** `n` values 100 + 10·sin(i/5) + N(0, noise²). */
export function sineSeries(n: number, noise = 0.5, seed = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(
    { length: n },
    (_, i) => 100 + 10 * Math.sin(i / 5) + noise * rng.normal(),
  );
}

/** sineSeries prepared with 80 % train and windows of `timesteps`. */
export function noisySine(n: number, timesteps: number, noise = 0.5, seed = 1): PreparedData {
  return prepare(sineSeries(n, noise, seed), { trainSplit: 0.8, timesteps });
}
