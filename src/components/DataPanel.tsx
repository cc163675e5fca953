import { useShallow } from 'zustand/react/shallow';
import { loadFile, loadSample } from '../store/dataActions';
import { isBusy } from '../store/runState';
import { SAMPLES, type SampleId } from '../store/samples';
import { useStore } from '../store/store';
import { formatInt } from './format';
import { SeriesField } from './SeriesField';

const CUSTOM = 'custom';

/** Choosing the data: a bundled sample, a picked file or a dropped one; shows load progress. */
export function DataPanel() {
  const { sample, dataset, loading, busy } = useStore(
    useShallow((s) => ({
      sample: s.sample,
      // The whole file: for a long-format file, every series.
      dataset: s.source,
      loading: s.loading,
      busy: isBusy(s.status),
    })),
  );
  const credit = SAMPLES.find((x) => x.id === sample)?.credit;
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">Data</h2>
      <p className="explain">
        A time series: one row per time step, oldest first. Pick a sample or drop in your own CSV;
        the network will learn to predict the next value of one column from the values before it.
      </p>
      <div className="field">
        <label htmlFor="sample-select">Sample data</label>
        <select
          id="sample-select"
          value={sample ?? CUSTOM}
          disabled={busy || loading !== null}
          onChange={(e) => void loadSample(e.target.value as SampleId)}
        >
          {SAMPLES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
          {sample === null && (
            <option value={CUSTOM} disabled>
              Your file: {dataset?.name}
            </option>
          )}
        </select>
        {credit && <p className="hint">{credit}</p>}
      </div>
      <div className="dropzone">
        <input
          id="file-input"
          className="visually-hidden"
          type="file"
          accept=".csv,.txt,.tsv"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void loadFile(file);
          }}
        />
        <label htmlFor="file-input" className="button secondary">
          Choose a CSV file…
        </label>
        <p className="hint">
          or drop one anywhere on the page (.csv, .txt, .tsv; oldest or newest row first).
        </p>
      </div>
      {loading && (
        <div className="loading">
          <label htmlFor="load-progress">
            Loading {loading.name}: {loading.phase}
            {loading.fraction !== null ? ` ${Math.round(loading.fraction * 100)}%` : '…'}
          </label>
          <progress id="load-progress" max={1} value={loading.fraction ?? undefined} />
        </div>
      )}
      {dataset && (
        <p className="dataset-line">
          <strong>{dataset.name}</strong>: {formatInt(dataset.rowCount)} rows ×{' '}
          {dataset.columns.length} columns
          {dataset.dateColumn ? `, dated by ${dataset.dateColumn}` : ', no date column'}
          {dataset.series
            ? `; ${dataset.series.names.length} series by ${dataset.series.column}`
            : ''}
        </p>
      )}
      <SeriesField />
    </section>
  );
}
