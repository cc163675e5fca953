/**
 * LSTM behind the {@link Cell} contract, as tfjs-layers (Keras 2): gates i, f, c, o in that column
 * order, sigmoid gates, the layer's activation on the candidate and the cell state:
 *   c_t = σ(z_f) ⊙ c_{t−1} + σ(z_i) ⊙ act(z_c);  h_t = σ(z_o) ⊙ act(c_t),  z = P_t + h_{t−1}·U.
 * Where the kernels have a fused LSTM recurrence (`FastKernels.gated`: cpu, wasm with SIMD) the whole
 * recurrence is theirs; on webgl every layer runs at once on the gated wavefront (`gatedWave`, even
 * shapes); elsewhere the per-step gate arithmetic runs as tfjs ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ACTIVATIONS, type ActivationFn } from '../activations';
import type { LstmTrace, LstmWaveRun } from '../kernels/types';
import { nextStepHiddenGrad, splitColumns, type Cell } from './cell';

const SIGMOID = ACTIVATIONS.sigmoid;

/** One step's values the backward pass needs. */
interface LstmStep {
  cPrev: tf.Tensor2D | null;
  /** c_t (kept for the inspector; the backward pass reads the next step's cPrev). */
  c: tf.Tensor2D;
  i: tf.Tensor2D;
  f: tf.Tensor2D;
  /** The candidate act(z_c). */
  g: tf.Tensor2D;
  o: tf.Tensor2D;
  /** act(c_t). */
  ac: tf.Tensor2D;
}

/**
 * What the forward pass keeps: the kernels' stacked trace, the whole-stack wavefront's run (webgl),
 * or every step's tfjs values.
 */
export type LstmState = { fused: LstmTrace } | { wave: LstmWaveRun } | { steps: LstmStep[] };

/** An LSTM cell with `activation` (tanh in Keras's default); it keeps every step's gates. */
export function lstmCell(activation: ActivationFn): Cell<LstmState> {
  return {
    gates: 4,
    forward(proj, recurrent, T, k) {
      if (k.gated) {
        const fused = k.gated.lstm.forward(proj, recurrent, T, activation);
        return { stacked: fused.states, state: { fused } };
      }
      const projSteps = k.split(proj, T);
      const steps: LstmStep[] = [];
      const hs: tf.Tensor2D[] = [];
      let h: tf.Tensor2D | null = null;
      let c: tf.Tensor2D | null = null;
      for (let t = 0; t < T; t++) {
        const z = h ? tf.add(projSteps[t], tf.matMul(h, recurrent)) : projSteps[t];
        const [zi, zf, zg, zo] = splitColumns(k, z as tf.Tensor2D, 4);
        const i = SIGMOID.tf(zi);
        const f = SIGMOID.tf(zf);
        const g = activation.tf(zg);
        const o = SIGMOID.tf(zo);
        const cNew: tf.Tensor2D = c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g);
        const ac = activation.tf(cNew);
        steps.push({ cPrev: c, c: cNew, i, f, g, o, ac });
        h = tf.mul(o, ac);
        c = cNew;
        hs.push(h);
      }
      return { stacked: T === 1 ? hs[0] : (tf.concat(hs, 0) as tf.Tensor2D), state: { steps } };
    },
    backward(run, recurrent, dOut, dLast, T, k) {
      const { state } = run;
      if ('fused' in state) {
        if (!k.gated) throw new Error('LSTM state from fused kernels, backward without them.');
        return k.gated.lstm.backward(state.fused, recurrent, dOut, dLast, T, activation);
      }
      if ('wave' in state)
        throw new Error('LSTM state from the wavefront: its backward is stack().');
      const uT = tf.transpose(recurrent) as tf.Tensor2D;
      const dOutSteps = dOut ? k.split(dOut, T) : null;
      const dZs: tf.Tensor2D[] = new Array<tf.Tensor2D>(T);
      let dhRec: tf.Tensor2D | null = null;
      let dcNext: tf.Tensor2D | null = null;
      for (let t = T - 1; t >= 0; t--) {
        const { cPrev, i, f, g, o, ac } = state.steps[t];
        let dh: tf.Tensor2D | null = dOutSteps ? dOutSteps[t] : t === T - 1 ? dLast : null;
        if (dhRec) dh = dh ? tf.add(dh, dhRec) : dhRec;
        const dH: tf.Tensor2D = dh ?? (tf.zerosLike(i) as tf.Tensor2D);
        let dc = tf.mul(tf.mul(dH, o), activation.tfGrad(ac)) as tf.Tensor2D;
        if (dcNext) dc = tf.add(dc, dcNext);
        const dzi = tf.mul(tf.mul(dc, g), SIGMOID.tfGrad(i));
        const dzf = cPrev ? tf.mul(tf.mul(dc, cPrev), SIGMOID.tfGrad(f)) : tf.zerosLike(f);
        const dzg = tf.mul(tf.mul(dc, i), activation.tfGrad(g));
        const dzo = tf.mul(tf.mul(dH, ac), SIGMOID.tfGrad(o));
        dcNext = tf.mul(dc, f);
        dZs[t] = tf.concat([dzi, dzf, dzg, dzo], 1) as tf.Tensor2D;
        dhRec = tf.matMul(dZs[t], uT);
      }
      return T === 1 ? dZs[0] : (tf.concat(dZs, 0) as tf.Tensor2D);
    },
    // h_t reaches step t + 1 only through its gates' recurrent product (c_t is a separate path).
    hiddenGrad: (_run, recurrent, dZ, dOut, dLast, steps, k) =>
      nextStepHiddenGrad(recurrent, dZ, dOut, dLast, steps, k),
    cellStates: ({ state }) =>
      'fused' in state
        ? tf.tensor2d(state.fused.cells, state.fused.states.shape)
        : 'wave' in state
          ? cellsOf(state.wave)
          : state.steps.length === 1
            ? state.steps[0].c
            : (tf.concat(
                state.steps.map((s) => s.c),
                0,
              ) as tf.Tensor2D),
    stack(k, b, units) {
      const wave = k.gatedWave;
      if (!wave || !wave.applies(b, units)) return null;
      return {
        forward: (proj0, layers, masks, steps) =>
          wave.lstm
            .forward(proj0, layers, masks, steps, activation)
            .map((run) => ({ stacked: run.states, state: { wave: run } })),
        backward: (runs, layers, masks, dLast, steps) =>
          wave.lstm.backward(runs.map(waveRun), layers, masks, dLast, steps, activation),
      };
    },
  };
}

/** c_t [T·b, u]: the right half of the wavefront's [h | c] pair. */
function cellsOf(run: LstmWaveRun): tf.Tensor2D {
  const [rows, two] = run.pair.shape;
  return tf.slice(run.pair, [0, two / 2], [rows, two / 2]);
}

/** The wavefront's run of a layer whose forward ran there (stack() runs both or neither). */
function waveRun({ state }: { state: LstmState }): LstmWaveRun {
  if (!('wave' in state)) throw new Error('LSTM wavefront backward without its forward.');
  return state.wave;
}
