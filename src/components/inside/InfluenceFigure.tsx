import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { NetworkInspection } from '../../model/core/inspect';
import { COLORS, GRID, INPUT_COLORS } from '../charts/palette';
import { formatCell } from '../charts/ShowData';
import { lookBack } from './explain';
import { InsideFigure } from './InsideFigure';

/**
 * ∂prediction/∂x for each step back (scaled units): which past values the prediction leans on.
 * With several input columns, one bar series per column (the table has one column per input).
 */
export function InfluenceFigure({
  n,
}: {
  n: Pick<NetworkInspection, 'influence' | 'influenceByInput' | 'inputNames'>;
}) {
  const { influence, influenceByInput: series, inputNames: names } = n;
  const several = series.length > 1;
  // Oldest on the left, as time runs: x = −k for the input k steps back.
  const data = Array.from(influence, (_, i) => {
    const row: Record<string, number> = { x: -(i + 1) };
    series.forEach((s, c) => (row[`v${c}`] = s[i]));
    return row;
  }).reverse();
  return (
    <InsideFigure
      name="Input influence"
      explain={`How much the prediction moves when one input moves (∂prediction/∂input, scaled units). Tall bars are the days the network leans on; bars near zero are days it ignores.${several ? ' One colour per input column.' : ''}`}
      reading={lookBack(influence).text}
      columns={['Step back', ...(several ? names : ['Influence'])]}
      rows={() => Array.from(influence, (_, i) => [i + 1, ...series.map((s) => s[i])])}
    >
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 4 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="x"
            type="category"
            tickFormatter={(x: number) => `t−${-x}`}
            interval="preserveStartEnd"
            minTickGap={12}
            label={{ value: 'steps back', position: 'insideBottom', offset: -12 }}
          />
          <YAxis tickFormatter={(v: number) => formatCell(v)} width={64} />
          <ReferenceLine y={0} stroke={COLORS.actual} />
          <Tooltip
            labelFormatter={(x) => `${-Number(x)} steps back`}
            formatter={(v) => formatCell(Number(v))}
          />
          {several && <Legend verticalAlign="top" height={24} />}
          {several ? (
            names.map((name, c) => (
              <Bar
                key={c}
                dataKey={`v${c}`}
                name={name}
                fill={INPUT_COLORS[c % INPUT_COLORS.length]}
                isAnimationActive={false}
              />
            ))
          ) : (
            <Bar dataKey="v0" name="Influence" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.x} fill={d.v0 >= 0 ? COLORS.positive : COLORS.negative} />
              ))}
            </Bar>
          )}
        </BarChart>
      </ResponsiveContainer>
    </InsideFigure>
  );
}
