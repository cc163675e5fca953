import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { COLORS, GRID } from '../charts/palette';
import { formatCell } from '../charts/ShowData';
import { lookBack } from './explain';
import { InsideFigure } from './InsideFigure';

/** ∂prediction/∂x for each step back (scaled units): which past values the prediction leans on. */
export function InfluenceFigure({ influence }: { influence: Float32Array }) {
  // Oldest on the left, as time runs: x = −k for the input k steps back.
  const data = Array.from(influence, (v, i) => ({ x: -(i + 1), v })).reverse();
  return (
    <InsideFigure
      name="Input influence"
      explain="How much the prediction moves when one input moves (∂prediction/∂input, scaled units). Tall bars are the days the network leans on; bars near zero are days it ignores."
      reading={lookBack(influence).text}
      columns={['Step back', 'Influence']}
      rows={Array.from(influence, (v, i) => [i + 1, v])}
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
          <Bar dataKey="v" name="Influence" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.x} fill={d.v >= 0 ? COLORS.positive : COLORS.negative} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </InsideFigure>
  );
}
