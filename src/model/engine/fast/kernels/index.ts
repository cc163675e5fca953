/**
 * The backend-specific primitives of the SimpleRNN fast path: the big products, the dropout multiply,
 * and the sequential part of each layer (the recurrence, forward and backward), whose per-step
 * overhead decides the speed:
 * - cpu: plain loops over the tensors' Float32Arrays, no kernel dispatch at all (fastRnnCpu.ts);
 * - webgl: a wavefront of packed shaders, one per diagonal of the (layer, time) grid, advancing all
 *   layers at once (fastRnnWave.ts); one unpacked shader per layer and step for odd shapes
 *   (fastRnnWebgl.ts);
 * - wasm: the big products in tfjs-wasm (XNNPACK), the recurrences in our own WebAssembly SIMD kernel
 *   (the cpu path's loops, fastRnnCpu.ts): per step three tfjs kernels cost ≈ 13 µs each in dispatch,
 *   so 4 layers × 39 steps × 2 directions of them dominated the batch; without WebAssembly SIMD, tfjs
 *   ops throughout;
 * - any other backend: tfjs ops, one matMul + add + activation per step.
 * Sequences are time-major stacks [T·b, units]: rows t·b … t·b + b − 1 are time step t.
 * All functions allocate tensors: call inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../../core/config';
import type { DropoutMasks, RnnLayer } from '../stack';
import { waveApplies, waveBackward, waveForward } from './webgl/wave';
import { cpuKernels } from './cpu';
import { simdGemm } from './simd';
import { webglRecurrence } from './webgl/steps';

/** webgl: tfjs's (packed) matMul for the big products, custom shaders for the steps. */
const webglKernels: FastKernels = {
  matMul: tfMatMul,
  mul: tf.mul,
  ...webglRecurrence,
  wave: { applies: waveApplies, forward: waveForward, backward: waveBackward },
};

/** The backend-specific primitives of the fast path. */
export interface FastKernels {
  /** op(a) · op(b) (+ bias [n] broadcast over rows), op = transpose when asked. */
  matMul(
    a: tf.Tensor2D,
    b: tf.Tensor2D,
    transposeA: boolean,
    transposeB: boolean,
    bias?: tf.Tensor1D,
  ): tf.Tensor2D;
  /**
   * Optional: all layers' recurrences at once (webgl wavefront), when `applies(b, units)`.
   * forward gets layer 0's input projection and returns each layer's state stack; backward returns
   * each layer's dA stack (the layer inputs' gradients are handled inside).
   */
  wave?: {
    applies(b: number, units: number): boolean;
    forward(
      proj0: tf.Tensor2D,
      layers: RnnLayer[],
      masks: DropoutMasks,
      steps: number,
      activation: Activation,
    ): tf.Tensor2D[];
    backward(
      states: tf.Tensor2D[],
      layers: RnnLayer[],
      masks: DropoutMasks,
      dLast: tf.Tensor2D,
      steps: number,
      activation: Activation,
    ): tf.Tensor2D[];
  };
  /**
   * Optional: one layer's weight gradients from its input [T·b, in], states [T·b, u] and dA [T·b, u]:
   * dW = Xᵀ · dA, dU = Σ_t h_{t−1}ᵀ · dA_t (h_0 = 0), db = 1ᵀ · dA. Default: three matMuls.
   */
  weightGrads?(input: tf.Tensor2D, states: tf.Tensor2D, dA: tf.Tensor2D, steps: number): RnnLayer;
  /** Elementwise a ⊙ b, same shapes (dropout masks). */
  mul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D;
  /**
   * h_t = act(proj_t + h_{t−1} · U), h_{−1} = 0. proj: [T·b, u] (input projection plus bias), U [u, u].
   * Returns every h_t stacked, [T·b, u].
   */
  forward(
    proj: tf.Tensor2D,
    recurrent: tf.Tensor2D,
    steps: number,
    activation: Activation,
  ): tf.Tensor2D;
  /**
   * dA_t = (dOut_t + dA_{t+1} · Uᵀ) ⊙ act′(h_t), dA_T = 0: the gradient w.r.t. the pre-activations.
   * `dOut` is dLoss/dh for every step [T·b, u] (layers that return sequences), or null with `dLast`
   * [b, u] the gradient of h_T only (the top layer). Returns dA stacked, [T·b, u].
   */
  backward(
    states: tf.Tensor2D,
    recurrent: tf.Tensor2D,
    dOut: tf.Tensor2D | null,
    dLast: tf.Tensor2D | null,
    steps: number,
    activation: Activation,
  ): tf.Tensor2D;
}

/** act′ from the activation's output, for a whole stack. */
export function activationGrad(states: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  // Same-shape operands: tfjs-cpu's binary ops take a slow per-element indexing path when broadcasting.
  return activation === 'tanh'
    ? tf.sub(tf.onesLike(states), tf.square(states))
    : (tf.step(states) as tf.Tensor2D);
}

/**
 * Splits [T·b, f] into T blocks of b rows. On wasm every slice kernel first copies the *whole* input
 * out of the heap (3 ms for one [800, 50] split into 40), so there the data is read once and the blocks
 * are uploaded as new tensors; elsewhere `tf.split` is cheap.
 */
