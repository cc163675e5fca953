/**
 * The whole-batch SimpleRNN path on webgl (batch.ts): where every value of one batch sits in the one
 * packed texture its shaders read ("C"), and the repack shader that writes it. C is [R, u] (packed,
 * so every section starts at an even row and is padded with zeros to an even row count):
 *   W0 (layer 0's kernel, k rows), W (layers 1…L−1's kernels, u rows each), U (every layer's
 *   recurrent kernel, u rows each), B (the biases, row l = layer l), D (row D: the Dense kernel as a
 *   row, row D + 1 column 0: its bias), X (the batch time-major: row t·b + i = sample i at step t,
 *   k columns), Y (the targets, column 0), M (the dropout masks as masks.ts draws them, stacked:
 *   layer l's [T·b, u] at M + l·T·b, the top layer's [b, u] at M + (L−1)·T·b; absent without dropout).
 * The weights come from the flat parameter state [3, n] (rows m, v, w; w in Keras order).
 */
import type { Program } from './program';

/** The shape a whole-batch trainer is specialised on. */
export interface BatchDims {
  /** Layers. */
  L: number;
  /** Time steps. */
  T: number;
  /** Batch rows (even). */
  b: number;
  /** Units (even). */
  u: number;
  /** Inputs per step (≤ u). */
  k: number;
  /** Whether dropout masks are read. */
  masked: boolean;
}

/** Row offsets of C's sections, its row count R, and each layer's offset in the flat weights. */
export interface BatchLayout {
  W0: number;
  W: number;
  U: number;
  B: number;
  D: number;
  X: number;
  Y: number;
  M: number;
  R: number;
  /** Flat offset of layer l's kernel (its recurrent kernel and bias follow); [L] is the Dense kernel's. */
  base: number[];
  /** Parameters in all. */
  n: number;
}

const even = (x: number): number => x + (x % 2);

/** Where everything sits (see the file comment). */
export function batchLayout({ L, T, b, u, k, masked }: BatchDims): BatchLayout {
  const W0 = 0;
  const W = W0 + even(k);
  const U = W + (L - 1) * u;
  const B = U + L * u;
  const D = B + even(L);
  const X = D + 2;
  const Y = X + T * b;
  const M = Y + b;
  const R = M + (masked ? (L - 1) * T * b + b : 0);
  const base: number[] = [];
  let n = 0;
  for (let l = 0; l < L; l++) {
    base.push(n);
    n += (l === 0 ? k : u) * u + u * u + u;
  }
  base.push(n);
  n += u + 1;
  return { W0, W, U, B, D, X, Y, M, R, base, n };
}

/**
 * The repack shader: C from the state S [3, n], the batch X [b, T, k], the targets Y [b, 1] and the
 * masks K (stacked as in C, when masked). Unpacked inputs as uploaded, one packed output: one draw.
 */
export function repackProgram(dims: BatchDims): Program {
  const { L, b, u, k, masked } = dims;
  const o = batchLayout(dims);
  const w = (at: string): string => `getS(2, ${at})`;
  const layers = Array.from({ length: L - 1 }, (_, j) => {
    const l = j + 1;
    return `if (l == ${l}) return ${w(`${o.base[l]} + r * ${u} + c`)};`;
  }).join(' ');
  const recurrent = Array.from(
    { length: L },
    (_, l) => `if (l == ${l}) return ${w(`${o.base[l] + (l === 0 ? k : u) * u} + r * ${u} + c`)};`,
  ).join(' ');
  const biases = Array.from(
    { length: L },
    (_, l) => `if (r == ${l}) return ${w(`${o.base[l] + (l === 0 ? k : u) * u + u * u} + c`)};`,
  ).join(' ');
  return {
    variableNames: masked ? ['S', 'X', 'Y', 'K'] : ['S', 'X', 'Y'],
    outputShape: [o.R, u],
    packedInputs: false,
    packedOutput: true,
    userCode: `
      float at(int row, int c) {
        if (row >= ${o.R} || c >= ${u}) return 0.0;
        int r = row;
        int l = 0;
        if (row < ${o.W}) return r < ${k} ? ${w(`r * ${u} + c`)} : 0.0;
        if (row < ${o.U}) { r = row - ${o.W}; l = 1 + r / ${u}; r -= (l - 1) * ${u}; ${layers} }
        if (row < ${o.B}) { r = row - ${o.U}; l = r / ${u}; r -= l * ${u}; ${recurrent} }
        if (row < ${o.D}) { r = row - ${o.B}; ${biases} return 0.0; }
        if (row == ${o.D}) return ${w(`${o.base[L]} + c`)};
        if (row == ${o.D + 1}) return c == 0 ? ${w(`${o.base[L] + u}`)} : 0.0;
        if (row < ${o.Y}) { r = row - ${o.X}; int t = r / ${b}; return c < ${k} ? getX(r - t * ${b}, t, c) : 0.0; }
        if (row < ${o.M}) return c == 0 ? getY(row - ${o.Y}, 0) : 0.0;
        ${masked ? `return getK(row - ${o.M}, c);` : 'return 0.0;'}
      }
      void main() {
        ivec2 c = getOutputCoords();
        setOutput(vec4(at(c.x, c.y), at(c.x, c.y + 1), at(c.x + 1, c.y), at(c.x + 1, c.y + 1)));
      }`,
  };
}

/**
 * GLSL: acc += A(row, ·) · B(·, col) over n columns (n even) in the 2 × 2 blocks of packed textures,
 * or A(row, ·) · B(col, ·)ᵀ when `transposeB`. `aAt(q)` and `bAt(q)` read the texels at column or
 * row q = 0, 2, 4, … (the wavefront's own dot, wave.ts, kept apart so the two files change alone).
 */
export function packedDot(
  n: number,
  aAt: (q: string) => string,
  bAt: (q: string) => string,
  transposeB: boolean,
): string {
  const [s1, s2] = transposeB ? ['w.xzxz', 'w.ywyw'] : ['w.xyxy', 'w.zwzw'];
  return `for (int q = 0; q < ${n / 2}; q++) {
          vec4 a = ${aAt('q * 2')}; vec4 w = ${bAt('q * 2')};
          acc += a.xxzz * ${s1} + a.yyww * ${s2};
        }`;
}
