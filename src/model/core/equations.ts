/**
 * The Equations figure's numbers: one unit's update at one step of the inspected layer, term by term,
 * recomputed in plain JS from a {@link NetworkInspection} with Keras's formulas and gate order
 * (LSTM i, f, c, o; GRU z, r, h with reset_after = false; sigmoid gates). No tfjs here.
 */
import type { Activation, CellType } from './config';
import type { NetworkInspection } from './inspect';

/** The function a gate applies to its pre-activation. */
export type GateActivation = Activation | 'sigmoid';

/** One gate of unit j (SimpleRNN: its one pre-activation): value = act(input + recurrent + bias). */
export interface GateTerms {
  /** 'h' (SimpleRNN); 'i', 'f', 'c̃', 'o' (LSTM); 'z', 'r', 'ĥ' (GRU). */
  name: string;
  /** A short human name, e.g. 'forget gate'. */
  label: string;
  /** x_t · W[:, col]: the layer's input at step t against the gate's kernel column. */
  input: number;
  /** h_{t−1} · U[:, col]; for GRU's candidate (r ⊙ h_{t−1}) · U_h[:, j]. */
  recurrent: number;
  bias: number;
  /** input + recurrent + bias. */
  pre: number;
  activation: GateActivation;
  /** activation(pre). */
  value: number;
}

/** One operand of a {@link Combination}, e.g. f · c_{t−1}. */
export interface Term {
  name: string;
  label: string;
  value: number;
}

/** A state made of terms: their sum (op '+') or product (op '×'). */
export interface Combination {
  name: string;
  label: string;
  op: '+' | '×';
  terms: Term[];
  value: number;
}

/** Unit j of the inspected layer at step t, as the figure prints it. */
export interface UnitEquations {
  cell: CellType;
  layer: number;
  step: number;
  unit: number;
  /** The layer's input at step t: the window's x_t ([k], layer 0) or the layer below's h_t [units]. */
  input: Float32Array;
  /** This layer's h_{t−1} [units] (zeros at t = 0). */
  hPrev: Float32Array;
  /** LSTM: c_{t−1} of unit j (0 at t = 0); null for other cells. */
  cPrev: number | null;
  gates: GateTerms[];
  /** LSTM: c_t = f·c_{t−1} + i·c̃; null for other cells. */
  cellState: Combination | null;
  /** h_t as the cell makes it from its gates. */
  hidden: Combination;
}

const ACT: Record<GateActivation, (x: number) => number> = {
  tanh: Math.tanh,
  relu: (x) => Math.max(0, x),
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
};

/** Σ_i v[i] · M[i, col] for a row-major M with `cols` columns. */
function dotColumn(v: ArrayLike<number>, m: Float32Array, cols: number, col: number): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * m[i * cols + col];
  return s;
}

/**
 * Unit `unit` of the inspection's chosen layer (`inspection.layer`, whose weights it carries) at step
 * `step` (0 … T−1) on the window `window` (the scaled inputs the inspection was made on, [T · k] with
 * k = the first kernel's rows: `inspection.inputWindow`; a lone target series is k = 1).
 */
export function unitEquations(
  inspection: NetworkInspection,
  window: Float32Array,
  step: number,
  unit: number,
): UnitEquations {
  const { cell, units: u, layer, weights: w } = inspection;
  const act = inspection.activation;
  const cols = w.recurrent.length / u;
  const row = (a: Float32Array, t: number): Float32Array =>
    t < 0 ? new Float32Array(u) : a.subarray(t * u, (t + 1) * u);
  const input =
    layer === 0
      ? window.subarray(step * w.inDim, (step + 1) * w.inDim)
      : row(inspection.hidden[layer - 1], step);
  const hPrev = row(inspection.hidden[layer], step - 1);
  /** Gate `g` (its column block) of unit `j`, with an optional other recurrent input. */
  const gate = (
    g: number,
    j: number,
    name: string,
    label: string,
    activation: GateActivation,
    h: ArrayLike<number> = hPrev,
  ): GateTerms => {
    const col = g * u + j;
    const inTerm = dotColumn(input, w.kernel, cols, col);
    const recurrent = dotColumn(h, w.recurrent, cols, col);
    const bias = w.bias[col];
    const pre = inTerm + recurrent + bias;
    return {
      name,
      label,
      input: inTerm,
      recurrent,
      bias,
      pre,
      activation,
      value: ACT[activation](pre),
    };
  };
  const j = unit;
  const base = { cell, layer, step, unit, input, hPrev };

  if (cell === 'lstm') {
    const cPrev =
      step > 0 && inspection.cellState ? inspection.cellState[layer][(step - 1) * u + j] : 0;
    const gates = [
      gate(0, j, 'i', 'input gate', 'sigmoid'),
      gate(1, j, 'f', 'forget gate', 'sigmoid'),
      gate(2, j, 'c̃', 'candidate', act),
      gate(3, j, 'o', 'output gate', 'sigmoid'),
    ];
    const [i, f, g, o] = gates.map((x) => x.value);
    const kept = f * cPrev;
    const written = i * g;
    const c = kept + written;
    const squashed = ACT[act](c);
    return {
      ...base,
      cPrev,
      gates,
      cellState: {
        name: 'c',
        label: 'cell state',
        op: '+',
        terms: [
          { name: 'f·c[t−1]', label: 'kept from the previous cell state', value: kept },
          { name: 'i·c̃', label: 'written from the candidate', value: written },
        ],
        value: c,
      },
      hidden: {
        name: 'h',
        label: 'hidden state',
        op: '×',
        terms: [
          { name: 'o', label: 'output gate', value: o },
          { name: `${act}(c)`, label: 'squashed cell state', value: squashed },
        ],
        value: o * squashed,
      },
    };
  }

  if (cell === 'gru') {
    const z = gate(0, j, 'z', 'update gate', 'sigmoid');
    // The candidate's recurrent product takes r ⊙ h_{t−1} over every unit, so every unit's r.
    const rh = Float64Array.from(hPrev, (h, k) => gate(1, k, 'r', '', 'sigmoid').value * h);
    const r = gate(1, j, 'r', 'reset gate', 'sigmoid');
    const cand = gate(2, j, 'ĥ', 'candidate', act, rh);
    const kept = z.value * hPrev[j];
    const taken = (1 - z.value) * cand.value;
    return {
      ...base,
      cPrev: null,
      gates: [z, r, cand],
      cellState: null,
      hidden: {
        name: 'h',
        label: 'hidden state',
        op: '+',
        terms: [
          { name: 'z·h[t−1]', label: 'kept from the previous state', value: kept },
          { name: '(1−z)·ĥ', label: 'taken from the candidate', value: taken },
        ],
        value: kept + taken,
      },
    };
  }

  const h = gate(0, j, 'h', 'new state', act);
  return {
    ...base,
    cPrev: null,
    gates: [h],
    cellState: null,
    hidden: {
      name: 'h',
      label: 'hidden state',
      op: '+',
      terms: [{ name: `${act}(…)`, label: 'the activation of the sum', value: h.value }],
      value: h.value,
    },
  };
}
