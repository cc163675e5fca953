/**
 * The fast path's weights and Adam state, kept as one flat parameter vector so an optimiser step is a
 * handful of operations instead of ~13 kernels per weight tensor (14 tensors for 4 layers). The rule
 * itself is adam.ts. Two stores: plain Float32Arrays (cpu, wasm: reading data is synchronous and
 * cheap there) and device tensors (GPU backends: nothing read back).
 */
import * as tf from '@tensorflow/tfjs-core';
import { holdBytes } from '../heldBytes';
import { hostData, hostTensor } from './kernels/hostData';
import { adamHost, adamOps, biasCorrections, type AdamDeviceStepFactory } from './adam';
import type { FastKernels } from './kernels/types';

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
  /** Releases the store's tensors (and, for arrays, its count in heldBytes). */
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

/**
 * The host store: weights, m and v as Float32Arrays; each step writes a new weight array, so views
 * handed out before stay valid. `initial` (tensors of `shapes`, Keras order) is copied. The three
 * arrays count in heldBytes (heldBytes.ts) until `dispose`.
 */
export function createArrayStore(
  shapes: number[][],
  initial: tf.Tensor[],
  learningRate: number,
): ParamStore {
  const { offsets, sizes, total } = layout(shapes);
  let w = new Float32Array(total);
  const m = new Float32Array(total);
  const v = new Float32Array(total);
  const settings = { learningRate, epsilon: tf.backend().epsilon() };
  let t = 0;
  const write = (ws: tf.Tensor[]): void => {
    const next = new Float32Array(total);
    ws.forEach((x, i) => next.set(x.dataSync() as Float32Array, offsets[i]));
    w = next;
  };
  write(initial);
  const release = holdBytes(() => w.byteLength + m.byteLength + v.byteLength);
  return {
    // Views remember their part of w (a step writes a new w, never this one), so the array kernels
    // read the weights without a copy back out of the wasm heap; likewise the gradients they made.
    views: () => shapes.map((s, i) => hostTensor(w.subarray(offsets[i], offsets[i] + sizes[i]), s)),
    step(grads) {
      t++;
      const [c1, c2] = biasCorrections(t);
      const next = new Float32Array(total);
      grads.forEach((g, i) => adamHost(hostData(g), offsets[i], w, m, v, next, settings, c1, c2));
      w = next;
    },
    read: () => shapes.map((s, i) => tf.tensor(w.slice(offsets[i], offsets[i] + sizes[i]), s)),
    write,
    dispose: release,
  };
}

/**
 * The device store: one flat variable each for w, m and v, updated by `adam` (adam.ts's tfjs-ops
 * rule, or a backend's own, e.g. three webgl shaders). `initial` is copied.
 */
export function createTensorStore(
  shapes: number[][],
  initial: tf.Tensor[],
  learningRate: number,
  adam: AdamDeviceStepFactory,
): ParamStore {
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
  const update = adam(total, { learningRate, epsilon: tf.backend().epsilon() });
  let t = 0;
  return {
    views: () => shapes.map((s, i) => tf.reshape(tf.slice(w, offsets[i], sizes[i]), s)),
    step(grads) {
      t++;
      const next = update(m, v, w, flatten(grads), t);
      m.assign(next.m);
      v.assign(next.v);
      w.assign(next.w);
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

/** The store `kernels` ask for (see FastKernels.params and .adam). `initial` is copied. */
export function createParamStore(
  shapes: number[][],
  initial: tf.Tensor[],
  learningRate: number,
  kernels: FastKernels,
): ParamStore {
  return kernels.params === 'array'
    ? createArrayStore(shapes, initial, learningRate)
    : createTensorStore(shapes, initial, learningRate, kernels.adam ?? adamOps);
}
