import { useId, useState } from 'react';
import { formatMetric } from '../format';

/** One table cell: numbers are shown to 4 significant digits, null as a dash. */
export type DataCell = number | string | null;

export interface ShowDataProps {
  /** The figure's name; the table is named "<name> data". */
  name: string;
  /** Column headers, left to right. */
  columns: readonly string[];
  /**
   * The rows (already sampled to what the chart draws), or a function that builds them: it is only
   * called while the table is shown, so a hidden table costs nothing.
   */
  rows: readonly (readonly DataCell[])[] | (() => readonly (readonly DataCell[])[]);
  /** The button's text when a figure has a second table (default "Show data"). */
  label?: string;
}

export function formatCell(v: DataCell): string {
  if (v === null) return '–';
  return typeof v === 'number' ? formatMetric(v) : v;
}

/**
 * A "Show data" toggle for a chart: the figure's numbers as a table, for screen readers and for
 * anyone who wants exact values. The button's name stays "Show data"; aria-expanded says whether
 * the table is open. The table is rendered only while shown.
 */
export function ShowData({ name, columns, rows, label = 'Show data' }: ShowDataProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const body = open ? (typeof rows === 'function' ? rows() : rows) : [];
  return (
    <div className="show-data">
      <button
        type="button"
        className="show-data-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      <div id={id} hidden={!open}>
        {open && (
          <div
            className="table-scroll show-data-scroll"
            tabIndex={0}
            role="region"
            aria-label={`${name} data`}
          >
            <table className="data-table">
              <caption>{name} data</caption>
              <thead>
                <tr>
                  {columns.map((c, i) => (
                    <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {body.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {formatCell(v)}
                        </th>
                      ) : (
                        <td key={j} className="num">
                          {formatCell(v)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            {body.length === 0 && <p className="hint">No data yet.</p>}
          </div>
        )}
      </div>
    </div>
  );
}
