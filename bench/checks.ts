/**
 * Kernel self-checks for the active backend, run before the bench measures (bench.worker.ts, node.mjs)
 * and by the browser tests (e2e/kernels.spec.ts): the backend's specialised fast kernels against the
 * plain tfjs-ops kernels (which the Node tests check against tf.layers), the two Adam stores against
 * each other, and on webgl the GLSL activations against their JS forms. Not part of the app.
 * Float32 with different summation orders: deviations of ~1e-6 are expected.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, CellType } from '../src/model/core/config';
import { createMaskSource } from '../src/model/engine/masks';
import { ACTIVATIONS, type GlslType } from '../src/model/engine/fast/activations';
import { createCell, createFastEngine } from '../src/model/engine/fast/engine';
import { kernelsFor, opsKernelsFor } from '../src/model/engine/fast/kernels/index';
import { adamOps } from '../src/model/engine/fast/adam';
import { run } from '../src/model/engine/fast/kernels/webgl/program';
import { createArrayStore, createTensorStore } from '../src/model/engine/fast/paramStore';
import {
  forward,
  inputGrad,
  layerDeltas,
  lossAndGrad,
  lossAndGradients,
  toTimeMajor,
  weightsFromList,
  type Stack,
  type StackWeights,
} from '../src/model/engine/fast/stack';
import { initialWeights } from '../src/model/engine/init';
import { CONFIG, TIMESTEPS, type BenchData } from './core';
import type { CheckReport } from './protocol';

/** One stack shape to check. */
interface CheckCase {
  b: number;
  layers: number;
  activation: Activation;
  dropout: boolean;
  units: number;
  /** k, values per time step (default 1). */
  inputs?: number;
  /** The cell (default SimpleRNN). */
  cell?: CellType;
}

/**
 * The reference batch (webgl: the packed wavefront), with dropout, two layers of 50 with dropout, an
 * odd batch (webgl: the unpacked per-step shaders) with ReLU and dropout, ReLU alone, an odd unit
 * count, both batch shapes reading three inputs per step (several input columns), and two layers of
 * 50 with dropout again at batch 6. Order matters: the two-layer wavefronts copy a [50, 50] kernel
 * packed, the odd batch copies its [50, 50] recurrent kernel unpacked, and both copies once shared
 * one cached shader, the first compiled (webgl/program.ts `keyedByLayout`); this order catches
 * either way round. Then the gated cells (cpu and wasm: their fused recurrences, gatedLstm.ts and
 * gatedGru.ts, against tfjs ops per step; webgl: the gated wavefronts, gatedWave*.ts, at even shapes):
 * LSTM and GRU at the reference shape with dropout, odd shapes with ReLU, three inputs and one layer
 * (webgl: the per-step fallback), then small even shapes for the wavefronts: 1 to 4 layers, with and
 * without dropout, three inputs, tanh and ReLU.
 */
const CASES: readonly CheckCase[] = [
  { b: 20, layers: 4, activation: 'tanh', dropout: false, units: 50 },
  { b: 20, layers: 4, activation: 'tanh', dropout: true, units: 50 },
  { b: 20, layers: 2, activation: 'tanh', dropout: true, units: 50 },
  { b: 7, layers: 2, activation: 'relu', dropout: true, units: 50 },
  { b: 6, layers: 3, activation: 'relu', dropout: false, units: 50 },
  { b: 6, layers: 2, activation: 'tanh', dropout: true, units: 7 },
  { b: 20, layers: 4, activation: 'tanh', dropout: true, units: 50, inputs: 3 },
  { b: 7, layers: 2, activation: 'relu', dropout: false, units: 9, inputs: 3 },
  { b: 6, layers: 2, activation: 'tanh', dropout: true, units: 50 },
  { b: 20, layers: 4, activation: 'tanh', dropout: true, units: 50, cell: 'lstm' },
  { b: 20, layers: 3, activation: 'tanh', dropout: false, units: 50, cell: 'gru' },
  { b: 7, layers: 2, activation: 'relu', dropout: true, units: 9, inputs: 3, cell: 'gru' },
  { b: 6, layers: 1, activation: 'relu', dropout: false, units: 7, inputs: 3, cell: 'lstm' },
  { b: 6, layers: 2, activation: 'relu', dropout: true, units: 8, inputs: 3, cell: 'lstm' },
  { b: 4, layers: 3, activation: 'tanh', dropout: false, units: 6, cell: 'lstm' },
  { b: 4, layers: 1, activation: 'tanh', dropout: true, units: 6, cell: 'gru' },
  { b: 6, layers: 4, activation: 'relu', dropout: true, units: 8, inputs: 3, cell: 'gru' },
];

