import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../../model/core/presets';
import { createDatasetStamp } from './stamp';

describe('createDatasetStamp', () => {
  it("answers carry the dataset their run's load named; unknown runs carry 0", () => {
    const d = createDatasetStamp();
    const load = { type: 'load', series: new Float64Array(3), config: REFERENCE_CONFIG } as const;
    d.note({ ...load, runId: 1, datasetId: 4 });
    d.note({ ...load, runId: 2, datasetId: 5 });
    d.note({ type: 'start', runId: 2 });
    expect(d.stamp({ type: 'state', runId: 1, state: 'stopped' })).toEqual({
      type: 'state',
      runId: 1,
      state: 'stopped',
      datasetId: 4,
    });
    expect(d.stamp({ type: 'state', runId: 2, state: 'training' }).datasetId).toBe(5);
    expect(d.stamp({ type: 'alive', runId: 0 }).datasetId).toBe(0);
    for (let run = 3; run < 20; run++) d.note({ ...load, runId: run, datasetId: run * 10 });
    expect(d.stamp({ type: 'state', runId: 19, state: 'idle' }).datasetId).toBe(190);
    expect(d.stamp({ type: 'state', runId: 1, state: 'idle' }).datasetId).toBe(0); // forgotten
  });
});
