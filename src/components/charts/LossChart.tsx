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
import { setLogScale } from '../../store/configActions';
import type { XY } from '../../store/series';
import { useStore } from '../../store/store';
import { formatLoss } from '../format';
import { logDomain, logTicks } from './logScale';
import { COLORS, GRID, LINE } from './palette';
import { ShowData } from './ShowData';
import { useChartHeight } from './useChartHeight';
import { useNoLayerTabStops } from './useNoLayerTabStops';

/** Line names, in legend order: the lines to follow first, then the context. */
const NAMES = {
  train: 'Train (epoch)',
  val: 'Held-out test',
  batch: 'Per-batch (smoothed)',
  previous: 'Previous run (held-out)',
};
const LEGEND_ORDER: string[] = Object.values(NAMES);

/** Points a chart can draw: finite, and positive on a log scale. */
function plottable(points: readonly XY[], logScale: boolean): XY[] {
  return points.filter((p) => Number.isFinite(p.y) && (!logScale || p.y > 0));
}

/**
 * Train and held-out loss per epoch, plus the smoothed per-batch loss and the previous run's
 * held-out loss for comparison; optional log scale.
 */
export function LossChart() {
  const figureRef = useNoLayerTabStops();
  const height = useChartHeight();
  const { epochLoss, batchLoss, logScale, epochs, status, previousRun } = useStore(
    useShallow((s) => ({
      previousRun: s.previousRun,
      epochLoss: s.epochLoss,
      batchLoss: s.batchLoss,
      logScale: s.logScale,
      epochs: s.progress?.epochs ?? s.config.epochs,
      status: s.status,
    })),
  );
  const batch = useMemo(() => plottable(batchLoss, logScale), [batchLoss, logScale]);
  const train = useMemo(
    () =>
      plottable(
        epochLoss.map((p) => ({ x: p.epoch, y: p.train })),
        logScale,
      ),
    [epochLoss, logScale],
  );
  const val = useMemo(
    () =>
      plottable(
        epochLoss.map((p) => ({ x: p.epoch, y: p.val })),
        logScale,
      ),
    [epochLoss, logScale],
  );
  const previous = useMemo(
    () => plottable(previousRun?.val ?? [], logScale),
    [previousRun, logScale],
  );
  // Recharts' 'auto' domain clips a log axis: give it one from the points, with room around them.
  const yLog = logScale
    ? logDomain([batch, train, val, previous].flatMap((line) => line.map((p) => p.y)))
    : null;
  const lastEpoch = Math.max(epochs, previous.length > 0 ? previous[previous.length - 1].x : 0);
  // data-points counts the current run only: it is how tests watch a run grow and clear.
  const points = batch.length + train.length + val.length;
  const animate = false;
  return (
    <figure
      ref={figureRef}
      className="chart"
      data-points={points}
      data-previous-points={previous.length}
    >
      <figcaption>Training loss</figcaption>
      <p className="explain">
        The loss is the model&apos;s average error on scaled values. Both lines should fall; if the
        held-out line rises while train keeps falling, the model is memorising (overfitting).
      </p>
      <label className="toggle">
        <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />{' '}
        Log scale
      </label>
      {points === 0 && (
        <p className="chart-empty">
          {status === 'compiling' ? 'Preparing the model…' : 'Press Train to watch the loss fall.'}
        </p>
      )}
      <ResponsiveContainer width="100%" height={height}>
        <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 4 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, (max: number) => Math.min(lastEpoch, Math.max(1, Math.ceil(max)))]}
            allowDecimals={false}
            label={{ value: 'epoch', position: 'insideBottom', offset: -10 }}
          />
          <YAxis
            scale={logScale ? 'log' : 'linear'}
            domain={yLog ?? ['auto', 'auto']}
            ticks={yLog ? logTicks(yLog) : undefined}
            allowDataOverflow
            tickFormatter={(v: number) => String(Number(v.toPrecision(2)))}
            width={64}
          />
          <Tooltip
            formatter={(v) => formatLoss(Number(v))}
            labelFormatter={(x) => `epoch ${Number(x).toFixed(2)}`}
          />
          {/* On top: at the bottom it ran into the axis label on wide screens. */}
          <Legend
            verticalAlign="top"
            itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.value))}
          />
          <Line
            data={batch}
            dataKey="y"
            name={NAMES.batch}
            stroke={COLORS.batchLoss}
            dot={false}
            strokeWidth={LINE.thin}
            isAnimationActive={animate}
          />
          <Line
            data={train}
            dataKey="y"
            name={NAMES.train}
            stroke={COLORS.trainLoss}
            dot={train.length < 30}
            strokeWidth={LINE.main}
            isAnimationActive={animate}
          />
          <Line
            data={val}
            dataKey="y"
            name={NAMES.val}
            stroke={COLORS.heldOutLoss}
            strokeDasharray="6 3"
            dot={val.length < 30}
            strokeWidth={LINE.main}
            isAnimationActive={animate}
          />
          {previous.length > 0 && (
            <Line
              data={previous}
              dataKey="y"
              name={NAMES.previous}
              stroke={COLORS.previous}
              strokeDasharray="2 4"
              dot={false}
              strokeWidth={LINE.thin}
              isAnimationActive={animate}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
      <ShowData
        name="Training loss"
        columns={['Epoch', 'Train', 'Held-out']}
        rows={() => epochLoss.map((p) => [p.epoch, p.train, p.val])}
      />
    </figure>
  );
}
