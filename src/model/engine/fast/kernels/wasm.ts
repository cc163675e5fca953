/**
 * wasm backend kernels: the input projections and input gradients, the loss and the dropout
 * multiplies in tfjs-wasm (XNNPACK), every product pre-transposed; the recurrences and the weight
 * gradients in the cpu set's loops and WebAssembly SIMD kernel (cpu.ts), each layer's stacks read out
 * of and written back to the wasm heap once per direction.
 * Per step three tfjs kernels cost ≈ 13 µs each in dispatch, so 4 layers × 39 steps × 2 directions of
 * them dominated the batch: 9 ms per batch against 13 ms with tfjs ops per step (≈ 1,000 kernels).
 * Without WebAssembly SIMD the JS loops were slower than the ops, so that case keeps tfjs ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ACTIVATIONS } from '../activations';
import { cpuKernels } from './cpu';
import { opsRecurrence, tfMatMul, type MatMulAdd } from './ops';
import type { FastKernels } from './types';

/**
 * XNNPACK's matMul runs ≈ 10× slower with a transpose flag than without ([800, 50]ᵀ · [800, 50]:
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

/**
 * Splits [T·b, f] into T blocks of b rows. Every wasm slice kernel first copies the *whole* input out
 * of the heap (3 ms for one [800, 50] split into 40), so the data is read once and the blocks are
 * uploaded as new tensors.
 */
function wasmSplit(x: tf.Tensor2D, steps: number): tf.Tensor2D[] {
  if (steps === 1) return [x];
  const [rows, cols] = x.shape;
  const b = rows / steps;
  const values = x.dataSync() as Float32Array;
  return Array.from({ length: steps }, (_, t) =>
    tf.tensor2d(values.subarray(t * b * cols, (t + 1) * b * cols), [b, cols]),
  );
}

/** wasm's fused matMul takes only a 1-D bias: a product, an add, then the activation. */
const wasmMatMulAdd: MatMulAdd = (a, b, addend, activation) => {
  const sum = tf.add(tf.matMul(a, b), addend) as tf.Tensor2D;
  return activation ? ACTIVATIONS[activation].tf(sum) : sum;
};

/**
 * wasm without WebAssembly SIMD: tfjs ops throughout, every product pre-transposed (with transpose
 * flags a batch took 25 ms).
 */
export const wasmOpsKernels: FastKernels = {
  matMul: wasmMatMul,
  mul: (a, b) => tf.mul(a, b),
  split: wasmSplit,
  rnn: opsRecurrence(wasmSplit, wasmMatMulAdd),
  params: 'array',
};

/**
 * wasm with WebAssembly SIMD: the recurrences (SimpleRNN, LSTM, GRU) and each layer's weight
 * gradients in the cpu set's SIMD kernels (one workspace for dW, dU and db instead of five tfjs-wasm
 * kernels with their transposes and slices: best of 22 batches of 4 × 50 units, T = 40, b = 20,
 * SimpleRNN 6.8 → 6.0 ms, LSTM 25.4 → 21.2, GRU 23.7 → 16.5); the other products stay on XNNPACK
 * (our kernel for them too was slower: the copies in and out of the heap).
 */
export const wasmSimdKernels: FastKernels = {
  ...wasmOpsKernels,
  rnn: cpuKernels.rnn,
  gated: cpuKernels.gated,
  weightGrads: cpuKernels.weightGrads,
};

/**
 * tfjs ops as they run on wasm, products with transpose flags as tfjs does them: the reference the
 * sets above are checked against (bench/checks.ts).
 */
export const wasmReferenceKernels: FastKernels = { ...wasmOpsKernels, matMul: tfMatMul };
