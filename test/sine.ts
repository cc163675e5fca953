/** Test data: a seeded noisy sine prepared as the notebook would (split, MinMax on train, windows). */
import { prepareData } from '../src/model/data/prep';
import { createRng } from '../src/model/core/rng';
import type { Dataset, PreparedData } from '../src/model/core/types';

/** `n` rows of 100 + 10·sin(i/5) + N(0, noise²), 80 % train, windows of `timesteps`. */
export function noisySine(n: number, timesteps: number, noise = 0.5, seed = 1): PreparedData {
  const rng = createRng(seed);
  const values = Float64Array.from(
    { length: n },
    (_, i) => 100 + 10 * Math.sin(i / 5) + noise * rng.normal(),
  );
  const dataset: Dataset = {
    name: 'sine',
    columns: [{ name: 'v', kind: 'numeric', missing: 0, constant: null }],
    rowCount: n,
    cells: [],
    numeric: { v: values },
    dateColumn: null,
    dates: null,
    reversed: false,
    warnings: [],
  };
  return prepareData(dataset, { targetColumn: 'v', trainSplit: 0.8, timesteps });
}
