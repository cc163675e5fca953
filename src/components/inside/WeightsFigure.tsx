import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NetworkInspection } from '../../model/core/inspect';
import { COLORS, GRID } from '../charts/palette';
import { formatCell, ShowData } from '../charts/ShowData';
import { Heatmap } from './Heatmap';
import { absMax } from './heatmap';
import { InsideFigure } from './InsideFigure';

/** Gate letters of the recurrent kernel's column blocks, in Keras order. */
const GATES = { simpleRNN: [''], lstm: ['i', 'f', 'c', 'o'], gru: ['z', 'r', 'h'] } as const;

/** Column names of a recurrent kernel: "To 3" for SimpleRNN, "f 3" (gate, unit) for gated cells. */
export function kernelColumns(cell: NetworkInspection['cell'], units: number): string[] {
  return GATES[cell].flatMap((g) =>
    Array.from({ length: units }, (_, j) => (g ? `${g} ${j + 1}` : `To ${j + 1}`)),
  );
}

/** The chosen layer's recurrent kernel U as a heatmap, and every weight of the network as a histogram. */
export function WeightsFigure({ n }: { n: NetworkInspection }) {
  const u = n.units;
  const cols = u * GATES[n.cell].length;
  const U = n.weights.recurrent;
  const { min, max, counts } = n.histogram;
  const width = (max - min) / counts.length;
  const bins = Array.from(counts, (c, i) => ({
    x: min + (i + 0.5) * width,
    from: min + i * width,
    c,
  }));
  const names = kernelColumns(n.cell, u);
  return (
    <InsideFigure
      name="Weights"
      explain={`Left: layer ${n.layer + 1}'s recurrent weights U (how each unit's last value feeds every unit now; rows: from, columns: to${n.cell === 'simpleRNN' ? '' : ', one block per gate'}). Right: all ${counts.reduce((a, b) => a + b, 0)} weights of the network. Training reshapes both.`}
      columns={['From unit', ...names]}
      rows={() =>
        Array.from({ length: u }, (_, i) => [i + 1, ...U.subarray(i * cols, (i + 1) * cols)])
      }
      extra={
        <ShowData
          name="Weight histogram"
          label="Show histogram data"
          columns={['From', 'To', 'Count']}
          rows={bins.map((b) => [b.from, b.from + width, b.c])}
        />
      }
    >
      <div className="weights-row">
        <Heatmap
          label={`Recurrent kernel of layer ${n.layer + 1}: ${u} × ${cols}`}
          rows={u}
          cols={cols}
          at={(i, j) => U[i * cols + j]}
          limit={absMax(U)}
          rowTitle="from unit"
          colTitle="to →"
          height={Math.max(80, Math.min(180, u * 3))}
        />
        <ResponsiveContainer width="100%" height={180}>
          <BarChart
            data={bins}
            margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
            barCategoryGap={1}
          >
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="x"
              type="number"
              domain={[min, max]}
              ticks={min < 0 && max > 0 ? [min, 0, max] : [min, max]}
              tickFormatter={(v: number) => formatCell(v)}
            />
            <YAxis width={48} allowDecimals={false} />
            <Tooltip labelFormatter={(x) => `weights near ${formatCell(Number(x))}`} />
            <Bar dataKey="c" name="Weights" fill={COLORS.actual} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </InsideFigure>
  );
}
