/**
 * The activations of the fast path, each function beside its derivative, in every form a kernel needs:
 * JS (the cpu loops), GLSL (the webgl shaders, float and packed vec4) and tfjs ops (the per-step
 * kernels and the gated cells). Derivatives are taken from the function's output y = f(x), the value
 * the forward pass keeps: tanh′ = 1 − y², relu′ = [y > 0], σ′ = y(1 − y).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../core/config';
import { simdGemm } from './kernels/simd';

/** The activations in the table: the layers' own (config) and the gates' sigmoid. */
export type ActivationName = Activation | 'sigmoid';

/** A GLSL value type: unpacked shaders compute one float, packed ones a vec4 (2 × 2 texels). */
export type GlslType = 'float' | 'vec4';

/** One activation f and its derivative f′ (from the output), for each kind of kernel. */
export interface ActivationFn {
  readonly name: ActivationName;
  /** f(x) on one number. */
  js(x: number): number;
  /** f′ from y = f(x), on one number. */
  jsGrad(y: number): number;
  /** a[i] = f(a[i]) for i in [from, to): the cpu kernels' loop, one call per block of a step. */
  applyInPlace(a: Float32Array, from: number, to: number): void;
  /** d[i] ⊙= f′(y[i + shift]) for i in [from, to): the backward loop of the cpu kernels. */
  gradInPlace(d: Float32Array, from: number, to: number, y: Float32Array, shift: number): void;
  glsl: {
    /** Function definitions the expressions below need in a shader of this type ('' when none). */
    helpers(type: GlslType): string;
    /** The expression f(x). */
    f(x: string, type: GlslType): string;
    /** The expression acc ⊙ f′(y), y the forward output. */
    grad(acc: string, y: string, type: GlslType): string;
  };
  /** f as a tfjs op. */
  tf(x: tf.Tensor2D): tf.Tensor2D;
  /** f′ from y = f(x) as tfjs ops. */
  tfGrad(y: tf.Tensor2D): tf.Tensor2D;
  /** The name of f in tfjs's fused matMul (`tf.fused.matMul({ activation })`), where it has one. */
  fused?: 'relu' | 'sigmoid';
}

/**
 * 1 − x. On cpu with two same-shape operands: tfjs-cpu's scalar-broadcast subtraction takes a slow
 * per-element indexing path; elsewhere the scalar form saves a fill kernel. Same values either way.
 */
export function oneMinus(x: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'cpu' ? tf.sub(tf.onesLike(x), x) : tf.sub(1, x);
}

/**
 * tanh through one exp: ≈ 1.6× faster than Math.tanh here and equal to it after rounding to float32
 * (|x| > 10 rounds to ±1, |x| < 1e-3 takes x − x³/3; NaN stays NaN). A rational approximation
 * (Eigen's, no exp) was faster still but moved the bench's gradient check from 1e-6 to 6e-6 for no
 * measurable gain per batch.
 */
export function tanh(x: number): number {
  if (x > 10) return 1;
  if (x < -10) return -1;
  // Near 0, e − 1 cancels: the series is exact in float32 there.
  if (x > -1e-3 && x < 1e-3) return x - (x * x * x) / 3;
  const e = Math.exp(2 * x);
  return (e - 1) / (e + 1);
}

const tanhGrad = (y: number): number => 1 - y * y;

/**
 * Where `a` is the SIMD kernels' own memory (the cpu fast path's workspace, kernels/gemm.ts) and the
 * range is long enough, that kernel (`tanh` or `sigmoid`, four floats at a time, ≈ 10× the JS loop);
 * false otherwise, and the caller loops in JS.
 */
function simdInPlace(kind: 'tanh' | 'sigmoid', a: Float32Array, from: number, to: number): boolean {
  if (to - from < 16) return false;
  const simd = simdGemm();
  if (!simd || a.buffer !== simd.f32.buffer) return false;
  simd[kind](a.byteOffset / 4 + from, to - from);
  return true;
}

const TANH: ActivationFn = {
  name: 'tanh',
  js: tanh,
  jsGrad: tanhGrad,
  applyInPlace(a, from, to) {
    if (simdInPlace('tanh', a, from, to)) return;
    for (let i = from; i < to; i++) a[i] = tanh(a[i]);
  },
  gradInPlace(d, from, to, y, shift) {
    for (let i = from; i < to; i++) d[i] *= tanhGrad(y[i + shift]);
  },
  glsl: {
    // Finite for large |x| (as tfjs's own webgl tanh): exp of −2|x| never overflows.
    helpers: (type) =>
      `${type} tanhSafe(${type} x) { ${type} e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }`,
    f: (x) => `tanhSafe(${x})`,
    grad: (acc, y) => `${acc} * (1.0 - ${y} * ${y})`,
  },
  tf: (x) => tf.tanh(x),
  tfGrad: (y) => oneMinus(tf.square(y)),
};

const RELU: ActivationFn = {
  name: 'relu',
  js: (x) => (x < 0 ? 0 : x),
  jsGrad: (y) => (y > 0 ? 1 : 0),
  applyInPlace(a, from, to) {
    for (let i = from; i < to; i++) if (a[i] < 0) a[i] = 0;
  },
  gradInPlace(d, from, to, y, shift) {
    // A zero (not d · 0) where y ≤ 0: as tfjs's relu gradient, an infinite d does not become NaN.
    for (let i = from; i < to; i++) if (!(y[i + shift] > 0)) d[i] = 0;
  },
  glsl: {
    helpers: () => '',
    f: (x, type) => (type === 'float' ? `max(${x}, 0.0)` : `max(${x}, vec4(0.0))`),
    grad: (acc, y, type) =>
      type === 'float'
        ? `(${y} > 0.0 ? ${acc} : 0.0)`
        : `${acc} * vec4(greaterThan(${y}, vec4(0.0)))`,
  },
  tf: (x) => tf.relu(x),
  tfGrad: (y) => tf.step(y) as tf.Tensor2D,
  fused: 'relu',
};

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const sigmoidGrad = (y: number): number => y * (1 - y);

const SIGMOID: ActivationFn = {
  name: 'sigmoid',
  js: sigmoid,
  jsGrad: sigmoidGrad,
  applyInPlace(a, from, to) {
    if (simdInPlace('sigmoid', a, from, to)) return;
    for (let i = from; i < to; i++) a[i] = sigmoid(a[i]);
  },
  gradInPlace(d, from, to, y, shift) {
    for (let i = from; i < to; i++) d[i] *= sigmoidGrad(y[i + shift]);
  },
  glsl: {
    helpers: () => '',
    f: (x) => `(1.0 / (1.0 + exp(-(${x}))))`,
    grad: (acc, y) => `${acc} * ${y} * (1.0 - ${y})`,
  },
  tf: (x) => tf.sigmoid(x),
  tfGrad: (y) => tf.mul(y, oneMinus(y)),
  fused: 'sigmoid',
};

/** The table: every place that computes an activation or its derivative looks it up here. */
export const ACTIVATIONS: Readonly<Record<ActivationName, ActivationFn>> = {
  tanh: TANH,
  relu: RELU,
  sigmoid: SIGMOID,
};
