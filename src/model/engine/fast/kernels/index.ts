/**
 * Picks the fast path's kernels for a backend (types.ts says what a set holds):
 * - cpu: plain loops over the tensors' Float32Arrays and a WebAssembly SIMD product (cpu.ts), every
 *   cell's recurrence included (gatedLstm.ts, gatedGru.ts);
 * - wasm: tfjs-wasm products, the recurrences (every cell's) in the cpu loops while WebAssembly SIMD
 *   exists (wasm.ts);
 * - webgl: a wavefront of custom shaders, per-step shaders for odd shapes, Adam shaders (webgl/);
 * - any other backend: tfjs ops, one matMul + add + activation per step (ops.ts).
 */
import { cpuKernels } from './cpu';
import { opsKernels } from './ops';
import { simdGemm } from './simd';
import type { FastKernels } from './types';
import { wasmOpsKernels, wasmReferenceKernels, wasmSimdKernels } from './wasm';
import { webglKernels } from './webgl/index';

/** The fast kernels for `backend` (a tfjs backend name, e.g. `tf.getBackend()`). */
export function kernelsFor(backend: string): FastKernels {
  if (backend === 'cpu') return cpuKernels;
  if (backend === 'wasm') return simdGemm() ? wasmSimdKernels : wasmOpsKernels;
  if (backend === 'webgl') return webglKernels;
  return opsKernels;
}

/**
 * The plain tfjs-ops kernels as they run on `backend`: the reference the set of {@link kernelsFor} is
 * checked against (wasm needs its own split and unfused adds: its fused matMul takes no 2-D bias).
 */
export function opsKernelsFor(backend: string): FastKernels {
  return backend === 'wasm' ? wasmReferenceKernels : opsKernels;
}

/**
 * For people (the backend details the app shows): which cells' recurrences the fast engine runs on
 * `backend`'s own kernels instead of tfjs ops per step, e.g. 'fast kernels: SimpleRNN, LSTM, GRU'.
 */
export function kernelsSummary(backend: string): string {
  const k = kernelsFor(backend);
  const opsOnly = k.rnn === opsKernels.rnn || k.rnn === wasmOpsKernels.rnn;
  const cells = [
    ...(opsOnly ? [] : ['SimpleRNN']),
    ...(k.gated || k.gatedWave ? ['LSTM', 'GRU'] : []),
  ];
  return cells.length > 0 ? `fast kernels: ${cells.join(', ')}` : 'fast path in tfjs ops';
}
