/**
 * Arithmetic the benchmark divides by: the floating-point operations of one training batch of a stack
 * (the products only: 2 per multiply-add; the elementwise work, activations and Adam are a few per cent
 * and left out), and the peak this machine reaches on one core with the fast path's own
 * register-blocked WebAssembly SIMD product on a large square product (kernels/simd.wat), so the
 * bench can print "achieved GFLOP/s beside the peak".
 */
import { simdGemm } from '../src/model/engine/fast/kernels/simd';

/** Gates per cell: the recurrent kernel is [units, gates · units]. */
const GATES = { simpleRNN: 1, lstm: 4, gru: 3 } as const;

/** The shape of a benchmarked stack and batch. */
export interface StackShape {
  cell: keyof typeof GATES;
  layers: number;
  units: number;
  timesteps: number;
  batch: number;
  /** Values per time step into the first layer. */
  inputs: number;
}

/**
 * FLOPs of one training batch (forward and backward through time, weight gradients), products only.
 * Per layer with G = gates · units output columns: forward input projection T·b·in·G and recurrence
 * (T − 1)·b·u·G; backward the recurrence (T − 1)·b·G·u, dW in·T·b·G, dU u·(T − 1)·b·G and, above the
 * first layer, the input gradient T·b·G·in; the Dense head b·u forward and twice that backward.
 */
export function flopsPerBatch({
  cell,
  layers,
  units: u,
  timesteps: T,
  batch: b,
  inputs,
}: StackShape): number {
  const G = GATES[cell] * u;
  let macs = 3 * b * u;
  for (let l = 0; l < layers; l++) {
    const inDim = l === 0 ? inputs : u;
    macs += T * b * inDim * G + (T - 1) * b * u * G; // forward
    macs += (T - 1) * b * G * u + inDim * T * b * G + u * (T - 1) * b * G; // backward, dW, dU
    if (l > 0) macs += T * b * G * inDim; // dX into the layer below
  }
  return 2 * macs;
}

/**
 * GFLOP/s of the fast path's SIMD product on one core, C = A · Bᵀ with A, B, C 256 × 256 (operands in
 * cache, so this is the kernel's ceiling, not the memory's): the best of `reps` timed runs of 20
 * products after a warm-up. Null where WebAssembly SIMD is unavailable.
 */
export function measurePeakGflops(reps = 5): number | null {
  const g = simdGemm();
  if (!g) return null;
  const n = 256;
  g.reserve(3 * n * n);
  for (let i = 0; i < 2 * n * n; i++) g.f32[i] = ((i * 2654435761) % 1000) / 1000 - 0.5;
  const once = (): number => {
    const t0 = performance.now();
    for (let r = 0; r < 20; r++) g.gemm(0, n * n, 2 * n * n, n, n, n, n, n, false);
    return performance.now() - t0;
  };
  once();
  let best = Infinity;
  for (let r = 0; r < reps; r++) best = Math.min(best, once());
  return (20 * 2 * n * n * n) / (best * 1e6);
}
