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
import { formatCell } from '../charts/ShowData';
import { GRID, LAYER_COLORS, LAYER_DASHES } from '../charts/palette';
import { gradientFade } from './explain';
import { InsideFigure } from './InsideFigure';
import { logDomain, logTicks } from '../charts/logScale';

/**
 * ‖∂loss/∂h_t‖ per time step and layer over a training batch, on a log axis: how much of the
 * learning signal reaches each step back (vanishing gradients made visible).
 */
export function GradientFlowFigure({ flow, batch }: { flow: Float32Array[]; batch: number }) {
  const T = flow[0]?.length ?? 0;
  // x = steps back from the window's last step: 0 at the right, as time runs.
  const data = Array.from({ length: T }, (_, t) => {
    const row: Record<string, number | null> = { x: -(T - 1 - t) };
    flow.forEach((f, l) => (row[`l${l}`] = f[t] > 0 ? f[t] : null));
    return row;
  });
  const layers = flow.map((_, l) => `Layer ${l + 1}`);
  const domain = logDomain(flow.flatMap((f) => Array.from(f))) ?? [1e-3, 1];
  return (
    <InsideFigure
      name="Gradient flow"
      explain={`How strong the learning signal ∂loss/∂h is at each step, over a batch of ${batch} training windows (log scale). A line that drops to the left means early steps barely learn: the vanishing gradient that LSTM and GRU were made to fix.`}
      // The top layer gets the loss's gradient at the last step only: its line is the pure trip back.
      reading={flow.length > 0 ? gradientFade(flow[flow.length - 1], flow.length).text : undefined}
      columns={['Steps back', ...layers]}
      rows={Array.from({ length: T }, (_, i) => {
        const t = T - 1 - i;
        return [i, ...flow.map((f) => f[t])];
      })}
    >
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 4 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[-(T - 1), 0]}
            allowDecimals={false}
            label={{ value: 'steps back', position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            scale="log"
            domain={domain}
            ticks={logTicks(domain)}
            allowDataOverflow
            tickFormatter={(v: number) => (v >= 0.01 && v < 1e4 ? String(v) : v.toExponential(0))}
            width={56}
          />
          <Tooltip
            labelFormatter={(x) => `${-Number(x)} steps back`}
            formatter={(v) => formatCell(Number(v))}
          />
          <Legend verticalAlign="top" />
          {layers.map((name, l) => (
            <Line
              key={name}
              dataKey={`l${l}`}
              name={name}
              stroke={LAYER_COLORS[l % LAYER_COLORS.length]}
              strokeDasharray={LAYER_DASHES[l % LAYER_DASHES.length]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </InsideFigure>
  );
}