export function splitSteps(x: tf.Tensor2D, steps: number): tf.Tensor2D[] {
  if (steps === 1) return [x];
  if (tf.getBackend() !== 'wasm') return tf.split(x, steps, 0) as tf.Tensor2D[];
  const [rows, cols] = x.shape;
  const b = rows / steps;
  const values = x.dataSync() as Float32Array;
  return Array.from({ length: steps }, (_, t) =>
    tf.tensor2d(values.subarray(t * b * cols, (t + 1) * b * cols), [b, cols]),
  );
}

/** a·b + addend, with an optional ReLU; wasm's fused matMul takes only a 1-D bias. */
function matMulAdd(a: tf.Tensor2D, b: tf.Tensor2D, addend: tf.Tensor2D, relu = false): tf.Tensor2D {
  if (tf.getBackend() === 'wasm') {
    const sum = tf.add(tf.matMul(a, b), addend) as tf.Tensor2D;
    return relu ? tf.relu(sum) : sum;
  }
  return tf.fused.matMul({
    a,
    b,
    bias: addend,
    activation: relu ? 'relu' : 'linear',
  }) as tf.Tensor2D;
}

/** tfjs's matMul, with the bias fused in. */
function tfMatMul(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA: boolean,
  transposeB: boolean,
  bias?: tf.Tensor1D,
): tf.Tensor2D {
  return (
    bias
      ? tf.fused.matMul({ a, b, transposeA, transposeB, bias })
      : tf.matMul(a, b, transposeA, transposeB)
  ) as tf.Tensor2D;
}

/**
 * wasm: XNNPACK's matMul runs ≈ 10× slower with a transpose flag than without ([800, 50]ᵀ · [800, 50]:
 * 1.1 ms vs 0.13 ms for the plain product), so transpose explicitly first (≈ 20 µs).
 */
export function wasmMatMul(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  transposeA: boolean,
  transposeB: boolean,
  bias?: tf.Tensor1D,
): tf.Tensor2D {
  return tfMatMul(
    transposeA ? tf.transpose(a) : a,
    transposeB ? tf.transpose(b) : b,
    false,
    false,
    bias,
  );
}

/** Any backend: tfjs ops, one small matMul per step. */
export const opsKernels: FastKernels = {
  matMul: tfMatMul,
  mul: tf.mul,
  forward(proj, recurrent, steps, activation) {
    const projSteps = splitSteps(proj, steps);
    const states: tf.Tensor2D[] = [];
    let h = activation === 'tanh' ? tf.tanh(projSteps[0]) : tf.relu(projSteps[0]);
    states.push(h);
    for (let t = 1; t < steps; t++) {
      if (activation === 'relu') h = matMulAdd(h, recurrent, projSteps[t], true);
      else h = tf.tanh(matMulAdd(h, recurrent, projSteps[t]));
      states.push(h);
    }
    return steps === 1 ? states[0] : (tf.concat(states, 0) as tf.Tensor2D);
  },
  backward(states, recurrent, dOut, dLast, steps, activation) {
    const deriv = splitSteps(activationGrad(states, activation), steps);
    // Uᵀ once, so the per-step products need no transpose flag (slow on wasm).
    const recurrentT = tf.transpose(recurrent);
    const dOutSteps = dOut ? splitSteps(dOut, steps) : null;
    const dA: tf.Tensor2D[] = new Array<tf.Tensor2D>(steps);
    let next: tf.Tensor2D | null = null;
    for (let t = steps - 1; t >= 0; t--) {
      let g: tf.Tensor2D;
      if (next === null) g = dOutSteps ? dOutSteps[t] : (dLast as tf.Tensor2D);
      else if (dOutSteps) g = matMulAdd(next, recurrentT, dOutSteps[t]);
      else g = tf.matMul(next, recurrentT);
      next = tf.mul(g, deriv[t]);
      dA[t] = next;
    }
    return steps === 1 ? dA[0] : (tf.concat(dA, 0) as tf.Tensor2D);
  },
};

/**
 * wasm: tfjs ops with every product pre-transposed (25 ms per batch with transpose flags). With
 * WebAssembly SIMD the recurrences run in the cpu path's loops and SIMD kernel instead, each layer's
 * stacks read out of and written back to the wasm heap once: 9 ms per batch against 13 ms with tfjs
 * ops per step (≈ 1,000 kernels); the JS loops without SIMD were slower than the ops.
 */
const wasmKernels: FastKernels = { ...opsKernels, matMul: wasmMatMul };
const wasmSimdKernels: FastKernels = {
  ...wasmKernels,
  forward: cpuKernels.forward,
  backward: cpuKernels.backward,
};

/** The kernels for a backend: cpu, wasm and webgl get their own, anything else the tfjs-ops version. */
export function kernelsFor(backend: string): FastKernels {
  if (backend === 'cpu') return cpuKernels;
  if (backend === 'wasm') return simdGemm() ? wasmSimdKernels : wasmKernels;
  if (backend === 'webgl') return webglKernels;
  return opsKernels;
}
