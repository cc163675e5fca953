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
import { testView, validateDataConfig, type TestView } from '../../model/data/prep';
import { setShowBaseline } from '../../store/configActions';
import { setInside } from '../../store/inspectActions';
import { sampleIndices } from '../../store/series';
import { resolvedTarget, useStore, type State } from '../../store/store';
import { dateTick, valueTick } from './axis';
import { COLORS, GRID, LINE } from './palette';
import { ShowData } from './ShowData';
import { useChartHeight } from './useChartHeight';
import { useNoLayerTabStops } from './useNoLayerTabStops';

/** The test rows to draw: the run's, or (before any run) the ones the settings would make. */
function testRows(s: Pick<State, 'test' | 'dataset' | 'config'>, target: string): TestView | null {
  if (s.test) return s.test;
  const values = s.dataset && target ? s.dataset.numeric[target] : undefined;
  if (!values || validateDataConfig(s.dataset!, { ...s.config, targetColumn: target })) return null;
  return testView(values, s.config.trainSplit);
}

/** Line names, in legend (and drawing) order. */
const NAMES = {
  actual: 'Actual',
  prediction: 'Model prediction',
  persistence: 'Persistence (tomorrow = today)',
};
const LEGEND_ORDER: string[] = Object.values(NAMES);

const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

/** Actual vs predicted test values in original units on a dated axis; persistence baseline optional. */
export function PredictionChart() {
  const figureRef = useNoLayerTabStops();
  const height = useChartHeight();
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
    () => testRows({ test, dataset, config }, target),
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
  const tick = dateTick(dataset?.times ?? null, dataset?.yearly);
  const last = series.offset + series.actual.length - 1;
  return (
    <figure ref={figureRef} className="chart" data-points={predictions ? data.length : 0}>
      <figcaption>Predictions vs actual</figcaption>
      <p className="explain">
        Each point is one step ahead, on test rows the model never trained on. The prediction should
        hug the actual line more closely than the dashed baseline, which just repeats the last
        value.
      </p>
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
      <ResponsiveContainer width="100%" height={height}>
        <LineChart
          data={data}
          margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
          // A click picks that day for the inside view (its Inspect date control does the same).
          onClick={(st) => {
            const x = Number(st?.activeLabel);
            if (Number.isFinite(x))
              setInside({ insideOpen: true, inspectIndex: x - series.offset });
          }}
          style={{ cursor: 'pointer' }}
        >
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
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
          {/* Drawing order (recharts would sort by name). */}
          <Legend itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.value))} />
          <Line
            dataKey="actual"
            name={NAMES.actual}
            stroke={COLORS.actual}
            dot={false}
            strokeWidth={LINE.main}
            isAnimationActive={false}
          />
          <Line
            dataKey="predicted"
            name={NAMES.prediction}
            stroke={COLORS.prediction}
            dot={false}
            strokeWidth={LINE.main}
            isAnimationActive={false}
          />
          {/* Last, so it shows on top: persistence is the actual line shifted by one row and
              would otherwise vanish under it. */}
          {showBaseline && (
            <Line
              dataKey="baseline"
              name={NAMES.persistence}
              stroke={COLORS.persistence}
              strokeDasharray="6 4"
              dot={false}
              strokeWidth={LINE.thin}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
      <ShowData
        name="Predictions vs actual"
        columns={[dataset?.times ? 'Date' : 'Row', 'Actual', 'Prediction', 'Persistence']}
        rows={() => data.map((d) => [tick(d.x), d.actual, d.predicted, d.baseline])}
      />
    </figure>
  );
}
