/**
 * The whole-batch path's last shaders. `gradsProgram`: every parameter's gradient in one draw, as a
 * weight block (batchLayout.ts) with the batch loss at (Rw, 0); each fragment sums a 2 × 2 block of
 * one parameter matrix over the T·b rows straight from the diagonal textures (gathered into
 * ≤ 15-diagonal partials, F forward and G backward) and the batch texture D: dW = Σ inputᵀ·dA,
 * dU = Σ h_{t−1}ᵀ·dA_t, db = Σ dA, and the Dense head's from the output it recomputes.
 * `adamProgram`: Adam (../../adam.ts, same operation order) on the state [3·Rw, u] in one draw.
 */
import type { LossName } from '../../../../core/config';
import { BETA1, BETA2 } from '../../adam';
import { batchLayout, batchRows, type BatchDims } from './batchLayout';
import { lossGradGlsl, shifted } from './batchWave';
import { MAX_INPUTS, type Program } from './program';

/** Diagonals per gathered partial texture. */
export const PER_PARTIAL = MAX_INPUTS;

/** Partial textures per direction for `diagonals` diagonals. */
export function partials(diagonals: number): number {
  return Math.ceil(diagonals / PER_PARTIAL);
}

/**
 * GLSL: `fn(s, row, col)`, the texel of diagonal s, row `row` of its [L·b, u] block, from the partials
 * `name`0…; and `fnIn(p, r, col)`, row r of partial p, for loops that locate their diagonal once.
 */
function partialReader(fn: string, name: string, count: number, rows: number): string {
  const branches = Array.from(
    { length: count },
    (_, p) => `${p < count - 1 ? `if (p == ${p}) ` : ''}return get${name}${p}(r, col);`,
  ).join(' ');
  return `vec4 ${fn}In(int p, int r, int col) { ${branches} }
    vec4 ${fn}(int s, int row, int col) {
      int p = s / ${PER_PARTIAL};
      return ${fn}In(p, (s - p * ${PER_PARTIAL}) * ${rows} + row, col);
    }`;
}

function lossValueGlsl(loss: LossName): string {
  if (loss === 'mse') return 'd * d';
  if (loss === 'mae') return 'abs(d)';
  return '0.5 * min(abs(d), 1.0) * min(abs(d), 1.0) + (abs(d) - min(abs(d), 1.0))';
}

/**
 * See the file comment: output [Rw + 2, cols], packed; `cols` > u for the gated cells (batchLstm.ts:
 * G = 4·u gate columns, dZ in the backward diagonals' first G columns, h in the forward's first u).
 * `gru` (batchGru.ts, G = 3·u): dU's candidate columns pair with r_t ⊙ h_{t−1}, columns u… of step
 * t's forward diagonal, instead of h_{t−1}.
 */
