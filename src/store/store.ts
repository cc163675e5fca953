/**
 * The one store of the page, in slices: config, data, run, worker, ui and messages. Each slice has
 * its initial value, and resetting a slice is `useStore.setState(initialX)`: no reset has to
 * remember what to keep. Only plain data lives here; the Worker objects live in the clients.
 */
import { create } from 'zustand';
import { type TrainConfig } from '../model/core/config';
import { DEFAULT_CONFIG } from '../model/core/presets';
import { emptyRecord } from '../model/core/records';
import type { Dataset, DescribeStats } from '../model/core/types';
import type { InspectionReport } from '../model/core/inspect';
import { defaultTargetColumn, extraInputColumns } from '../model/data/columns';
import { initialRun, initialWorker, type RunSlice, type WorkerSlice } from './runState';
import type { SampleId } from './samples';
import { readUrlState } from './urlState';

export interface Loading {
  name: string;
  phase: 'fetching' | 'reading' | 'parsing';
  /** 0…1, or null when unknown. */
  fraction: number | null;
}

/** The settings of the next run. */
export interface ConfigSlice {
  config: TrainConfig;
  /** Inline messages of controls whose typed value was refused (the config keeps the last good one). */
  fieldErrors: Partial<Record<keyof TrainConfig, string>>;
}

/** The dataset on screen. */
export interface DataSlice {
  /** The bundled sample shown, or null for a user's file. */
  sample: SampleId | null;
  /** The parsed file. For a long-format file (`source.series`) it holds every series. */
  source: Dataset | null;
  /**
   * The series of a long-format file on screen; kept (from the URL or the last choice) while other
   * files are shown, so the next long-format file opens on it when it has one of that name.
   */
  seriesName: string | null;
  /** What every view and the trainer use: `source`, or its series `seriesName` (data/series.ts). */
  dataset: Dataset | null;
  /**
   * Numbers the datasets shown (each file, sample or series switch): a run's `load` carries it and
   * the trainer's answers echo it, so nothing about another dataset reaches the page.
   */
  datasetId: number;
  stats: Record<string, DescribeStats>;
  loading: Loading | null;
}

/** View toggles. */
export interface UiSlice {
  logScale: boolean;
  showBaseline: boolean;
  /** The projector layout (URL `classroom=1`). */
  classroom: boolean;
}

/** "Inside the network": what is looked at, and the worker's latest answer. */
export interface InsideSlice {
  /** Expanded; nothing is computed while collapsed. */
  insideOpen: boolean;
  /** Test row inspected (0-based within the test rows); null: the last one. */
  inspectIndex: number | null;
  /** Layer shown by the Weights and Equations figures (0-based). */
  inspectLayer: number;
  /** Unit (0-based) and step (0-based; null: the last) the Equations figure shows. */
  equationUnit: number;
  equationStep: number | null;
  inspection: InspectionReport | null;
  /** Why the last inspection could not be made, for people. */
  inspectError: string | null;
}

/** What the page tells the user. */
export interface MessagesSlice {
  /** Shown in the alert region: problems the user must act on. */
  errors: string[];
  /** Informational notes (URL corrections, data fixes, copied link). */
  notices: string[];
}

export type State = ConfigSlice &
  DataSlice &
  RunSlice &
  WorkerSlice &
  UiSlice &
  InsideSlice &
  MessagesSlice & { reset: () => void };

const fromUrl =
  typeof window === 'undefined'
    ? {
        config: DEFAULT_CONFIG,
        sample: 'sp500' as const,
        classroom: false,
        series: null,
        notices: [],
      }
    : readUrlState(window.location.search);

export const initialConfig: ConfigSlice = { config: fromUrl.config, fieldErrors: {} };
export const initialData: DataSlice = {
  sample: fromUrl.sample,
  source: null,
  seriesName: fromUrl.series,
  dataset: null,
  datasetId: 0,
  stats: emptyRecord<DescribeStats>(),
  loading: null,
};
export const initialUi: UiSlice = {
  logScale: true,
  showBaseline: true,
  classroom: fromUrl.classroom,
};
export const initialInside: InsideSlice = {
  insideOpen: fromUrl.classroom,
  inspectIndex: null,
  inspectLayer: 0,
  equationUnit: 0,
  equationStep: null,
  inspection: null,
  inspectError: null,
};
export const initialMessages: MessagesSlice = { errors: [], notices: fromUrl.notices };

export const initialState: Omit<State, 'reset'> = {
  ...initialConfig,
  ...initialData,
  ...initialRun,
  ...initialWorker,
  ...initialUi,
  ...initialInside,
  ...initialMessages,
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

/** The run's input columns besides the target, in the file's order (none without a dataset). */
export function extraInputs(s: Pick<State, 'config' | 'dataset'>): string[] {
  return s.dataset ? extraInputColumns(s.dataset, resolvedTarget(s), s.config.inputColumns) : [];
}

/** k, the values the network reads per time step: the target and the extra inputs. */
export function inputCount(s: Pick<State, 'config' | 'dataset'>): number {
  return 1 + extraInputs(s).length;
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
