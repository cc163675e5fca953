import { useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { splitIndex } from '../../model/data/prep';
import { sampleIndices } from '../../store/series';
import { resolvedTarget, useStore } from '../../store/store';
import { dateTick, valueTick } from './axis';
import { CHART_TEXT, COLORS, GRID, LINE } from './palette';
import { useNoLayerTabStops } from './useNoLayerTabStops';

/** The whole target series (downsampled), with the chronological train/test boundary marked. */
export function SeriesChart() {
  const figureRef = useNoLayerTabStops();
  const { dataset, target, trainSplit } = useStore(
    useShallow((s) => ({
      dataset: s.dataset,
      target: resolvedTarget(s),
      trainSplit: s.config.trainSplit,
    })),
  );
  const values = dataset && target ? dataset.numeric[target] : undefined;
  const data = useMemo(() => {
    if (!values) return [];
    return sampleIndices(values.length).map((i) => ({
      x: i,
      y: Number.isFinite(values[i]) ? values[i] : null,
    }));
  }, [values]);
  if (!dataset || !values) return null;
  const n = dataset.rowCount;
  const split = splitIndex(n, trainSplit);
  const tick = dateTick(dataset.times, dataset.yearly);
  return (
    <figure ref={figureRef} className="chart" data-points={data.length}>
      <figcaption>
        Whole series: {target}{' '}
        <span className="legend-inline">train | test split at row {split}</span>
      </figcaption>
      <p className="explain">
        The column the model learns to predict, over the whole file. It trains on the part left of
        the line and is tested on the part right of it, which it never sees while training.
      </p>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, Math.max(1, n - 1)]}
            tickFormatter={tick}
            minTickGap={40}
          />
          <YAxis domain={['auto', 'auto']} tickFormatter={valueTick} width={56} />
          <Tooltip labelFormatter={(v) => tick(Number(v))} formatter={(v) => [String(v), target]} />
          <ReferenceArea x1={split} x2={n - 1} fill={COLORS.split} fillOpacity={0.08} />
          <ReferenceLine
            x={split}
            stroke={COLORS.split}
            strokeWidth={2}
            label={{ value: 'test →', position: 'insideTopRight', fill: CHART_TEXT }}
          />
          <Line
            dataKey="y"
            name={target}
            stroke={COLORS.actual}
            dot={false}
            strokeWidth={LINE.thin}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
