import type { NetworkInspection } from '../../model/core/inspect';
import { Heatmap } from './Heatmap';
import { absMax } from './heatmap';
import { InsideFigure } from './InsideFigure';

/** Pixels per unit row of a heatmap, so 50 units stay readable and 4 layers still fit. */
function heightFor(units: number): number {
  return Math.max(48, Math.min(140, units * 3));
}

/**
 * Each layer's hidden state h_t (units × time steps) on the inspected window, on the fixed [−1, 1]
 * scale of tanh (relu's states are ≥ 0 and unbounded: their own scale); for LSTM also c_t.
 */
export function HiddenStateFigure({ n }: { n: NetworkInspection }) {
  const { timesteps: T, units: u } = n;
  const limit = (m: Float32Array) => (n.activation === 'tanh' ? 1 : absMax(m));
  const maps = n.hidden.map((h, l) => ({
    key: `h${l}`,
    title: `Layer ${l + 1}: h`,
    m: h,
    limit: limit(h),
  }));
  if (n.cellState) {
    n.cellState.forEach((c, l) =>
      maps.push({ key: `c${l}`, title: `Layer ${l + 1}: cell state c`, m: c, limit: absMax(c) }),
    );
  }
  const units = Array.from({ length: u }, (_, j) => `Unit ${j + 1}`);
  const rows = () =>
    maps.flatMap(({ m }, i) => {
      const layer = i < n.layers ? String(i + 1) : `${i - n.layers + 1} (cell state c)`;
      return Array.from({ length: T }, (_, t) => [layer, t + 1, ...m.subarray(t * u, (t + 1) * u)]);
    });
  return (
    <InsideFigure
      name="Hidden state"
      explain="Each row is one unit, each column one time step (oldest left). Colour is the unit's value: the network's running memory of the window. Watch which units switch on as new values arrive."
      columns={['Layer', 'Step', ...units]}
      rows={rows}
    >
      <div className="heatmaps">
        {maps.map(({ key, title, m, limit: lim }) => (
          <div key={key} className="heatmap-cell">
            <p className="heatmap-title">{title}</p>
            <Heatmap
              label={`${title}: ${u} units × ${T} steps`}
              rows={u}
              cols={T}
              at={(j, t) => m[t * u + j]}
              limit={lim}
              rowTitle="units"
              colTitle="steps →"
              height={heightFor(u)}
            />
          </div>
        ))}
      </div>
    </InsideFigure>
  );
}
