/**
 * GRU behind the {@link Cell} contract, as tfjs-layers (Keras 2, reset_after = false): gates z, r, h in
 * that column order, sigmoid gates, the reset gate applied before the recurrent product, the bias on
 * the input side:
 *   z = σ(x_z + h_{t−1}·U_z);  r = σ(x_r + h_{t−1}·U_r);  ĥ = act(x_h + (r ⊙ h_{t−1})·U_h);
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ.
 * Where the kernels have a fused GRU recurrence (`FastKernels.gated`: cpu, wasm with SIMD) the whole
 * recurrence is theirs; on webgl every layer runs at once on the gated wavefront (`gatedWave`, even
 * shapes); elsewhere the per-step gate arithmetic runs as tfjs ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ACTIVATIONS, oneMinus, type ActivationFn } from '../activations';
import type { FastKernels, GruTrace, GruWaveRun } from '../kernels/types';
import { addOuterGrad, shiftUp, shiftedGrad, splitColumns, type Cell } from './cell';

const SIGMOID = ACTIVATIONS.sigmoid;

/** One step's values the backward pass needs. */
interface GruStep {
  hPrev: tf.Tensor2D | null;
  z: tf.Tensor2D;
  r: tf.Tensor2D;
  /** The candidate ĥ. */
  hh: tf.Tensor2D;
  /** r ⊙ h_{t−1} (null at t = 0). */
  rh: tf.Tensor2D | null;
}

/**
 * What the forward pass keeps: the kernels' stacked trace, the whole-stack wavefront's run (webgl),
 * or every step's tfjs values.
 */
export type GruState = { fused: GruTrace } | { wave: GruWaveRun } | { steps: GruStep[] };

/** The fused kernels' or the wavefront's gate values as a tensor [T·b, 3u] (inspector paths). */
const stackedGates = (state: { fused: GruTrace } | { wave: GruWaveRun }): tf.Tensor2D => {
  if ('wave' in state) return state.wave.gates();
  const t = state.fused;
  return tf.tensor2d(t.gates, [t.states.shape[0], 3 * t.states.shape[1]]);
};

/** r_t ⊙ h_{t−1} of every step [T·b, u] (zeros at t = 0), where the kernels keep it stacked. */
const stackedReset = (state: { fused: GruTrace } | { wave: GruWaveRun }): tf.Tensor2D =>
  'wave' in state ? state.wave.resetStates : state.fused.resetStates;

/** Rows of steps 1 … T−1 stacked: r_t, and r_t ⊙ h_{t−1} (the input of U_h). T > 1. */
function laterSteps(
  state: GruState,
  steps: number,
  k: FastKernels,
): { r: tf.Tensor2D; rh: tf.Tensor2D } {
  if (!('steps' in state)) {
    const r = splitColumns(k, stackedGates(state), 3)[1];
    return { r: shiftUp(r, steps), rh: shiftUp(stackedReset(state), steps) };
  }
  const later = state.steps.slice(1);
  return {
    r: tf.concat(later.map((s) => s.r)),
    rh: tf.concat(later.map((s) => s.rh as tf.Tensor2D)),
  };
}

/** The update gate z_t of every step, one [b, u] block each. */
function updateGates(state: GruState, steps: number, k: FastKernels): tf.Tensor2D[] {
  if (!('steps' in state)) return k.split(splitColumns(k, stackedGates(state), 3)[0], steps);
  return state.steps.map((s) => s.z);
}

