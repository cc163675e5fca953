/**
 * GRU (reset_after = false, Keras gate order z, r, h) on the webgl wavefront (gatedWaveShared.ts):
 * two packed shaders per diagonal each way, since the candidate's product (r ⊙ h_{t−1}) · U_h needs
 * the reset gate of every unit first.
 * Forward, per diagonal: (A) r ⊙ h_{t−1} [L·b, u]; (B) [h_t | r ⊙ h_{t−1}] [L·b, 2u], from z and the
 * candidate. Backward, per diagonal: (1) [dA_z | dA_h | dh_t] [L·b, 3u], dh_t gathering the layer
 * above, dLast and step t + 1's four paths (its gates' product, the candidate's through r_{t+1}, and
 * z_{t+1} ⊙ dh_{t+1}); (2) [dA_z | dA_r | dA_h | dh_t] [L·b, 4u], dA_r needing dA_h of every unit.
 * Gates are recomputed from the forward's h and r ⊙ h_{t−1}, never stored.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ActivationFn } from '../../activations';
import type { DropoutMasks } from '../../../masks';
import type { GatedWavefront, GruWaveRun, LayerWeights } from '../types';
import { gatherBlock, type Dims } from './gatedWaveShared';
import { deltaProgram, resetGradProgram, resetProgram, stateProgram } from './gatedWaveGruGlsl';
import { laidOut, run, type Program } from './program';
import { gatherRows, maskStack, stacks } from './wave';

function dimsOf(proj0: tf.Tensor2D, L: number, steps: number): Dims {
  const [rows, g] = proj0.shape;
  return { L, T: steps, b: rows / steps, u: g / 3 };
}

/** z, r, ĥ of one layer from its run, as tfjs ops over all steps (the inspector's, not training's). */
function gatesOf(
  proj: tf.Tensor2D,
  states: tf.Tensor2D,
  resetStates: tf.Tensor2D,
  recurrent: tf.Tensor2D,
  steps: number,
  act: ActivationFn,
): tf.Tensor2D {
  const [rows, u] = states.shape;
  const b = rows / steps;
  const hPrev = tf.concat([tf.zeros([b, u]), tf.slice(states, [0, 0], [rows - b, u])]);
  const [pz, pr, ph] = tf.split(proj, 3, 1);
  const [uz, ur, uh] = tf.split(recurrent, 3, 1);
  const z = tf.sigmoid(tf.add(pz, tf.matMul(hPrev, uz)));
  const r = tf.sigmoid(tf.add(pr, tf.matMul(hPrev, ur)));
  const hh = act.tf(tf.add(ph, tf.matMul(resetStates, uh)) as tf.Tensor2D);
  return tf.concat([z, r, hh], 1) as tf.Tensor2D;
}

/**
 * dU [u, 3u] of one layer in one packed shader, from its pair X = [h | r ⊙ h_{t−1}] [T·b, 2u] and dZ
 * [T·b, 3u]: columns of z and r Σ_{t ≥ 1} h_{t−1}ᵀ · dZ_t, the candidate's Σ_t (r ⊙ h_{t−1})ᵀ · dZ_t
 * (zero at t = 0 either way).
 */
function recurrentGrad(pair: tf.Tensor2D, dZ: tf.Tensor2D, steps: number): tf.Tensor2D {
  const [rows, two] = pair.shape;
  const u = two / 2;
  const b = rows / steps;
  const program: Program = {
    variableNames: ['X', 'Z'],
    outputShape: [u, 3 * u],
    packedInputs: true,
    packedOutput: true,
    userCode: `void main() {
        ivec2 c = getOutputCoords();
        bool cand = c.y >= ${2 * u};
        int shift = cand ? 0 : ${b};
        int col = cand ? c.x + ${u} : c.x;
        vec4 acc = vec4(0.0);
        for (int q = 0; q < ${((steps - 1) * b) / 2}; q++) {
          int r = ${b} + q * 2;
          vec4 a = getX(r - shift, col); vec4 w = getZ(r, c.y);
          acc += a.xxyy * w.xyxy + a.zzww * w.zwzw;
        }
        setOutput(acc);
      }`,
  };
  return run(program, [laidOut(pair, true), laidOut(dZ, true)]);
}

