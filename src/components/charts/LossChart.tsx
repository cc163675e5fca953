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
import { COLORS } from './palette';
import { useNoLayerTabStops } from './useNoLayerTabStops';

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
      <label className="toggle">
        <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />{' '}
        Log scale
      </label>
      {points === 0 && (
        <p className="chart-empty">
          {status === 'compiling' ? 'Preparing the model…' : 'Press Train to watch the loss fall.'}
        </p>
      )}
      <ResponsiveContainer width="100%" height={280}>
        <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 4 }}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, (max: number) => Math.min(lastEpoch, Math.max(1, Math.ceil(max)))]}
            allowDecimals={false}
            label={{ value: 'epoch', position: 'insideBottomRight', offset: -8 }}
          />
          <YAxis
            scale={logScale ? 'log' : 'linear'}
            domain={['auto', 'auto']}
            allowDataOverflow
            tickFormatter={(v: number) => String(Number(v.toPrecision(2)))}
            width={64}
          />
          <Tooltip
            formatter={(v) => formatLoss(Number(v))}
            labelFormatter={(x) => `epoch ${Number(x).toFixed(2)}`}
          />
          <Legend />
          <Line
            data={batch}
            dataKey="y"
            name="Per-batch (smoothed)"
            stroke={COLORS.batch}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={animate}
          />
          <Line
            data={train}
            dataKey="y"
            name="Train (epoch)"
            stroke={COLORS.train}
            dot={train.length < 30}
            strokeWidth={2.5}
            isAnimationActive={animate}
          />
          <Line
            data={val}
            dataKey="y"
            name="Held-out test"
            stroke={COLORS.val}
            strokeDasharray="6 3"
            dot={val.length < 30}
            strokeWidth={2.5}
            isAnimationActive={animate}
          />
          {previous.length > 0 && (
            <Line
              data={previous}
              dataKey="y"
              name="Previous run (held-out)"
              stroke={COLORS.previous}
              strokeDasharray="2 4"
              dot={false}
              strokeWidth={2}
              isAnimationActive={animate}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
