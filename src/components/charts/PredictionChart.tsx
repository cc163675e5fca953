import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { splitIndex } from '../../model/data/prep';
import { setShowBaseline } from '../../store/configActions';
import { sampleIndices } from '../../store/series';
import { resolvedTarget, useStore, type State } from '../../store/store';
import { dateTick, valueTick } from './axis';
import { COLORS } from './palette';
import { useNoLayerTabStops } from './useNoLayerTabStops';

interface TestSeries {
  offset: number;
  actual: ArrayLike<number>;
  previous: ArrayLike<number>;
  dates: readonly string[] | null;
}

/** The test part to draw: the current run's, or (before any run) the one the settings would make. */
function testSeries(
  s: Pick<State, 'test' | 'dataset' | 'config'>,
  target: string,
): TestSeries | null {
  if (s.test) return s.test;
  const values = s.dataset && target ? s.dataset.numeric[target] : undefined;
  if (!s.dataset || !values) return null;
  const split = splitIndex(s.dataset.rowCount, s.config.trainSplit);
  if (split < 1 || split >= values.length) return null;
  return {
    offset: split,
    actual: values.subarray(split),
    previous: values.subarray(split - 1, values.length - 1),
    dates: s.dataset.dates,
  };
}

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

/** Actual vs predicted test values in original units on a dated axis; persistence baseline optional. */
export function PredictionChart() {
  const figureRef = useNoLayerTabStops();
  const { test, dataset, config, predictions, predictionsEpoch, showBaseline, target } = useStore(
    useShallow((s) => ({
      test: s.test,
      dataset: s.dataset,
      config: s.config,
      predictions: s.predictions,
      predictionsEpoch: s.predictionsEpoch,
      showBaseline: s.showBaseline,
      target: s.test?.target ?? resolvedTarget(s),
    })),
  );
  const series = useMemo(
    () => testSeries({ test, dataset, config }, target),
    [test, dataset, config, target],
  );
  const data = useMemo(() => {
    if (!series) return [];
    return sampleIndices(series.actual.length).map((i) => ({
      x: series.offset + i,
      actual: finite(series.actual[i]),
      predicted: predictions ? finite(predictions[i]) : null,
      baseline: finite(series.previous[i]),
    }));
  }, [series, predictions]);
  if (!series) return null;
  const dates = test ? test.dates : series.dates;
  const tick = test ? dateTick(dates, series.offset) : dateTick(dates);
  const last = series.offset + series.actual.length - 1;
  return (
    <figure ref={figureRef} className="chart" data-points={predictions ? data.length : 0}>
      <figcaption>Predictions vs actual</figcaption>
      <label className="toggle">
        <input
          type="checkbox"
          checked={showBaseline}
          onChange={(e) => setShowBaseline(e.target.checked)}
        />{' '}
        Show persistence baseline
      </label>
      <p className="chart-note">
        {target} on the test rows, original units
        {predictions
          ? ` · predictions after epoch ${predictionsEpoch}`
          : ' · predictions appear after the first epoch'}
      </p>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[series.offset, Math.max(series.offset + 1, last)]}
            tickFormatter={tick}
            minTickGap={40}
          />
          <YAxis domain={['auto', 'auto']} tickFormatter={valueTick} width={56} />
          <Tooltip
            labelFormatter={(v) => tick(Number(v))}
            formatter={(v) => (typeof v === 'number' ? v.toFixed(2) : String(v))}
          />
          <Legend />
          <Line
            dataKey="actual"
            name="Actual"
            stroke={COLORS.actual}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
          {showBaseline && (
            <Line
              dataKey="baseline"
              name="Persistence (tomorrow = today)"
              stroke={COLORS.baseline}
              strokeDasharray="4 4"
              dot={false}
              strokeWidth={1.5}
              isAnimationActive={false}
            />
          )}
          <Line
            dataKey="predicted"
            name="Model prediction"
            stroke={COLORS.predicted}
            dot={false}
            strokeWidth={2.5}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
