import { beforeEach, describe, expect, it } from 'vitest';
import { applyPreset, setConfigValue } from './configActions';
import type { RunTest } from './runState';
import { initialState, useStore } from './store';

const TEST: RunTest = {
  offset: 8,
  actual: new Float64Array([1, 2]),
  previous: new Float64Array([0, 1]),
  interpolated: 0,
  target: 'Open',
};

/** A finished run on screen: one epoch of losses, predictions and the test part. */
function finishedRun(status: 'done' | 'compiling' | 'training' | 'paused' = 'done') {
  useStore.setState({
    ...initialState,
    status,
    runId: 1,
    test: TEST,
    epochLoss: [{ epoch: 1, train: 0.5, val: 0.25 }],
    predictions: new Float32Array([1.5, 2.5]),
  });
}

describe('setConfigValue', () => {
  beforeEach(() => useStore.setState(initialState));

  it('clears a finished run when the target column or the split changes', () => {
    finishedRun();
    setConfigValue('trainSplit', 0.6);
    let s = useStore.getState();
    expect(s.config.trainSplit).toBe(0.6);
    expect([s.status, s.test, s.predictions, s.epochLoss]).toEqual(['idle', null, null, []]);
    finishedRun();
    setConfigValue('targetColumn', 'Close');
    s = useStore.getState();
    expect(s.config.targetColumn).toBe('Close');
    expect([s.status, s.test]).toEqual(['idle', null]);
  });

  it('keeps the results for model settings and for an unchanged value', () => {
    finishedRun();
    setConfigValue('units', 8);
    setConfigValue('trainSplit', initialState.config.trainSplit);
    expect(useStore.getState().test).toBe(TEST);
    expect(useStore.getState().epochLoss).toHaveLength(1);
  });

  it('refuses a data choice (target, split, input columns) while a run is prepared or runs', () => {
    for (const status of ['compiling', 'training', 'paused'] as const) {
      finishedRun(status);
      setConfigValue('targetColumn', 'Close');
      setConfigValue('trainSplit', 0.6);
      setConfigValue('inputColumns', ['Close']);
      const s = useStore.getState();
      expect([s.config.targetColumn, s.config.trainSplit, s.config.inputColumns]).toEqual([
        initialState.config.targetColumn,
        initialState.config.trainSplit,
        initialState.config.inputColumns,
      ]);
      expect([s.status, s.test]).toEqual([status, TEST]);
      expect(s.notices).toContain('Stop the run before changing the target column.');
      // Model settings only apply to the next run: they may change meanwhile.
      setConfigValue('units', 8);
      expect(useStore.getState().config.units).toBe(8);
    }
  });

  it('keeps the input columns (a data choice) when a preset is applied; they do not clear a run', () => {
    finishedRun();
    setConfigValue('inputColumns', ['Close', 'Volume']);
    expect(useStore.getState().status).toBe('done');
    applyPreset('quick');
    expect(useStore.getState().config.inputColumns).toEqual(['Close', 'Volume']);
    expect(useStore.getState().config.units).toBe(16);
  });
});
