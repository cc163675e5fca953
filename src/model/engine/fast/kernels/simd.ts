/**
 * A WebAssembly SIMD matrix product for the cpu fast path (and the recurrences on wasm), assembled
 * here byte by byte (no toolchain, no file to fetch): C (+)= A · Bᵀ with A [m, k] and B [n, k]
 * row-major, four f32x4 dot products at a time (1 row of A against 4 rows of B), so every inner read
 * is a contiguous 16-byte load.
 * JS numbers cap the plain loops at ≈ 5 GFLOP/s here; this kernel runs the same products at ≈ 4–7×
 * that. Accumulation is in float32 (lane-wise partial sums, then a scalar tail), as tfjs's kernels.
 * `simdGemm()` is null where WebAssembly SIMD is unavailable; callers then use the JS loops.
 */

import { holdBytes } from '../../heldBytes';

// Opcodes (https://webassembly.github.io/spec/core/binary/instructions.html).
const GET = 0x20;
const SET = 0x21;
const I32 = 0x41;
const ADD = 0x6a;
const MUL = 0x6c;
const SHL = 0x74;
const AND = 0x71;
const GE_S = 0x4e;
const GT_S = 0x4a;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const F32_LOAD = [0x2a, 2, 0];
const F32_STORE = [0x38, 2, 0];
const F32_ADD = 0x92;
const F32_MUL = 0x94;
const V128_LOAD = [0xfd, 0x00, 4, 0];
const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];
const lane = (l: number): number[] => [0xfd, 0x1f, l];

const leb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
};
const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v ? byte | 0x80 : byte);
  } while (v);
  return out;
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];

// Locals: params a b c m k n lda ldb acc (byte offsets / counts), then the working variables.
const [A, B, C, M, K, N, LDA, LDB, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [R, I, Q, KB, K4B, PA, PC] = [9, 10, 11, 12, 13, 14, 15];
const PB = [16, 17, 18, 19];
const S = [20, 21, 22, 23];
const VA = 24;
const X = [25, 26, 27, 28];

const get = (l: number): number[] => [GET, l];
const set = (l: number, expr: number[]): number[] => [...expr, SET, l];
const add = (x: number[], y: number[]): number[] => [...x, ...y, ADD];
/** `while (!(cond)) { body }` as block/loop: cond is the exit test. */
const loop = (exit: number[], body: number[]): number[] => [
  ...[0x02, 0x40, 0x03, 0x40],
  ...exit,
  BR_IF,
  1,
  ...body,
  BR,
  0,
  END,
  END,
];

/** Dot products of row PA against `w` rows PB[0..w), into C[PC + I·4 + j·4] (+ old when acc). */
function block(w: number): number[] {
  const code: number[] = [];
  for (let j = 1; j < w; j++) code.push(...set(PB[j], add(get(PB[j - 1]), get(LDB))));
  for (let j = 0; j < w; j++) code.push(...V128_ZERO, SET, S[j]);
  code.push(...set(Q, [I32, 0]));
  const vbody: number[] = [...add(get(PA), get(Q)), ...V128_LOAD, SET, VA];
  for (let j = 0; j < w; j++) {
    vbody.push(...get(S[j]), ...get(VA), ...add(get(PB[j]), get(Q)), ...V128_LOAD);
    vbody.push(...F32X4_MUL, ...F32X4_ADD, SET, S[j]);
  }
  vbody.push(...set(Q, add(get(Q), [I32, 16])));
  code.push(...loop([...get(Q), ...get(K4B), GE_S], vbody));
  for (let j = 0; j < w; j++) {
    const h = (l: number): number[] => [...get(S[j]), ...lane(l)];
    code.push(...h(0), ...h(1), F32_ADD, ...h(2), ...h(3), F32_ADD, F32_ADD, SET, X[j]);
  }
  const sbody: number[] = [];
  for (let j = 0; j < w; j++) {
    sbody.push(...get(X[j]), ...add(get(PA), get(Q)), ...F32_LOAD);
    sbody.push(...add(get(PB[j]), get(Q)), ...F32_LOAD, F32_MUL, F32_ADD, SET, X[j]);
  }
  sbody.push(...set(Q, add(get(Q), [I32, 4])));
  code.push(...loop([...get(Q), ...get(KB), GE_S], sbody));
  for (let j = 0; j < w; j++) {
    const at = add(get(PC), [...get(I), I32, 2, SHL, ...(j ? [I32, 4 * j, ADD] : [])]);
    // C[at] = x + (acc ? C[at] : 0)
    code.push(...at, ...get(X[j]), ...get(ACC), 0x04, 0x7d, ...at, ...F32_LOAD);
    code.push(0x05, 0x43, 0, 0, 0, 0, END, F32_ADD, ...F32_STORE);
  }
  return code;
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const body: number[] = [
    ...set(LDA, [...get(LDA), I32, 2, SHL]),
    ...set(LDB, [...get(LDB), I32, 2, SHL]),
    ...set(KB, [...get(K), I32, 2, SHL]),
    ...set(K4B, [...get(KB), I32, ...leb(-16), AND]),
    ...set(R, [I32, 0]),
    ...loop(
      [...get(R), ...get(M), GE_S],
      [
        ...set(PA, add(get(A), [...get(R), ...get(LDA), MUL])),
        ...set(PC, add(get(C), [...get(R), ...get(N), MUL, I32, 2, SHL])),
        ...set(I, [I32, 0]),
        ...loop(
          [...get(I), I32, 4, ADD, ...get(N), GT_S],
          [
            ...set(PB[0], add(get(B), [...get(I), ...get(LDB), MUL])),
            ...block(4),
            ...set(I, add(get(I), [I32, 4])),
          ],
        ),
        ...loop(
          [...get(I), ...get(N), GE_S],
          [
            ...set(PB[0], add(get(B), [...get(I), ...get(LDB), MUL])),
            ...block(1),
            ...set(I, add(get(I), [I32, 1])),
          ],
        ),
        ...set(R, add(get(R), [I32, 1])),
      ],
    ),
    END,
  ];
  const locals = vec([
    [...uleb(11), 0x7f],
    [...uleb(5), 0x7b],
    [...uleb(4), 0x7d],
  ]);
  const code = [...locals, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec(new Array<number[]>(9).fill([0x7f])), 0]])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, ...uleb(16)]])),
    ...section(
      7,
      vec([
        [...name('gemm'), 0x00, 0],
        [...name('mem'), 0x02, 0],
      ]),
    ),
    ...section(10, vec([[...uleb(code.length), ...code]])),
  ]);
}