/** A GRU cell with `activation` (tanh in Keras's default); it keeps every step's gates. */
export function gruCell(activation: ActivationFn): Cell<GruState> {
  return {
    gates: 3,
    forward(proj, recurrent, T, k) {
      if (k.gated) {
        const fused = k.gated.gru.forward(proj, recurrent, T, activation);
        return { stacked: fused.states, state: { fused } };
      }
      const u = recurrent.shape[0];
      const projSteps = k.split(proj, T);
      const uZR = tf.slice(recurrent, [0, 0], [u, 2 * u]) as tf.Tensor2D;
      const uH = tf.slice(recurrent, [0, 2 * u], [u, u]) as tf.Tensor2D;
      const steps: GruStep[] = [];
      const hs: tf.Tensor2D[] = [];
      let h: tf.Tensor2D | null = null;
      for (let t = 0; t < T; t++) {
        const [xz, xr, xh] = splitColumns(k, projSteps[t], 3);
        let z: tf.Tensor2D;
        let r: tf.Tensor2D;
        let rh: tf.Tensor2D | null = null;
        let hh: tf.Tensor2D;
        if (h) {
          const [rz, rr] = splitColumns(k, tf.matMul(h, uZR), 2);
          z = SIGMOID.tf(tf.add(xz, rz));
          r = SIGMOID.tf(tf.add(xr, rr));
          rh = tf.mul(r, h);
          hh = activation.tf(tf.add(xh, tf.matMul(rh, uH)));
        } else {
          z = SIGMOID.tf(xz);
          r = SIGMOID.tf(xr);
          hh = activation.tf(xh);
        }
        steps.push({ hPrev: h, z, r, hh, rh });
        h = h ? tf.add(tf.mul(z, h), tf.mul(oneMinus(z), hh)) : tf.mul(oneMinus(z), hh);
        hs.push(h);
      }
      return { stacked: T === 1 ? hs[0] : (tf.concat(hs, 0) as tf.Tensor2D), state: { steps } };
    },
    backward(run, recurrent, dOut, dLast, T, k) {
      const { state } = run;
      if ('fused' in state) {
        if (!k.gated) throw new Error('GRU state from fused kernels, backward without them.');
        return k.gated.gru.backward(state.fused, recurrent, dOut, dLast, T, activation);
      }
      if ('wave' in state)
        throw new Error('GRU state from the wavefront: its backward is stack().');
      const u = recurrent.shape[0];
      const uT = tf.transpose(recurrent) as tf.Tensor2D;
      // Row blocks of Uᵀ, cut once: U_hᵀ and [U_z | U_r]ᵀ.
      const uTh = tf.slice(uT, [2 * u, 0], [u, u]) as tf.Tensor2D;
      const uTzr = tf.slice(uT, [0, 0], [2 * u, u]) as tf.Tensor2D;
      const dOutSteps = dOut ? k.split(dOut, T) : null;
      const dZs: tf.Tensor2D[] = new Array<tf.Tensor2D>(T);
      let dhRec: tf.Tensor2D | null = null;
      for (let t = T - 1; t >= 0; t--) {
        const { hPrev, z, r, hh } = state.steps[t];
        let dh: tf.Tensor2D | null = dOutSteps ? dOutSteps[t] : t === T - 1 ? dLast : null;
        if (dhRec) dh = dh ? tf.add(dh, dhRec) : dhRec;
        const dH: tf.Tensor2D = dh ?? (tf.zerosLike(z) as tf.Tensor2D);
        const daH = tf.mul(tf.mul(dH, oneMinus(z)), activation.tfGrad(hh)) as tf.Tensor2D;
        const daZ = hPrev
          ? tf.mul(tf.mul(dH, tf.sub(hPrev, hh)), SIGMOID.tfGrad(z))
          : tf.mul(tf.neg(tf.mul(dH, hh)), SIGMOID.tfGrad(z));
        let daR: tf.Tensor2D = tf.zerosLike(r);
        dhRec = null;
        if (hPrev) {
          const dRh = tf.matMul(daH, uTh);
          daR = tf.mul(tf.mul(dRh, hPrev), SIGMOID.tfGrad(r));
          dhRec = tf.add(
            tf.add(tf.mul(dH, z), tf.mul(dRh, r)),
            tf.matMul(tf.concat([daZ, daR], 1) as tf.Tensor2D, uTzr),
          );
        }
        dZs[t] = tf.concat([daZ, daR, daH], 1) as tf.Tensor2D;
      }
      return T === 1 ? dZs[0] : (tf.concat(dZs, 0) as tf.Tensor2D);
    },
    // h_t reaches step t + 1 three ways: through the gates' product [dA_z, dA_r]·U_zrᵀ, through the
    // candidate's (r ⊙ h_t)·U_h, giving (dA_h·U_hᵀ) ⊙ r, both for all steps at once; and directly,
    // h_{t+1} = z ⊙ h_t + …, a recursion on dh itself run step by step from the last.
    hiddenGrad(run, recurrent, dZ, dOut, dLast, T, k) {
      let fromNext: tf.Tensor2D | null = null;
      if (T > 1) {
        // Column blocks through the kernels' split (tfjs-cpu slices columns element by element).
        const [dz, dr, dCand] = splitColumns(k, shiftUp(dZ, T), 3);
        const [uz, ur, uh] = splitColumns(k, recurrent, 3);
        const viaGates = tf.add(k.matMul(dz, uz, false, true), k.matMul(dr, ur, false, true));
        const viaCand = tf.mul(k.matMul(dCand, uh, false, true), laterSteps(run.state, T, k).r);
        fromNext = tf.add(viaGates, viaCand);
      }
      const outer = k.split(addOuterGrad(fromNext, dOut, dLast, T), T);
      const z = updateGates(run.state, T, k);
      const dh = new Array<tf.Tensor2D>(T);
      dh[T - 1] = outer[T - 1];
      for (let t = T - 2; t >= 0; t--) dh[t] = tf.add(outer[t], tf.mul(z[t + 1], dh[t + 1]));
      return T === 1 ? dh[0] : (tf.concat(dh, 0) as tf.Tensor2D);
    },
    resetInput: ({ state }) =>
      !('steps' in state)
        ? stackedReset(state)
        : (tf.concat(
            state.steps.map((s) => s.rh ?? tf.zerosLike(s.r)),
            0,
          ) as tf.Tensor2D),
    // [dU_z | dU_r] as the plain Σ h_{t−1}ᵀ·dZ_t; dU_h = Σ (r ⊙ h_{t−1})ᵀ · dA_h,t, since the reset
    // gate multiplies h before U_h does.
    recurrentGrad(run, dZ, T, k) {
      if ('wave' in run.state) return run.state.wave.recurrentGrad(dZ);
      const [rows, g] = dZ.shape;
      const u = g / 3;
      if (T === 1) return tf.zeros([u, g]);
      const b = rows / T;
      const [dz, dr, dh] = splitColumns(k, dZ, 3);
      const zr = shiftedGrad(run.stacked, tf.concat([dz, dr], 1) as tf.Tensor2D, T, k);
      const { state } = run;
      // r_t itself is not needed here: the wavefront computes it only on demand.
      const rh = 'steps' in state ? laterSteps(state, T, k).rh : shiftUp(stackedReset(state), T);
      const dUh = k.matMul(rh, tf.slice(dh, [b, 0], [rows - b, u]), true, false);
      return tf.concat([zr, dUh], 1) as tf.Tensor2D;
    },
    stack(k, b, units) {
      const wave = k.gatedWave;
      if (!wave || !wave.applies(b, units)) return null;
      return {
        forward: (proj0, layers, masks, steps) =>
          wave.gru
            .forward(proj0, layers, masks, steps, activation)
            .map((run) => ({ stacked: run.states, state: { wave: run } })),
        backward: (runs, layers, masks, dLast, steps) =>
          wave.gru.backward(runs.map(waveRun), layers, masks, dLast, steps, activation),
      };
    },
  };
}

/** The wavefront's run of a layer whose forward ran there (stack() runs both or neither). */
function waveRun({ state }: { state: GruState }): GruWaveRun {
  if (!('wave' in state)) throw new Error('GRU wavefront backward without its forward.');
  return state.wave;
}