/** Largest |a − b| relative to max |b|, over the pairs of equal-length arrays. */
export function deviation(pairs: [ArrayLike<number>, ArrayLike<number>][]): number {
  let worst = 0;
  for (const [a, b] of pairs) {
    let scale = 0;
    let diff = 0;
    for (let j = 0; j < b.length; j++) {
      scale = Math.max(scale, Math.abs(b[j]));
      diff = Math.max(diff, Math.abs(a[j] - b[j]));
    }
    worst = Math.max(worst, diff / (scale || 1));
  }
  return worst;
}

/**
 * The backend's fast kernels against its plain tfjs-ops kernels on the cases above: largest
 * deviation of the loss or any gradient (for LSTM and GRU also what the inspector reads) relative to
 * that tensor's largest magnitude. Dropout masks come from the engines' own source (masks.ts), rate 0.2.
 */
export function checkKernels(data: BenchData): number {
  const backend = tf.getBackend();
  let worst = 0;
  for (const c of CASES) {
    const cellType = c.cell ?? 'simpleRNN';
    const config = { ...CONFIG, layers: c.layers, activation: c.activation, units: c.units };
    const k = c.inputs ?? 1;
    const weights = initialWeights({ ...config, cell: cellType }, k, CONFIG.seed);
    const cell = createCell(cellType, c.activation);
    const spec = { rate: 0.2, layers: c.layers, units: c.units, timesteps: TIMESTEPS };
    tf.tidy(() => {
      const x = tf.tensor3d(data.x.subarray(0, c.b * TIMESTEPS * k), [c.b, TIMESTEPS, k]);
      const y = tf.tensor2d(data.y.subarray(0, c.b), [c.b, 1]);
      const w = weightsFromList(weights);
      const masks = c.dropout ? createMaskSource(CONFIG.seed, spec)(c.b) : null;
      const [a, b] = [kernelsFor(backend), opsKernelsFor(backend)].map((kernels) =>
        lossAndGradients({ cell, kernels }, w, x, y, CONFIG.loss, masks),
      );
      const pairs = [a.loss, ...a.grads].map((t, i): [ArrayLike<number>, ArrayLike<number>] => [
        t.dataSync(),
        (i === 0 ? b.loss : b.grads[i - 1]).dataSync(),
      ]);
      // The gated cells' inspector paths too (webgl: the wavefront's runs, read on demand).
      if (c.cell) {
        const [ia, ib] = [kernelsFor(backend), opsKernelsFor(backend)].map((kernels) =>
          inspected({ cell, kernels }, w, x, y),
        );
        ia.forEach((t, i) => pairs.push([t.dataSync(), ib[i].dataSync()]));
        // The engine's predict on an odd count (webgl: evened by one repeated window for the
        // wavefront) against the same kernels' forward on the even batch it is a part of: the
        // outputs of a near-zero Dense head are too small for a relative check against tfjs ops.
        if (c.b % 2 === 0) {
          const odd = tf.slice(x, [0, 0, 0], [c.b - 1, -1, -1]) as tf.Tensor3D;
          const engine = createFastEngine({ ...config, cell: cellType }, TIMESTEPS, weights, 1, k);
          const even = forward(
            { cell, kernels: kernelsFor(backend) },
            w,
            toTimeMajor(x),
            TIMESTEPS,
            null,
          );
          const ref = tf.slice(even.y, [0, 0], [c.b - 1, 1]);
          pairs.push([engine.predict(odd).dataSync(), ref.dataSync()]);
          engine.dispose();
        }
      }
      worst = Math.max(worst, deviation(pairs));
    });
    tf.dispose(weights);
  }
  return worst;
}

/**
 * What the inspector (src/model/engine/inspect.ts) reads of a stack without dropout: per layer the
 * total dLoss/dh_t (the cell's `hiddenGrad`) and, for LSTM, c_t (`cellStates`).
 */
