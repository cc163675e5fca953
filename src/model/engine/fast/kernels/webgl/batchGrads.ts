/**
 * The whole-batch path's last two shaders. `gradsProgram`: every parameter's gradient in one draw,
 * as the flat vector of the parameter store (Keras order: per layer kernel, recurrent kernel, bias;
 * then the Dense kernel and bias) with the batch loss appended at index n; each fragment sums its
 * parameter over the T·b rows straight from the diagonal textures (gathered into ≤ 15-diagonal
 * partials, F forward and G backward) and C (batchLayout.ts): dW = Σ inputᵀ·dA, dU = Σ h_{t−1}ᵀ·dA_t,
 * db = Σ dA, and the Dense head's from the output it recomputes. `adamProgram`: Adam (../../adam.ts,
 * same operation order) on the state [3, n] (rows m, v, w) in one draw.
 */
import type { LossName } from '../../../../core/config';
import { BETA1, BETA2 } from '../../adam';
import { batchLayout, type BatchDims } from './batchLayout';
import { lossGradGlsl } from './batchWave';
import { MAX_INPUTS, type Program } from './program';

/** Diagonals per gathered partial texture. */
export const PER_PARTIAL = MAX_INPUTS;

/** Partial textures per direction for `diagonals` diagonals. */
export function partials(diagonals: number): number {
  return Math.ceil(diagonals / PER_PARTIAL);
}

/** GLSL: the texel of diagonal s, row `row` of its [L·b, u] block, from the partials `name`0…. */
function partialReader(fn: string, name: string, count: number, rows: number): string {
  const branches = Array.from(
    { length: count },
    (_, p) => `${p < count - 1 ? `if (p == ${p}) ` : ''}return get${name}${p}(r, col);`,
  ).join(' ');
  return `vec4 ${fn}(int s, int row, int col) {
      int p = s / ${PER_PARTIAL};
      int r = (s - p * ${PER_PARTIAL}) * ${rows} + row;
      ${branches}
    }`;
}

function lossValueGlsl(loss: LossName): string {
  if (loss === 'mse') return 'd * d';
  if (loss === 'mae') return 'abs(d)';
  return '0.5 * min(abs(d), 1.0) * min(abs(d), 1.0) + (abs(d) - min(abs(d), 1.0))';
}

