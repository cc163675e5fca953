/**
 * The fast path's weights and Adam state, kept as one flat parameter vector so an optimiser step is a
 * handful of operations instead of ~13 kernels per weight tensor (14 tensors for 4 layers). The update
 * rule is tfjs's `AdamOptimizer` (tf.train.adam(lr): β1 0.9, β2 0.999, ε = the backend's epsilon):
 *   m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε).
 * Two stores: plain Float32Arrays on cpu and wasm (reading data is synchronous and cheap there), tensors
 * on the GPU backends (nothing read back).
 */
import * as tf from '@tensorflow/tfjs-core';
import { run, type Program } from './kernels/webgl/steps';

const BETA1 = 0.9;
const BETA2 = 0.999;

/** Weights plus optimiser state. */
export interface ParamStore {
  /** The weights as tensors in Keras order (views or slices; call inside `tf.tidy`). */
  views(): tf.Tensor[];
  /** One Adam step with gradients in Keras order (call inside `tf.tidy`). */
  step(grads: tf.Tensor[]): void;
  /** Copies of the weights (caller disposes). */
  read(): tf.Tensor[];
  /** Replaces the weights; optimiser state is kept. */
  write(weights: tf.Tensor[]): void;
  dispose(): void;
}

function layout(shapes: number[][]): { offsets: number[]; sizes: number[]; total: number } {
  const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
  const offsets: number[] = [];
  let total = 0;
  for (const n of sizes) {
    offsets.push(total);
    total += n;
  }
  return { offsets, sizes, total };
}

/** JS store: weights, m and v as Float32Arrays; each step writes a new weight array (views stay valid). */
function arrayStore(shapes: number[][], initial: tf.Tensor[], lr: number): ParamStore {
  const { offsets, sizes, total } = layout(shapes);
  let w = new Float32Array(total);
  const m = new Float32Array(total);
  const v = new Float32Array(total);
  const eps = tf.backend().epsilon();
  let t = 0;
  const write = (ws: tf.Tensor[]): void => {
    const next = new Float32Array(total);
    ws.forEach((x, i) => next.set(x.dataSync() as Float32Array, offsets[i]));
    w = next;
  };
  write(initial);
  return {
    views: () => shapes.map((s, i) => tf.tensor(w.subarray(offsets[i], offsets[i] + sizes[i]), s)),
    step(grads) {
      t++;
      const c1 = 1 - BETA1 ** t;
      const c2 = 1 - BETA2 ** t;
      const next = new Float32Array(total);
      grads.forEach((gt, i) => {
        const g = gt.dataSync() as Float32Array;
        const o = offsets[i];
        for (let j = 0; j < g.length; j++) {
          const k = o + j;
          const gj = g[j];
          m[k] = m[k] * BETA1 + gj * (1 - BETA1);
          v[k] = v[k] * BETA2 + gj * gj * (1 - BETA2);
          next[k] = (m[k] / c1 / (Math.sqrt(v[k] / c2) + eps)) * -lr + w[k];
        }
      });
      w = next;
    },
    read: () => shapes.map((s, i) => tf.tensor(w.slice(offsets[i], offsets[i] + sizes[i]), s)),
    write,
    dispose() {},
  };
}

/** Elementwise program over flat [n] inputs (unpacked) with float uniforms. */
const elementwise = (n: number, names: string[], uniforms: string[], expr: string): Program => ({
  variableNames: names,
  outputShape: [n],
  customUniforms: uniforms.map((name) => ({ name, type: 'float' })),
  userCode: `void main() {
    int i = getOutputCoords();
    ${names.map((x) => `float ${x.toLowerCase()} = get${x}(i);`).join(' ')}
    setOutput(${expr});
  }`,
});

/**
 * webgl: the update in three shaders (m, v, w) instead of ~13 tfjs kernels; same operation order as
 * the tfjs-ops version below. `lr` and ε are baked in, the bias corrections are uniforms.
 */
function webglAdam(n: number, lr: number, eps: number) {
  const f = (x: number): string => x.toExponential(9);
  const mProg = elementwise(n, ['M', 'G'], [], `m * ${f(BETA1)} + g * ${f(1 - BETA1)}`);
  const vProg = elementwise(n, ['V', 'G'], [], `v * ${f(BETA2)} + g * g * ${f(1 - BETA2)}`);
  const wProg = elementwise(
    n,
    ['M', 'V', 'W'],
    ['c1', 'c2'],
    `m / c1 / (sqrt(v / c2) + ${f(eps)}) * ${f(-lr)} + w`,
  );
  return (m: tf.Tensor, v: tf.Tensor, w: tf.Tensor, g: tf.Tensor, t: number) => {
    const newM = run(mProg, [m, g]) as tf.Tensor as tf.Tensor1D;
    const newV = run(vProg, [v, g]) as tf.Tensor as tf.Tensor1D;
    const c = [[1 - BETA1 ** t], [1 - BETA2 ** t]];
    return { newM, newV, newW: run(wProg, [newM, newV, w], c) as tf.Tensor as tf.Tensor1D };
  };
}

/**
 * Tensor store: one flat variable each for w, m and v; an update is 3 custom shaders on webgl, ~15
 * tfjs kernels on other GPU backends.
 */
function tensorStore(shapes: number[][], initial: tf.Tensor[], lr: number): ParamStore {
  const { offsets, sizes, total } = layout(shapes);
  const flatten = (ws: tf.Tensor[]): tf.Tensor1D => tf.concat(ws.map((x) => tf.reshape(x, [-1])));
  const own = (x: tf.Tensor1D): tf.Variable<tf.Rank.R1> => {
    const variable = tf.variable(x, false);
    x.dispose(); // the variable holds its own reference to the data
    return variable;
  };
  const w = own(tf.tidy(() => flatten(initial)));
  const m = own(tf.zeros([total]));
  const v = own(tf.zeros([total]));
  const eps = tf.backend().epsilon();
  let t = 0;
  const gpuStep = tf.getBackend() === 'webgl' ? webglAdam(total, lr, eps) : null;
  return {
    views: () => shapes.map((s, i) => tf.reshape(tf.slice(w, offsets[i], sizes[i]), s)),
    step(grads) {
      t++;
      const g = flatten(grads);
      if (gpuStep) {
        const { newM, newV, newW } = gpuStep(m, v, w, g, t);
        m.assign(newM);
        v.assign(newV);
        w.assign(newW);
        return;
      }
      const newM = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
      const newV = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const mHat = tf.div(newM, 1 - BETA1 ** t);
      const vHat = tf.div(newV, 1 - BETA2 ** t);
      m.assign(newM as tf.Tensor1D);
      v.assign(newV as tf.Tensor1D);
      w.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), eps)), -lr), w));
    },
    read: () =>
      tf.tidy(() => shapes.map((s, i) => tf.reshape(tf.slice(w, offsets[i], sizes[i]), s))),
    write(ws) {
      tf.tidy(() => w.assign(flatten(ws)));
    },
    dispose() {
      tf.dispose([w, m, v]);
    },
  };
}

/**
 * Creates the store for the active backend (`kind` forces one, for tests). `initial` is copied.
 */
export function createParamStore(
  shapes: number[][],
  initial: tf.Tensor[],
  learningRate: number,
  kind: 'array' | 'tensor' = ['cpu', 'wasm'].includes(tf.getBackend()) ? 'array' : 'tensor',
): ParamStore {
  return kind === 'array'
    ? arrayStore(shapes, initial, learningRate)
    : tensorStore(shapes, initial, learningRate);
}
