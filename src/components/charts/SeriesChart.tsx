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
import { COLORS } from './palette';
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
  const tick = dateTick(dataset.times);
  return (
    <figure ref={figureRef} className="chart" data-points={data.length}>
      <figcaption>
        Whole series: {target}{' '}
        <span className="legend-inline">train | test split at row {split}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
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
            label={{ value: 'test →', position: 'insideTopRight' }}
          />
          <Line
            dataKey="y"
            name={target}
            stroke={COLORS.series}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