/** See the file comment: output [n + 1], gradients then the loss. */
export function gradsProgram(dims: BatchDims, loss: LossName): Program {
  const { L, T, b, u, k, masked } = dims;
  const o = batchLayout(dims);
  const P = partials(T + L - 1);
  const names = [
    ...Array.from({ length: P }, (_, p) => `F${p}`),
    ...Array.from({ length: P }, (_, p) => `G${p}`),
    'C',
  ];
  const topMask = o.M + (L - 1) * T * b;
  const layerBranch = (l: number): string => {
    const inDim = l === 0 ? k : u;
    return `if (idx < ${o.base[l + 1]}) {
        int o = idx - ${o.base[l]};
        if (o < ${inDim * u}) { int r = o / ${u}; v = kernelGrad(${l}, r, o - r * ${u}); }
        else if (o < ${inDim * u + u * u}) { o -= ${inDim * u}; int r = o / ${u}; v = recurrentGrad(${l}, r, o - r * ${u}); }
        else v = biasGrad(${l}, o - ${inDim * u + u * u});
      }`;
  };
  const input = `if (l == 0) a = pair(getC(${o.X} + t * ${b} + i, r), r);
          else {
            a = pair(fwd(t + l - 1, (l - 1) * ${b} + i, r), r);
            ${masked ? `a *= pair(getC(${o.M} + (l - 1) * ${T * b} + t * ${b} + i, r), r);` : ''}
          }`;
  return {
    variableNames: names,
    outputShape: [o.n + 1],
    packedInputs: true,
    packedOutput: false,
    userCode: `${lossGradGlsl(loss, b)}
    ${partialReader('fwd', 'F', P, L * b)}
    ${partialReader('bwd', 'G', P, L * b)}
    // Rows i and i + 1 of column c of a packed texel.
    vec2 pair(vec4 v, int c) { return (c - (c / 2) * 2 == 0) ? v.xz : v.yw; }
    float pick(vec4 v, int r, int c) { vec2 p = pair(v, c); return (r - (r / 2) * 2 == 0) ? p.x : p.y; }
    float kernelGrad(int l, int r, int j) {
      float acc = 0.0;
      for (int t = 0; t < ${T}; t++) {
        int e = ${T + L - 2} - t - l;
        for (int i = 0; i < ${b}; i += 2) {
          vec2 d = pair(bwd(e, l * ${b} + i, j), j);
          vec2 a;
          ${input}
          acc += a.x * d.x + a.y * d.y;
        }
      }
      return acc;
    }
    float recurrentGrad(int l, int r, int j) {
      float acc = 0.0;
      for (int t = 1; t < ${T}; t++) {
        int e = ${T + L - 2} - t - l;
        for (int i = 0; i < ${b}; i += 2) {
          vec2 d = pair(bwd(e, l * ${b} + i, j), j);
          vec2 a = pair(fwd(t - 1 + l, l * ${b} + i, r), r);
          acc += a.x * d.x + a.y * d.y;
        }
      }
      return acc;
    }
    float biasGrad(int l, int j) {
      float acc = 0.0;
      for (int t = 0; t < ${T}; t++) {
        int e = ${T + L - 2} - t - l;
        for (int i = 0; i < ${b}; i += 2) {
          vec2 d = pair(bwd(e, l * ${b} + i, j), j);
          acc += d.x + d.y;
        }
      }
      return acc;
    }
    // The top layer's h_T ⊙ its mask: the Dense layer's input.
    float lastAt(int i, int q) {
      float h = pick(fwd(${T + L - 2}, ${(L - 1) * b} + i, q), i, q);
      ${masked ? `h *= pick(getC(${topMask} + i, q), i, q);` : ''}
      return h;
    }
    // The output minus the target for row i.
    float diffAt(int i) {
      float s = 0.0;
      for (int q = 0; q < ${u}; q++) s += lastAt(i, q) * pick(getC(${o.D}, q), 0, q);
      return s + getC(${o.D}, 0).z - pick(getC(${o.Y} + i, 0), i, 0);
    }
    void main() {
      int idx = getOutputCoords();
      float v = 0.0;
      ${Array.from({ length: L }, (_, l) => layerBranch(l)).join(' else ')}
      else if (idx < ${o.base[L] + u}) {
        int j = idx - ${o.base[L]};
        for (int i = 0; i < ${b}; i++) v += lastAt(i, j) * lossGrad(diffAt(i));
      } else if (idx == ${o.base[L] + u}) {
        for (int i = 0; i < ${b}; i++) v += lossGrad(diffAt(i));
      } else {
        for (int i = 0; i < ${b}; i++) { float d = diffAt(i); v += ${lossValueGlsl(loss)}; }
        v /= ${b}.0;
      }
      setOutput(v);
    }`,
  };
}

/**
 * Adam on the state St [3, n] with the gradients Gr ([n], or [n + 1] with the loss last, unread):
 * the new state, rows m, v, w. Uniforms: the bias corrections c1, c2.
 */
export function adamProgram(n: number, learningRate: number, epsilon: number): Program {
  const f = (x: number): string => x.toExponential(9);
  return {
    variableNames: ['St', 'Gr'],
    outputShape: [3, n],
    customUniforms: [
      { name: 'c1', type: 'float' },
      { name: 'c2', type: 'float' },
    ],
    userCode: `void main() {
      ivec2 c = getOutputCoords();
      float g = getGr(c.y);
      float m = getSt(0, c.y) * ${f(BETA1)} + g * ${f(1 - BETA1)};
      if (c.x == 0) { setOutput(m); return; }
      float v = getSt(1, c.y) * ${f(BETA2)} + g * g * ${f(1 - BETA2)};
      if (c.x == 1) { setOutput(v); return; }
      setOutput(m / c1 / (sqrt(v / c2) + ${f(epsilon)}) * ${f(-learningRate)} + getSt(2, c.y));
    }`,
  };
}
