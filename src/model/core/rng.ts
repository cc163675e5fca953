/**
 * A small seeded pseudo-random generator (mulberry32) for reproducible runs: the same seed gives the
 * same initial weights, dropout masks and batch order on every backend (no tfjs randomness involved).
 */

/** A seeded stream of random numbers. Not cryptographic. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [lo, hi). */
  uniformRange(lo: number, hi: number): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Shuffles `arr` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T;
  /** A fresh 32-bit seed drawn from this stream (to derive independent sub-streams). */
  nextSeed(): number;
  /**
   * Dropout multipliers in bulk: out[i] = uniform() ≥ rate ? keep : 0 for each i in order, the same
   * draws and values as that loop, in one tight loop. mulberry32 is counter-based (draw n hashes
   * seed + n·0x6d2b79f5), so a GPU kernel can draw element i alone and get the same value.
   */
  fillMask(out: Float32Array, rate: number, keep: number): void;
  /**
   * Skips the next `n` draws and returns the counter they start from (draw j, j = 1…n, hashes
   * counter + j·0x6d2b79f5 mod 2³²), for kernels that draw them elsewhere (kernels/simd.wat `mask`).
   */
  takeCounter(n: number): number;
}

/** Creates a mulberry32 generator. Seeds are taken modulo 2^32; any finite number is fine. */
export function createRng(seed: number): Rng {
  let state = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  let spare: number | null = null;

  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const uniform = (): number => next32() / 4294967296;

  return {
    uniform,
    uniformRange: (lo, hi) => lo + (hi - lo) * uniform(),
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // 1 - u keeps the log argument in (0, 1].
      const u1 = 1 - uniform();
      const u2 = uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    int: (n) => Math.floor(uniform() * n),
    shuffle(arr) {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(uniform() * (i + 1));
        const tmp = arr[i];
        arr[i] = arr[j];
        arr[j] = tmp;
      }
      return arr;
    },
    nextSeed: next32,
    fillMask(out, rate, keep) {
      // uniform() ≥ rate ⇔ next32() ≥ rate · 2³² exactly (both sides scaled by a power of two).
      const threshold = rate * 4294967296;
      let s = state;
      for (let i = 0; i < out.length; i++) {
        s = (s + 0x6d2b79f5) | 0;
        let t = Math.imul(s ^ (s >>> 15), s | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        out[i] = (t ^ (t >>> 14)) >>> 0 >= threshold ? keep : 0;
      }
      state = s >>> 0;
    },
    takeCounter(n) {
      const from = state;
      state = (state + Math.imul(n, 0x6d2b79f5)) >>> 0;
      return from;
    },
  };
}

/** Stream label for dropout masks; shared by both engines so one seed gives them the same masks. */
export const DROPOUT_STREAM = 0xd0;

/** Mixes a base seed with a stream label so sub-streams (init, shuffle, dropout) stay independent. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.floor(seed) >>> 0) ^ Math.imul(stream + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
