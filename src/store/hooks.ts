/** Derived values several views need, computed from narrow selections of the store. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { validateDataConfig } from '../model/data/prep';
import { resolvedTarget, useStore } from './store';

/** Why the current data settings cannot train (e.g. too few rows for the timesteps), or null. */
export function useDataProblem(): string | null {
  const { dataset, target, trainSplit, timesteps } = useStore(
    useShallow((s) => ({
      dataset: s.dataset,
      target: resolvedTarget(s),
      trainSplit: s.config.trainSplit,
      timesteps: s.config.timesteps,
    })),
  );
  return useMemo(
    () =>
      dataset && target
        ? validateDataConfig(dataset, { targetColumn: target, trainSplit, timesteps })
        : null,
    [dataset, target, trainSplit, timesteps],
  );
}
