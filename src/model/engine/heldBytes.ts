/**
 * The bytes the engines hold outside tfjs, which `tf.memory()` cannot see: the fast path's weights
 * and Adam state on cpu/wasm (paramStore.ts's Float32Arrays) and the SIMD product's linear memory
 * (kernels/simd.ts, a scratch area that grows to the largest product and is then reused). Each
 * holder registers a measure while it lives; `heldBytes` sums them, so a holder that is never
 * released shows up as bytes that do not return to their baseline.
 */
import * as tf from '@tensorflow/tfjs-core';

const holders = new Set<{ bytes: () => number }>();

/** Counts `bytes()` in `heldBytes` until the returned release is called (idempotent). */
export function holdBytes(bytes: () => number): () => void {
  const holder = { bytes };
  holders.add(holder);
  return () => void holders.delete(holder);
}

/** Bytes held outside tfjs by every live holder, now. */
export function heldBytes(): number {
  let sum = 0;
  for (const h of holders) sum += h.bytes();
  return sum;
}

/** Tensors and bytes held now: tfjs's own count and bytes plus `heldBytes()`, and their sum. */
export function memoryNow(): {
  numTensors: number;
  numBytes: number;
  engineBytes: number;
  bytes: number;
} {
  const { numTensors, numBytes } = tf.memory();
  const engineBytes = heldBytes();
  return { numTensors, numBytes, engineBytes, bytes: numBytes + engineBytes };
}
