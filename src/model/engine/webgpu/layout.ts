/**
 * The WebGPU engine's buffers and constants: what its WGSL (shaders.ts) is specialised on, and where
 * every value sits in the flat buffers the engine (engine.ts) owns.
 */
import type { Activation, CellType, LossName } from '../../core/config';

/** Everything a compiled pair of kernels is specialised on. */
export interface WgslShape {
  cell: CellType;
  layers: number;
  units: number;
  /** k, values per time step. */
  inputs: number;
  timesteps: number;
  /** Rows of the largest batch the buffers hold. */
  maxBatch: number;
  activation: Activation;
  loss: LossName;
  /** Dropout rate after each recurrent layer; 0 draws no masks. */
  dropout: number;
  learningRate: number;
  epsilon: number;
}

/** Where everything sits in the engine's flat buffers (floats). */
export interface Layout {
  /** Parameters in Keras order (per layer kernel, recurrent, bias; then Dense kernel, bias). */
  params: number;
  /** Start of layer ≥ 1's parameters, and the stride between layers. */
  layer1: number;
  layerStride: number;
  /** Start of the Dense kernel. */
  dense: number;
  /** One layer's share of the activation buffer: T · maxBatch · units. */
  plane: number;
  /** Gate columns per unit: 1 (SimpleRNN), 4 (LSTM i, f, c, o), 3 (GRU z, r, h). */
  gates: number;
  /**
   * Offsets in the activation buffer: masked outputs (inputs of the next layer), dZ (gates · plane
   * per layer); for the gated cells the gate values after their nonlinearity (as dZ) and one more
   * plane per layer (LSTM c_t, GRU r_t ⊙ h_{t−1}); `act` floats in all.
   */
  masked: number;
  dz: number;
  gateValues: number;
  extra: number;
  act: number;
  /** Offsets in the misc buffer: masked last states [b, u], per-row loss terms, dLoss/dy, the loss ring. */
  lossTerms: number;
  dy: number;
  ring: number;
  misc: number;
  /** u32 words of the per-batch upload: 8 header words, x [b, T, k], y [b]. */
  input: number;
}

/** Losses kept on the GPU before they must be read back. */
export const RING = 1024;
/** Threads per workgroup of `params`. */
export const PARAM_WG = 64;
/** Header words of the per-batch upload: b, the mask stream's state, c1, c2, the loss slot. */
export const HEADER = 8;

/** Gate columns per unit of `cell`, as Keras lays its kernels out. */
export function gatesOf(cell: CellType): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

export function layout(s: WgslShape): Layout {
  const { units: u, inputs: k, layers: n, timesteps: t, maxBatch: b } = s;
  const g = gatesOf(s.cell);
  const layer1 = k * g * u + u * g * u + g * u;
  const layerStride = 2 * u * g * u + g * u;
  const dense = layer1 + (n - 1) * layerStride;
  const plane = t * b * u;
  const masked = n * plane;
  const dz = masked + (n - 1) * plane;
  const gateValues = dz + n * g * plane;
  const extra = g > 1 ? gateValues + n * g * plane : gateValues;
  const lossTerms = b * u;
  return {
    params: dense + u + 1,
    layer1,
    layerStride,
    dense,
    plane,
    gates: g,
    masked,
    dz,
    gateValues,
    extra,
    act: g > 1 ? extra + n * plane : gateValues,
    lossTerms,
    dy: lossTerms + b,
    ring: lossTerms + 2 * b,
    misc: lossTerms + 2 * b + RING,
    input: HEADER + b * t * k + b,
  };
}

/** Workgroup size of `rows`: the units rounded up to a power of two, 32…256. */
export function rowThreads(units: number): number {
  let n = 32;
  while (n < units && n < 256) n *= 2;
  return n;
}

/** A float32 value as an exact WGSL expression. */
export function f32(x: number): string {
  const bits = new Uint32Array(Float32Array.of(x).buffer)[0];
  return `bitcast<f32>(0x${bits.toString(16)}u)`;
}

/** The mask threshold: a draw r (u32) keeps its unit when r / 2³² ≥ rate, i.e. r ≥ ⌈rate · 2³²⌉. */
export function keepThreshold(rate: number): number {
  return Math.min(0xffffffff, Math.ceil(rate * 4294967296));
}

/** mulberry32's per-draw increment (core/rng.ts). */
const GOLDEN_STEP = 0x6d2b79f5;

/**
 * The mask stream's state before draw `drawn` + 1, for header word 1: core/rng.ts's generator for
 * `streamSeed` (deriveSeed(seed, DROPOUT_STREAM)) after `drawn` draws, i.e. its first state plus
 * drawn · 0x6d2b79f5 (mod 2³²): the generator is a counter, so any position is one multiply away.
 */
export function streamState(streamSeed: number, drawn: number): number {
  const first = ((Math.floor(streamSeed) >>> 0) ^ 0x9e3779b9) >>> 0;
  return (first + Math.imul((drawn % 4294967296) >>> 0, GOLDEN_STEP)) >>> 0;
}