function inspected(stack: Stack, w: StackWeights, x: tf.Tensor3D, y: tf.Tensor2D): tf.Tensor[] {
  const { cell, kernels: k } = stack;
  const steps = x.shape[1];
  const fwd = forward(stack, w, toTimeMajor(x), steps, null);
  const { dy } = lossAndGrad(CONFIG.loss, fwd.y, y);
  const { dLast, dZ, dOut } = layerDeltas(stack, w, fwd, dy, steps, null);
  const n = dZ.length;
  return fwd.layers.flatMap((run, l) => {
    const above = l === n - 1 ? null : (dOut[l] ?? inputGrad(k, dZ[l + 1], w.layers[l + 1].kernel));
    const rec = w.layers[l].recurrent;
    const dh = cell.hiddenGrad(run, rec, dZ[l], above, above ? null : dLast, steps, k);
    return cell.cellStates ? [dh, cell.cellStates(run)] : [dh];
  });
}

/**
 * The two parameter stores against each other over three Adam steps: the tensor store with the
 * backend's Adam step (three custom shaders on webgl, tfjs ops elsewhere) and the array store (JS
 * loops). Largest deviation of the weight change relative to the largest change; learning rate 0.05
 * so the change dwarfs float32 rounding.
 */
export function checkAdam(): number {
  const weights = initialWeights(CONFIG, 1, CONFIG.seed);
  const shapes = weights.map((t) => t.shape);
  const adam = kernelsFor(tf.getBackend()).adam ?? adamOps;
  const stores = [
    createTensorStore(shapes, weights, 0.05, adam),
    createArrayStore(shapes, weights, 0.05),
  ];
  for (let step = 1; step <= 3; step++) {
    const grads = weights.map((w, i) => tf.randomNormal(w.shape, 0, 1 / step, 'float32', step + i));
    for (const store of stores) tf.tidy(() => store.step(grads));
    tf.dispose(grads);
  }
  const [a, b] = stores.map((store) => store.read());
  // One scale for all tensors: the largest weight change of the array store.
  const w0 = weights.map((w) => w.dataSync());
  const change = (ws: tf.Tensor[]): number[] =>
    ws.flatMap((w, i) => Array.from(w.dataSync(), (v, j) => v - w0[i][j]));
  const result = deviation([[change(a), change(b)]]);
  tf.dispose([...weights, ...a, ...b]);
  stores.forEach((store) => store.dispose());
  return result;
}

/**
 * webgl only: each activation's GLSL forms (float and vec4) against its JS forms on x in [−6, 6]:
 * f(x) and 1 ⊙ f′(f(x)). Largest deviation relative to max(1, |JS value|).
 */
export function checkActivations(): number {
  const n = 97;
  const xs = Float32Array.from({ length: n }, (_, i) => -6 + (12 * i) / (n - 1));
  let worst = 0;
  for (const act of Object.values(ACTIVATIONS)) {
    const at = (type: GlslType, e: string): string => (type === 'vec4' ? `(${e}).w` : e);
    const rows = (['float', 'vec4'] as const).flatMap((type) => {
      const x = type === 'vec4' ? 'vec4(x)' : 'x';
      const one = type === 'vec4' ? 'vec4(1.0)' : '1.0';
      const y = act.glsl.f(x, type);
      return [at(type, y), at(type, act.glsl.grad(one, y, type))];
    });
    const out = tf.tidy(() =>
      run(
        {
          variableNames: ['X'],
          outputShape: [rows.length, n],
          userCode: `${act.glsl.helpers('float')}
            ${act.glsl.helpers('vec4')}
            void main() {
              ivec2 c = getOutputCoords();
              float x = getX(0, c.y);
              float v = 0.0;
              ${rows.map((r, i) => `${i ? 'else ' : ''}if (c.x == ${i}) v = ${r};`).join(' ')}
              setOutput(v);
            }`,
        },
        [tf.tensor2d(xs, [1, n])],
      ).dataSync(),
    );
    xs.forEach((x, j) => {
      const y = act.js(x);
      const expected = [y, act.jsGrad(y), y, act.jsGrad(y)];
      expected.forEach((e, r) => {
        worst = Math.max(worst, Math.abs(out[r * n + j] - e) / Math.max(1, Math.abs(e)));
      });
    });
  }
  return worst;
}

/** Runs every check on the active backend (the activations on webgl only). */
export function runChecks(
  data: BenchData,
): Pick<CheckReport, 'kernels' | 'adam' | 'activations' | 'ms'> {
  const t0 = performance.now();
  const kernels = checkKernels(data);
  const adam = checkAdam();
  if (tf.getBackend() !== 'webgl') return { kernels, adam, ms: performance.now() - t0 };
  const activations = checkActivations();
  return { kernels, adam, activations, ms: performance.now() - t0 };
}
