import type { ReactNode } from 'react';
import { useId } from 'react';
import { ShowData, type ShowDataProps } from '../charts/ShowData';
import { useNoLayerTabStops } from '../charts/useNoLayerTabStops';

/**
 * One figure of the inside view: its name (the figure's accessible name), one or two sentences for
 * students, the drawing, a live reading, and the numbers behind a `Show data` toggle.
 */
export function InsideFigure({
  name,
  explain,
  reading,
  columns,
  rows,
  extra,
  children,
}: {
  name: string;
  explain: string;
  /** The sentence the current numbers say (e.g. how far back the network looks). */
  reading?: string;
  columns: readonly string[];
  /** The table's rows, or a function building them only while the table is shown. */
  rows: ShowDataProps['rows'];
  /** More controls or tables after the data toggle. */
  extra?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const ref = useNoLayerTabStops();
  return (
    <figure ref={ref} className="chart inside-figure" aria-labelledby={id}>
      <figcaption id={id}>{name}</figcaption>
      <p className="explain">{explain}</p>
      {children}
      {reading && <p className="reading">{reading}</p>}
      <ShowData name={name} columns={columns} rows={rows} />
      {extra}
    </figure>
  );
}
