import { useShallow } from 'zustand/react/shallow';
import { selectSeries } from '../store/dataActions';
import { isBusy } from '../store/runState';
import { useStore } from '../store/store';
import { formatInt } from './format';

/** The `Series` select of a long-format file (one row per date and category); nothing otherwise. */
export function SeriesField() {
  const { split, seriesName, busy } = useStore(
    useShallow((s) => ({
      split: s.source?.series ?? null,
      seriesName: s.seriesName,
      busy: isBusy(s.status),
    })),
  );
  if (!split) return null;
  return (
    <div className="field">
      <label htmlFor="series-select">Series</label>
      <select
        id="series-select"
        value={seriesName ?? ''}
        disabled={busy}
        onChange={(e) => selectSeries(e.target.value)}
      >
        {split.names.map((name, k) => (
          <option key={name} value={name}>
            {name} ({formatInt(split.counts[k])} rows)
          </option>
        ))}
      </select>
      <p className="hint">
        Long format: each date appears once per {split.column}, so the file holds{' '}
        {split.names.length} series. The network learns one at a time.
      </p>
    </div>
  );
}
