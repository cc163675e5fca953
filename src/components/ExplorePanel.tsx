import { useShallow } from 'zustand/react/shallow';
import { constantTargetNote, noAxisNote } from '../model/data/columns';
import type { DescribeStats } from '../model/core/types';
import { resolvedTarget, useStore } from '../store/store';
import { formatInt, formatStat } from './format';
import { SHOWN_COLUMNS, shownNote } from './shownColumns';

const STAT_ROWS: { key: keyof DescribeStats; label: string }[] = [
  { key: 'count', label: 'count' },
  { key: 'mean', label: 'mean' },
  { key: 'std', label: 'std' },
  { key: 'min', label: 'min' },
  { key: 'q25', label: '25%' },
  { key: 'q50', label: '50%' },
  { key: 'q75', label: '75%' },
  { key: 'max', label: 'max' },
];
const HEAD_ROWS = 5;
/** A wide file may bring a note per column; the first ones say enough. */
const SHOWN_NOTES = 20;

/**
 * One describe() value. Where pandas prints NaN (no values, or std of a single value) the table
 * shows a dash, and says why to screen readers and on hover, so no raw NaN reaches the page.
 */
function StatCell({ value }: { value: number }) {
  if (Number.isNaN(value))
    return (
      <td className="num" title="Not defined: too few values (pandas shows NaN)">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">not defined</span>
      </td>
    );
  return <td className="num">{formatStat(value)}</td>;
}

/** pandas-style look at the data: shape, head(), describe(), isna().sum(), and what was fixed. */
export function ExplorePanel() {
  const { dataset, stats, target, seriesColumn, seriesName } = useStore(
    useShallow((s) => ({
      dataset: s.dataset,
      stats: s.stats,
      target: resolvedTarget(s),
      seriesColumn: s.source?.series?.column ?? null,
      seriesName: s.seriesName,
    })),
  );
  if (!dataset) return null;
  // Bounded: a wide file renders its first SHOWN_COLUMNS columns, with a note saying so.
  const columns = dataset.columns.slice(0, SHOWN_COLUMNS);
  const allNumeric = dataset.columns.filter((c) => c.kind === 'numeric' && stats[c.name]);
  const numeric = allNumeric.slice(0, SHOWN_COLUMNS);
  const targetMissing = dataset.columns.find((c) => c.name === target)?.missing ?? 0;
  // The pipeline's warnings already say when rows were reversed or sorted into date order.
  const constantNote = constantTargetNote(dataset, target);
  const axisNote = noAxisNote(dataset);
  const notes = [
    ...dataset.warnings,
    ...[shownNote(dataset.columns.length), shownNote(allNumeric.length, 'numeric columns')].filter(
      (n): n is string => n !== null,
    ),
    ...(axisNote ? [axisNote] : []),
    ...(constantNote ? [constantNote] : []),
    ...(targetMissing > 0
      ? [
          `${formatInt(targetMissing)} missing value(s) in ${target} will be filled by linear interpolation before training.`,
        ]
      : []),
  ];
  return (
    <section className="panel" aria-labelledby="explore-heading">
      <h2 id="explore-heading">Explore the data</h2>
      <p className="explain">
        A first look at the file before training: its size, the first rows, each column&apos;s range
        and any gaps. Look for missing values and odd jumps; they make learning harder.
      </p>
      <p>
        Shape:{' '}
        <strong>
          {formatInt(dataset.rowCount)} rows × {dataset.columns.length} columns
        </strong>
        {dataset.dateColumn ? ` · x-axis: ${dataset.dateColumn}` : ''}
        {seriesColumn ? ` · rows where ${seriesColumn} is ${seriesName ?? ''}` : ''}
      </p>
      {notes.length > 0 && (
        <ul className="data-notes">
          {notes.slice(0, SHOWN_NOTES).map((n) => (
            <li key={n}>{n}</li>
          ))}
          {notes.length > SHOWN_NOTES && (
            <li>…and {formatInt(notes.length - SHOWN_NOTES)} more notes like these.</li>
          )}
        </ul>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows">
        <table className="data-table">
          <caption>First rows</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dataset.cells.slice(0, HEAD_ROWS).map((row, i) => (
              <tr key={i}>
                {columns.map((c, j) => (
                  <td key={c.name} className={c.kind === 'numeric' ? 'num' : undefined}>
                    {row[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Summary statistics">
        <table className="data-table">
          <caption>Summary statistics</caption>
          <thead>
            <tr>
              <td />
              {numeric.map((c) => (
                <th key={c.name} scope="col" className="num">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STAT_ROWS.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {numeric.map((c) => (
                  <StatCell key={c.name} value={stats[c.name][r.key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Missing values">
        <table className="data-table">
          <caption>Missing values</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col" className="num">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {columns.map((c) => (
                <td key={c.name} className={`num${c.missing > 0 ? ' warn' : ''}`}>
                  {formatInt(c.missing)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
