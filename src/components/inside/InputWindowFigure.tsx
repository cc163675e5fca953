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
import type { InspectionReport } from '../../model/core/inspect';
import { valueTick } from '../charts/axis';
import { COLORS, GRID } from '../charts/palette';
import { InsideFigure } from './InsideFigure';

/**
 * The T values that feed the inspected prediction, then the predicted day with the model's
 * prediction and the actual value, in original units.
 */
export function InputWindowFigure({
  r,
  targetRow,
  rowLabel,
}: {
  r: InspectionReport;
  /** Row of the predicted day in the whole series. */
  targetRow: number;
  rowLabel: (row: number) => string;
}) {
  const T = r.inputs.length;
  const data = useMemo(() => {
    const points: {
      x: number;
      input: number | null;
      actual: number | null;
      prediction: number | null;
    }[] = Array.from(r.inputs, (v, k) => ({
      x: targetRow - T + k,
      input: v,
      actual: null,
      prediction: null,
    }));
    points.push({
      x: targetRow,
      input: null,
      actual: Number.isFinite(r.actual) ? r.actual : null,
      prediction: r.prediction,
    });
    return points;
  }, [r, targetRow, T]);
  const rows = [
    ...Array.from(r.inputs, (v, k) => [rowLabel(targetRow - T + k), v, 'Input']),
    [rowLabel(targetRow), r.actual, 'Actual'],
    [rowLabel(targetRow), r.prediction, 'Prediction'],
  ];
  const miss = r.prediction - r.actual;
  return (
    <InsideFigure
      name="Input window"
      explain={`The network reads these ${T} values, one step at a time, and predicts the next one. Compare the orange prediction with the black actual value.`}
      reading={
        Number.isFinite(miss)
          ? `Prediction ${valueTick(r.prediction)} for ${rowLabel(targetRow)}; actual ${valueTick(r.actual)} (off by ${valueTick(miss)}).`
          : undefined
      }
      columns={['Date', 'Value', 'Role']}
      rows={rows}
    >
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={rowLabel}
            minTickGap={40}
          />
          <YAxis domain={['auto', 'auto']} tickFormatter={valueTick} width={56} />
          <Tooltip
            labelFormatter={(v) => rowLabel(Number(v))}
            formatter={(v) => (typeof v === 'number' ? valueTick(v) : String(v))}
          />
          <Legend />
          <Line
            dataKey="input"
            name="Input window"
            stroke={COLORS.actual}
            strokeWidth={2}
            dot={T <= 60}
            isAnimationActive={false}
          />
          <Line
            dataKey="actual"
            name="Actual"
            stroke={COLORS.actual}
            strokeWidth={2}
            dot={{ r: 6 }}
            isAnimationActive={false}
          />
          <Line
            dataKey="prediction"
            name="Prediction"
            stroke={COLORS.prediction}
            strokeWidth={2}
            dot={{ r: 6 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </InsideFigure>
  );
}