function forward(
  proj0: tf.Tensor2D,
  layers: LayerWeights[],
  masks: DropoutMasks,
  steps: number,
  act: ActivationFn,
): GruWaveRun[] {
  const L = layers.length;
  const dims = dimsOf(proj0, L, steps);
  const { b, u } = dims;
  const { W, U, B } = stacks(layers);
  const M = maskStack(masks, L);
  const [reset, state] = [resetProgram, stateProgram].map((p) => p(dims, M !== null, act));
  const P = laidOut(proj0, true);
  const rest = (W ? [W, B] : []).concat(W && M ? [M] : []);
  let s = tf.zeros([L * b, 2 * u]) as tf.Tensor2D;
  const diagonals: tf.Tensor2D[] = [];
  for (let d = 0; d < steps + L - 1; d++) {
    const r = run(reset, [s, P, U, ...rest], [[d]]);
    s = run(state, [s, r, P, U, ...rest], [[d]]);
    diagonals.push(s);
  }
  const runs: GruWaveRun[] = [];
  layers.forEach((w, l) => {
    const pair = gatherRows(diagonals.slice(l, l + steps), l * b, b);
    const states = tf.slice(pair, [0, 0], [steps * b, u]);
    const resetStates = tf.slice(pair, [0, u], [steps * b, u]);
    const below = runs[l - 1]?.states;
    const gates = (): tf.Tensor2D => {
      const input = below && masks ? tf.mul(below, masks[l - 1]) : below;
      const proj = input ? tf.add(tf.matMul(input, w.kernel), w.bias) : proj0;
      return gatesOf(proj as tf.Tensor2D, states, resetStates, w.recurrent, steps, act);
    };
    runs.push({
      states,
      pair,
      resetStates,
      proj0,
      gates,
      recurrentGrad: (dZ) => recurrentGrad(pair, dZ, steps),
    });
  });
  return runs;
}

function backward(
  runs: GruWaveRun[],
  layers: LayerWeights[],
  masks: DropoutMasks,
  dLast: tf.Tensor2D,
  steps: number,
  act: ActivationFn,
): tf.Tensor2D[] {
  const L = layers.length;
  const dims = dimsOf(runs[0].proj0, L, steps);
  const { b, u } = dims;
  const { W, U, B } = stacks(layers);
  const M = maskStack(masks, L);
  const H = laidOut(
    L > 1 ? (tf.concat(runs.map((r) => r.pair)) as tf.Tensor2D) : runs[0].pair,
    true,
  );
  const P = laidOut(runs[0].proj0, true);
  const D = laidOut(dLast, true);
  const [delta, resetGrad] = [deltaProgram, resetGradProgram].map((p) => p(dims, M !== null, act));
  const rest = (W ? [W, B] : []).concat(W && M ? [M] : []);
  let g = tf.zeros([L * b, 4 * u]) as tf.Tensor2D;
  const diagonals: tf.Tensor2D[] = [];
  for (let e = 0; e < steps + L - 1; e++) {
    const q = run(delta, [g, H, P, U, D, ...rest], [[e]]);
    g = run(resetGrad, [q, H, P, U, ...rest], [[e]]);
    diagonals.push(g);
  }
  // Layer l at step t sits on diagonal (T − 1 − t) + (L − 1 − l); dZ is its first 3u columns.
  return layers.map((_, l) => {
    const blocks: tf.Tensor2D[] = [];
    for (let t = 0; t < steps; t++) blocks.push(diagonals[steps - 1 - t + (L - 1 - l)]);
    return gatherBlock(blocks, l * b, b, 3 * u);
  });
}

/** See {@link GatedWavefront}: 2 (T + L − 1) packed shaders each way. */
export const gruWavefront: GatedWavefront<GruWaveRun> = { forward, backward };
