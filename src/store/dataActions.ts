/** Loading data: bundled samples (fetched same-origin) and the user's files, parsed in a worker. */
import { checkFileSize, DataError } from '../model/core/errors';
import type { Dataset, DescribeStats } from '../model/core/types';
import { largestSeries, seriesDataset } from '../model/data/series';
import { describeDataset } from '../model/data/stats';
import { parseInWorker, type ParseProgress, type ParseResult } from '../workers/parse/client';
import { LoadOrder } from './loadOrder';
import { isBusy } from './runState';
import { SAMPLES, sampleUrl, type SampleId } from './samples';
import { addNotice, showError, useStore } from './store';
import { resetRun } from './trainActions';

interface Loaded {
  result: ParseResult;
  sample: SampleId | null;
}

/** The newest load that succeeds lands; an older one waits until the newer ones have failed. */
const order = new LoadOrder<Loaded>();

function progressFor(seq: number, name: string) {
  return (p: ParseProgress) => {
    if (!order.isNewest(seq)) return;
    useStore.setState({
      loading: { name, phase: p.phase, fraction: p.phase === 'reading' ? p.fraction : null },
    });
  };
}

/**
 * What the page shows of a parsed file: the file itself, or for a long-format file the series
 * `wanted` (else the largest, with a notice when `wanted` named another) and its statistics.
 */
function showSeries(
  source: Dataset,
  stats: Record<string, DescribeStats>,
  wanted: string | null,
): { dataset: Dataset; stats: Record<string, DescribeStats>; seriesName: string | null } {
  const split = source.series;
  if (!split) return { dataset: source, stats, seriesName: wanted };
  const name = wanted !== null && split.names.includes(wanted) ? wanted : largestSeries(split)!;
  if (wanted !== null && name !== wanted)
    addNotice(
      `Series: ${JSON.stringify(wanted.slice(0, 40))} is not a ${split.column} of ${source.name}; showing ${name}.`,
    );
  const dataset = seriesDataset(source, name);
  return { dataset, stats: describeDataset(dataset), seriesName: name };
}

/**
 * Installs a parsed dataset; the previous one is replaced only now, after parsing succeeded. Any run
 * is reset first (the worker stops it and its late messages are dropped), so no result of the old
 * data is ever drawn over the new one.
 */
function accept({ result, sample }: Loaded, newest: boolean): void {
  resetRun();
  const s = useStore.getState();
  const { dataset, stats, seriesName } = showSeries(result.dataset, result.stats, s.seriesName);
  let config = s.config;
  const numeric = dataset.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  if (config.targetColumn && !numeric.includes(config.targetColumn)) {
    addNotice(
      `Target column "${config.targetColumn}" is not a numeric column of ${dataset.name}; using the default column instead.`,
    );
    config = { ...config, targetColumn: '' };
  }
  // A new dataset clears the run, the test rows and the kept previous run (other rows, not comparable).
  useStore.setState({
    source: result.dataset,
    seriesName,
    dataset,
    datasetId: s.datasetId + 1,
    stats,
    sample,
    config,
    loading: order.idle ? null : s.loading,
    // An older load landing because the newer one failed keeps that failure on screen.
    errors: newest ? [] : s.errors,
  });
}

function succeed(seq: number, loaded: Loaded): void {
  const show = order.succeed(seq, loaded);
  if (show) accept(show, order.isNewest(seq));
  else if (order.idle) useStore.setState({ loading: null });
}

function fail(seq: number, e: unknown): void {
  const { report, show } = order.fail(seq);
  if (order.idle) useStore.setState({ loading: null });
  if (show) accept(show, false);
  if (report) showError(e instanceof Error ? e.message : String(e));
}

/** Fetches and parses a bundled sample. */
export async function loadSample(id: SampleId): Promise<void> {
  if (isBusy(useStore.getState().status)) return;
  const sample = SAMPLES.find((x) => x.id === id) ?? SAMPLES[0];
  const seq = order.begin();
  useStore.setState({ loading: { name: sample.label, phase: 'fetching', fraction: null } });
  try {
    const res = await fetch(sampleUrl(sample.id));
    if (!res.ok) throw new Error(`Could not load the sample ${sample.file} (HTTP ${res.status}).`);
    const text = await res.text();
    const result = await parseInWorker({ text, name: sample.file }, progressFor(seq, sample.label));
    succeed(seq, { result, sample: sample.id });
  } catch (e) {
    fail(seq, e);
  }
}

/** Parses a user's file (dropped or picked). A bad file shows an alert and keeps the current dataset. */
export async function loadFile(file: File): Promise<void> {
  if (isBusy(useStore.getState().status)) {
    showError('Stop the training run before loading another file.');
    return;
  }
  try {
    checkFileSize(file.size, file.name);
  } catch (e) {
    if (e instanceof DataError) showError(e.message);
    else throw e;
    return;
  }
  const seq = order.begin();
  useStore.setState({ loading: { name: file.name, phase: 'reading', fraction: 0 } });
  try {
    const result = await parseInWorker({ file }, progressFor(seq, file.name));
    succeed(seq, { result, sample: null });
  } catch (e) {
    fail(seq, e);
  }
}

/** Shows and trains on another series of the long-format file on screen (no re-parsing). */
export function selectSeries(name: string): void {
  const s = useStore.getState();
  if (isBusy(s.status) || !s.source?.series || name === s.seriesName) return;
  const dataset = seriesDataset(s.source, name);
  // Other rows: the run, its test rows and the kept previous run no longer apply.
  resetRun();
  useStore.setState({
    dataset,
    datasetId: s.datasetId + 1,
    stats: describeDataset(dataset),
    seriesName: name,
  });
}