export function gradsProgram(dims: BatchDims, loss: LossName, cols = dims.u, gru = false): Program {
  const { L, T, b, u, k, masked } = dims;
  const o = batchLayout(L, u, k);
  const w = shifted(dims);
  const P = partials(T + L - 1);
  const names = [
    ...Array.from({ length: P }, (_, p) => `F${p}`),
    ...Array.from({ length: P }, (_, p) => `G${p}`),
    'W',
    'D',
  ];
  const rows = batchRows(dims);
  const top = T + L - 2;
  return {
    variableNames: names,
    outputShape: [o.Rw + 2, cols],
    packedInputs: true,
    packedOutput: true,
    userCode: `${lossGradGlsl(loss, b)}
    ${partialReader('fwd', 'F', P, L * b)}
    ${partialReader('bwd', 'G', P, L * b)}
    // Σ over rows of aᵀ · d for a 2 × 2 block: a rows i, i + 1 × columns r, r + 1, d the same rows × j, j + 1.
    vec4 outer(vec4 a, vec4 d) { return a.xxyy * d.xyxy + a.zzww * d.zwzw; }
    // dW of layer l from its input (x, or the layer below's h ⊙ mask) and dA; dU from h_{t−1} (from t = 1).
    vec4 productGrad(bool recurrent, int l, int r, int j) {
      vec4 acc = vec4(0.0);
      for (int t = recurrent ? 1 : 0; t < ${T}; t++) {
        int e = ${top} - t - l;
        int pe = e / ${PER_PARTIAL};
        int re = (e - pe * ${PER_PARTIAL}) * ${L * b} + l * ${b};
        if (l == 0 && !recurrent) {
          for (int i = 0; i < ${b}; i += 2) acc += outer(getD(t * ${b} + i, r), bwdIn(pe, re + i, j));
          continue;
        }
        int s = recurrent ? t - 1 + l : t + l - 1;
        int col = r;
        ${gru ? `if (recurrent && j >= ${2 * u}) { s = t + l; col = r + ${u}; }` : ''}
        int ps = s / ${PER_PARTIAL};
        int rs = (s - ps * ${PER_PARTIAL}) * ${L * b} + (recurrent ? l : l - 1) * ${b};
        ${
          masked
            ? `if (!recurrent) {
          int mr = ${rows.M} + (l - 1) * ${T * b} + t * ${b};
          for (int i = 0; i < ${b}; i += 2) acc += outer(fwdIn(ps, rs + i, r) * getD(mr + i, r), bwdIn(pe, re + i, j));
          continue;
        }`
            : ''
        }
        for (int i = 0; i < ${b}; i += 2) acc += outer(fwdIn(ps, rs + i, col), bwdIn(pe, re + i, j));
      }
      return acc;
    }
    vec2 biasGrad(int l, int j) {
      vec2 acc = vec2(0.0);
      for (int t = 0; t < ${T}; t++) {
        int e = ${top} - t - l;
        for (int i = 0; i < ${b}; i += 2) { vec4 d = bwd(e, l * ${b} + i, j); acc += d.xy + d.zw; }
      }
      return acc;
    }
    // The top layer's h_T ⊙ its mask (the Dense layer's input), rows i, i + 1, columns q, q + 1.
    vec4 lastBlock(int i, int q) {
      vec4 h = fwd(${top}, ${(L - 1) * b} + i, q);
      ${masked ? `h *= getD(${rows.M + (L - 1) * T * b} + i, q);` : ''}
      return h;
    }
    // The output minus the target of rows i and i + 1 (as the first backward shader computes it).
    vec2 diffPair(int i) {
      float s0 = 0.0;
      float s1 = 0.0;
      for (int q = 0; q < ${u}; q += 2) {
        vec4 h = lastBlock(i, q);
        vec4 wd = getW(${w.D}, q);
        s0 += h.x * wd.x + h.y * wd.y;
        s1 += h.z * wd.x + h.w * wd.y;
      }
      float bd = getW(${w.D}, 0).z;
      vec4 yt = getD(${rows.Y} + i, 0);
      return vec2(s0 + bd - yt.x, s1 + bd - yt.z);
    }
    float lossOf(float d) { return ${lossValueGlsl(loss)}; }
    void main() {
      ivec2 c = getOutputCoords();
      int r = c.x;
      int j = c.y;
      vec4 v = vec4(0.0);
      if (r < ${o.W}) {
        v = productGrad(false, 0, r, j);
        if (r + 1 >= ${k}) v.zw = vec2(0.0);
      } else if (r < ${o.U}) {
        int l = 1 + (r - ${o.W}) / ${u};
        v = productGrad(false, l, r - ${o.W} - (l - 1) * ${u}, j);
      } else if (r < ${o.B}) {
        int l = (r - ${o.U}) / ${u};
        v = productGrad(true, l, r - ${o.U} - l * ${u}, j);
      } else if (r < ${o.D}) {
        int l = r - ${o.B};
        v.xy = biasGrad(l, j);
        if (l + 1 < ${L}) v.zw = biasGrad(l + 1, j);
      } else if (r == ${o.D}) {
        ${cols > u ? `if (j >= ${u}) { setOutput(v); return; }` : ''}
        for (int i = 0; i < ${b}; i += 2) {
          vec2 d = diffPair(i);
          vec2 g = vec2(lossGrad(d.x), lossGrad(d.y));
          vec4 h = lastBlock(i, j);
          v.x += h.x * g.x + h.z * g.y;
          v.y += h.y * g.x + h.w * g.y;
          if (j == 0) v.z += g.x + g.y;
        }
      } else if (j == 0) {
        for (int i = 0; i < ${b}; i += 2) { vec2 d = diffPair(i); v.x += lossOf(d.x) + lossOf(d.y); }
        v.x /= ${b}.0;
      }
      setOutput(v);
    }`,
  };
}

/**
 * Adam on the state St [3·Rw, u] (blocks m, v, w) with the gradient block Gr ([Rw, u] or the
 * gradients' [Rw + 2, u], whose loss rows it does not read): the new state, packed. Uniforms: the
 * bias corrections c1, c2.
 */
export function adamProgram(rw: number, u: number, learningRate: number, epsilon: number): Program {
  const f = (x: number): string => x.toExponential(9);
  return {
    variableNames: ['St', 'Gr'],
    outputShape: [3 * rw, u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [
      { name: 'c1', type: 'float' },
      { name: 'c2', type: 'float' },
    ],
    userCode: `void main() {
      ivec2 c = getOutputCoords();
      int blk = c.x / ${rw};
      int r = c.x - blk * ${rw};
      vec4 g = getGr(r, c.y);
      vec4 m = getSt(r, c.y) * ${f(BETA1)} + g * ${f(1 - BETA1)};
      if (blk == 0) { setOutput(m); return; }
      vec4 v = getSt(${rw} + r, c.y) * ${f(BETA2)} + g * g * ${f(1 - BETA2)};
      if (blk == 1) { setOutput(v); return; }
      setOutput(m / c1 / (sqrt(v / c2) + ${f(epsilon)}) * ${f(-learningRate)} + getSt(${2 * rw} + r, c.y));
    }`,
  };
}
