import { useEffect, useRef } from 'react';
import { paintMatrix, SCALE_GRADIENT } from './heatmap';
import { formatCell } from '../charts/ShowData';

/**
 * A matrix as a pixelated canvas heatmap on a fixed symmetric scale, with axis titles and a colour
 * legend. The canvas is an image with a summary label; the numbers are in the figure's data table.
 */
export function Heatmap({
  label,
  rows,
  cols,
  at,
  limit,
  rowTitle,
  colTitle,
  height,
}: {
  label: string;
  rows: number;
  cols: number;
  at: (r: number, c: number) => number;
  limit: number;
  rowTitle: string;
  colTitle: string;
  height: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (ref.current) paintMatrix(ref.current, rows, cols, at, limit);
  }, [rows, cols, at, limit]);
  return (
    <div className="heatmap">
      <div className="heatmap-body">
        <span className="heatmap-rows">{rowTitle}</span>
        <canvas ref={ref} role="img" aria-label={label} style={{ height }} />
      </div>
      <div className="heatmap-foot">
        <span>{colTitle}</span>
        <span className="heatmap-legend" aria-hidden="true">
          <span>{formatCell(-limit)}</span>
          <span className="heatmap-scale" style={{ background: SCALE_GRADIENT }} />
          <span>{formatCell(limit)}</span>
        </span>
      </div>
    </div>
  );
}