/** The SIMD kernel with its own linear memory, used as a scratch area the caller lays out. */
export interface SimdGemm {
  /** A float view of the whole memory (re-read after `reserve`, which may replace it). */
  f32: Float32Array;
  /** Makes the memory hold at least `floats` floats. */
  reserve(floats: number): void;
  /**
   * C (+)= A · Bᵀ on float offsets into `f32`: A [m, k] (row stride lda), B [n, k] (row stride ldb),
   * C [m, n] dense; adds to C when `accumulate`.
   */
  gemm(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    lda: number,
    ldb: number,
    accumulate: boolean,
  ): void;
}

let cached: SimdGemm | null | undefined;

/** The kernel, or null without WebAssembly SIMD. Compiled once (synchronously: the module is ~1 KB). */
export function simdGemm(): SimdGemm | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const bytes = moduleBytes();
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const mem = inst.exports.mem as WebAssembly.Memory;
    const fn = inst.exports.gemm as (...args: number[]) => void;
    const kernel: SimdGemm = {
      f32: new Float32Array(mem.buffer),
      reserve(floats) {
        const need = Math.ceil((floats * 4 - mem.buffer.byteLength) / 65536);
        if (need > 0) mem.grow(need);
        if (kernel.f32.buffer !== mem.buffer) kernel.f32 = new Float32Array(mem.buffer);
      },
      gemm(a, b, c, m, k, n, lda, ldb, accumulate) {
        fn(a * 4, b * 4, c * 4, m, k, n, lda, ldb, accumulate ? 1 : 0);
      },
    };
    // Grown to the largest product and reused for the worker's life: counted, and stable.
    holdBytes(() => mem.buffer.byteLength);
    cached = kernel;
  } catch {
    cached = null;
  }
  return cached;
}
