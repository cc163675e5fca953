/**
 * The one store of the page: configuration, dataset, exploration stats, the streamed run and the
 * messages shown to the user. Only plain data lives here; the Worker objects live in the clients.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG, type TrainConfig } from '../model/core/config';
import { defaultTargetColumn } from '../model/data/dataset';
import type { Dataset, DescribeStats } from '../model/core/types';
import type { PreviousRun } from './previousRun';
import { initialRun, type RunSlice } from './runState';
import type { SampleId } from './samples';
import { readUrlState } from './urlState';

/** What the page keeps of the prepared data of the current run (for charts and the CSV). */
export interface TestView {
  /** Row index of the first test row in the dataset. */
  offset: number;
  nTest: number;
  nTrainWindows: number;
  actual: Float64Array;
  previous: Float64Array;
  dates: string[] | null;
  interpolated: number;
  target: string;
}

export interface Loading {
  name: string;
  phase: 'fetching' | 'reading' | 'parsing';
  /** 0…1, or null when unknown. */
  fraction: number | null;
}

export interface State extends RunSlice {
  config: TrainConfig;
  /** The bundled sample shown, or null for a user's file. */
  sample: SampleId | null;
  dataset: Dataset | null;
  stats: Record<string, DescribeStats>;
  loading: Loading | null;
  /** Inline messages of controls whose typed value was refused (the config keeps the last good one). */
  fieldErrors: Partial<Record<keyof TrainConfig, string>>;
  /** Shown in the alert region: problems the user must act on. */
  errors: string[];
  /** Informational notes (URL corrections, data fixes, copied link). */
  notices: string[];
  test: TestView | null;
  /** The last finished (or stopped) run, kept for comparison; cleared with the data or test rows. */
  previousRun: PreviousRun | null;
  logScale: boolean;
  showBaseline: boolean;
  reset: () => void;
}

type Data = Omit<State, 'reset'>;

const fromUrl =
  typeof window === 'undefined'
    ? { config: DEFAULT_CONFIG, sample: 'sp500' as const, notices: [] }
    : readUrlState(window.location.search);

export const initialState: Data = {
  ...initialRun,
  config: fromUrl.config,
  sample: fromUrl.sample,
  dataset: null,
  stats: {},
  loading: null,
  fieldErrors: {},
  errors: [],
  notices: fromUrl.notices,
  test: null,
  previousRun: null,
  logScale: true,
  showBaseline: true,
};

export const useStore = create<State>()((set) => ({
  ...initialState,
  reset: () => set({ ...initialState, notices: [] }),
}));

/** The target column in use: the configured one, or the dataset's default. */
export function resolvedTarget(s: Pick<State, 'config' | 'dataset'>): string {
  if (s.config.targetColumn) return s.config.targetColumn;
  return (s.dataset && defaultTargetColumn(s.dataset)) ?? '';
}

/** Adds a notice once (no duplicates). */
export function addNotice(text: string): void {
  useStore.setState((s) => (s.notices.includes(text) ? s : { notices: [...s.notices, text] }));
}

export function dismissNotice(text: string): void {
  useStore.setState((s) => ({ notices: s.notices.filter((n) => n !== text) }));
}

export function showError(text: string): void {
  useStore.setState((s) => (s.errors.includes(text) ? s : { errors: [...s.errors, text] }));
}

export function dismissError(text: string): void {
  useStore.setState((s) => ({ errors: s.errors.filter((n) => n !== text) }));
}
