import { useId, useState } from 'react';

/** A cell: numbers are printed to 4 significant digits, text as it is. */
export type Cell = number | string;

/** 4 significant digits, plain (no exponent for ordinary magnitudes), "–" for non-finite. */
export function formatCell(v: Cell): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e7) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/**
 * The numbers behind a figure: a `Show data` toggle that renders them as a table named
 * "<name> data" (for screen readers and tests). Nothing is rendered while hidden.
 */
export function ShowData({
  name,
  columns,
  rows,
}: {
  name: string;
  columns: readonly string[];
  rows: readonly (readonly Cell[])[];
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="show-data">
      <button
        type="button"
        className="link"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        Show data
      </button>
      {open && (
        <div className="table-scroll" id={id}>
          <table className="data-table compact" aria-label={`${name} data`}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                      {formatCell(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
