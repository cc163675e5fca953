import { unitEquations, type Combination, type GateTerms } from '../../model/core/equations';
import type { InspectionReport } from '../../model/core/inspect';
import { useStore } from '../../store/store';
import { formatCell as f } from '../charts/ShowData';
import { InsideFigure } from './InsideFigure';

const ACT_SIGN: Record<GateTerms['activation'], string> = {
  tanh: 'tanh',
  relu: 'relu',
  sigmoid: 'σ',
};

/** What each cell's equations say, in words a student can hold on to. */
const EXPLAIN = {
  simpleRNN:
    'One unit at one step: its new value is the activation of (this step’s input × its weight) + (the previous state × the recurrent weights) + a bias. Pick a unit and a step to see the live numbers.',
  lstm: 'One LSTM unit at one step: three gates (input i, forget f, output o, each between 0 and 1) decide what the cell state c keeps, writes and shows. A forget gate near 1 keeps the memory for long.',
  gru: 'One GRU unit at one step: the update gate z mixes the old state with a candidate ĥ; the reset gate r decides how much of the old state the candidate sees.',
} as const;

/** "a + b" written with the sign of b: "0.5 − 0.25", not "0.5 + -0.25". */
function then(v: number): string {
  return v < 0 ? ` − ${f(-v)}` : ` + ${f(v)}`;
}

function gateLine(g: GateTerms, t: number): string {
  const a = ACT_SIGN[g.activation];
  const h = g.name === 'ĥ' ? `(r⊙h[${t - 1}])` : `h[${t - 1}]`;
  return `${g.name}[${t}] = ${a}(x·W + ${h}·U + b) = ${a}(${f(g.input)}${then(g.recurrent)}${then(g.bias)}) = ${a}(${f(g.pre)}) = ${f(g.value)}`;
}

function combinationLine(c: Combination, t: number): string {
  const parts =
    c.op === '+'
      ? c.terms.map((x, i) => (i === 0 ? f(x.value) : then(x.value).trim())).join(' ')
      : c.terms.map((x) => f(x.value)).join(` ${c.op} `);
  return `${c.name}[${t}] = ${c.terms.map((x) => x.name).join(` ${c.op} `)} = ${parts} = ${f(c.value)}`;
}

/**
 * The cell's equations for one unit at one step of the chosen layer, with every term's live value
 * (recomputed from the inspection's weights and states; the result equals the engine's h_t).
 */
export function EquationsFigure({ r }: { r: InspectionReport }) {
  const n = r.network;
  const unit = useStore((s) => s.equationUnit);
  const step = useStore((s) => s.equationStep);
  const j = Math.min(unit, n.units - 1);
  const t = Math.min(step ?? n.timesteps - 1, n.timesteps - 1);
  const eq = unitEquations(n, n.inputWindow, t, j);
  const rows: (string | number)[][] = eq.gates.flatMap((g) => [
    [`${g.name}: input term`, g.input],
    [`${g.name}: recurrent term`, g.recurrent],
    [`${g.name}: bias`, g.bias],
    [`${g.name}: pre-activation`, g.pre],
    [`${g.name} (${g.label})`, g.value],
  ]);
  for (const c of [eq.cellState, eq.hidden]) {
    if (!c) continue;
    c.terms.forEach((x) => rows.push([`${c.name}: ${x.name}`, x.value]));
    rows.push([`${c.name} (${c.label})`, c.value]);
  }
  return (
    <InsideFigure
      name="Equations"
      explain={EXPLAIN[n.cell]}
      columns={['Term', 'Value']}
      rows={rows}
    >
      <div className="inside-controls">
        <label>
          Unit{' '}
          <select
            value={j}
            onChange={(e) => useStore.setState({ equationUnit: Number(e.target.value) })}
          >
            {Array.from({ length: n.units }, (_, k) => (
              <option key={k} value={k}>
                {k + 1}
              </option>
            ))}
          </select>
        </label>
        <label>
          Step{' '}
          <select
            value={t}
            onChange={(e) => useStore.setState({ equationStep: Number(e.target.value) })}
          >
            {Array.from({ length: n.timesteps }, (_, k) => (
              <option key={k} value={k}>
                {k + 1}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">Layer {n.layer + 1} (pick it above)</span>
      </div>
      {eq.gates.map((g) => (
        <p key={g.name} className="equation">
          {gateLine(g, t + 1)}
        </p>
      ))}
      {eq.cellState && <p className="equation">{combinationLine(eq.cellState, t + 1)}</p>}
      {n.cell !== 'simpleRNN' && <p className="equation">{combinationLine(eq.hidden, t + 1)}</p>}
    </InsideFigure>
  );
}
