/**
 * The whole-batch path's wavefront shaders (as wave.ts: one packed shader per diagonal d = t + l of
 * the layer × time grid, the diagonal's state [L·b, u], rows l·b … l·b + b − 1 layer l), reading
 * the weights straight from the parameter state W (batchLayout.ts), and layer 0's input, the
 * targets and the dropout masks from the batch texture D as uploaded. The backward shader of
 * diagonal e reads the forward diagonal T + L − 2 − e (every (l, t) on it is on that one), and the
 * first one (e = 0) starts from the loss: the Dense output, the loss gradient and dLoss/dh_T.
 */
import type { LossName } from '../../../../core/config';
import type { ActivationFn } from '../../activations';
import { batchLayout, batchRows, packedDot, type BatchDims } from './batchLayout';
import type { Program } from './program';

/** GLSL `float lossGrad(float diff)`: dLoss/dy of one row, as stack.ts's lossAndGrad. */
export function lossGradGlsl(loss: LossName, b: number): string {
  const inv = (1 / b).toExponential(9);
  if (loss === 'mse') return `float lossGrad(float d) { return d * ${(2 / b).toExponential(9)}; }`;
  // tf.step(diff, −1): 1 above 0, −1 at or below, NaN stays NaN.
  if (loss === 'mae') {
    return `float lossGrad(float d) { if (isnan(d)) return d; return (d > 0.0 ? 1.0 : -1.0) * ${inv}; }`;
  }
  return `float lossGrad(float d) { return clamp(d, -1.0, 1.0) * ${inv}; }`;
}

/** The weight block's sections as rows of the state [3·Rw, u]: the weights are its third block. */
export function shifted({ L, u, k }: BatchDims): ReturnType<typeof batchLayout> {
  const o = batchLayout(L, u, k);
  const at = 2 * o.Rw;
  return { W0: o.W0 + at, W: o.W + at, U: o.U + at, B: o.B + at, D: o.D + at, Rw: o.Rw };
}

/** The forward shader of diagonal `diag` (uniform); `first` (d = 0) reads no previous diagonal. */
export function batchForward(dims: BatchDims, first: boolean, activation: ActivationFn): Program {
  const { L, T, b, u, k, masked } = dims;
  const o = shifted(dims);
  const input = masked
    ? (q: string) => `getS(c.x - ${b}, ${q}) * getD(mrow, ${q})`
    : (q: string) => `getS(c.x - ${b}, ${q})`;
  const below =
    L > 1 && !first
      ? `else {
          int mrow = ${batchRows(dims).M} + (l - 1) * ${T * b} + t * ${b} + i;
          int wrow = ${o.W} + (l - 1) * ${u};
          ${packedDot(u, input, (q) => `getW(wrow + ${q}, c.y)`, false)}
        }`
      : '';
  const recurrent = first
    ? ''
    : `if (t > 0) {
          int urow = ${o.U} + l * ${u};
          ${packedDot(
            u,
            (q) => `getS(c.x, ${q})`,
            (q) => `getW(urow + ${q}, c.y)`,
            false,
          )}
        }`;
  return {
    variableNames: first ? ['W', 'D'] : ['S', 'W', 'D'],
    outputShape: [L * b, u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${activation.glsl.helpers('vec4')}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        vec4 bb = getW(${o.B} + l, c.y);
        vec4 acc = (l - (l / 2) * 2 == 0) ? bb.xyxy : bb.zwzw;
        if (l == 0) {
          ${packedDot(
            k + (k % 2),
            (q) => `getD(t * ${b} + i, ${q})`,
            (q) => `getW(${o.W0} + ${q}, c.y)`,
            false,
          )}
        } ${below}
        ${recurrent}
        setOutput(${activation.glsl.f('acc', 'vec4')});
      }`,
  };
}

/**
 * The backward shader of diagonal `diag` (uniform) from the previous one G and the forward diagonal
 * H of the same (l, t): dA = (dOut + dA_{t+1}·Uᵀ) ⊙ act′(h), dOut = dA of the layer above · Wᵀ ⊙ mask.
 * `first` (e = 0, only the top layer's last step): dOut = dLoss/dh_T from the Dense head and `loss`.
 */
export function batchBackward(
  dims: BatchDims,
  first: boolean,
  activation: ActivationFn,
  loss: LossName,
): Program {
  const { L, T, b, u, masked } = dims;
  const o = shifted(dims);
  const rows = batchRows(dims);
  const head = lossHeadGlsl(dims, 'acc', 'c.y');
  const above =
    L > 1
      ? `if (l < ${L - 1}) {
          int wrow = ${o.W} + l * ${u};
          ${packedDot(
            u,
            (q) => `getG(c.x + ${b}, ${q})`,
            (q) => `getW(wrow + c.y, ${q})`,
            true,
          )}
          ${masked ? `acc *= getD(${rows.M} + l * ${T * b} + t * ${b} + i, c.y);` : ''}
        }`
      : '';
  const body = first
    ? head
    : `${above}
        if (t < ${T - 1}) {
          int urow = ${o.U} + l * ${u};
          ${packedDot(
            u,
            (q) => `getG(c.x, ${q})`,
            (q) => `getW(urow + c.y, ${q})`,
            true,
          )}
        }`;
  return {
    variableNames: first ? ['H', 'W', 'D'] : ['G', 'H', 'W', ...(masked && L > 1 ? ['D'] : [])],
    outputShape: [L * b, u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${first ? lossGradGlsl(loss, b) : ''}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = ${T - 1 + L - 1} - diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        vec4 acc = vec4(0.0);
        ${body}
        vec4 y = getH(c.x, c.y);
        setOutput(${activation.glsl.grad('acc', 'y', 'vec4')});
      }`,
  };
}

/**
 * GLSL of the first backward shader's start, shared by the cells: the Dense output of the packed
 * row pair i (h_T of the top layer ⊙ its mask, · the Dense kernel, + bias), the loss gradient
 * against y, and dLoss/dh_T at column `col` (⊙ the mask) into `target`; the row pair is `row` of
 * H. Needs `c` (unless `row` says otherwise), `i` and `lossGrad` in scope, and the state as W, H the top layer's diagonal, D the batch texture.
 */
export function lossHeadGlsl(dims: BatchDims, target: string, col: string, row = 'c.x'): string {
  const { L, T, b, u, masked } = dims;
  const o = shifted(dims);
  const rows = batchRows(dims);
  const topMask = rows.M + (L - 1) * T * b;
  return `
        float s0 = 0.0;
        float s1 = 0.0;
        for (int q = 0; q < ${u}; q += 2) {
          vec4 h = getH(${row}, q);
          ${masked ? `h *= getD(${topMask} + i, q);` : ''}
          vec4 wd = getW(${o.D}, q);
          s0 += h.x * wd.x + h.y * wd.y;
          s1 += h.z * wd.x + h.w * wd.y;
        }
        float bd = getW(${o.D}, 0).z;
        vec4 yt = getD(${rows.Y} + i, 0);
        float g0 = lossGrad(s0 + bd - yt.x);
        float g1 = lossGrad(s1 + bd - yt.z);
        vec4 wj = getW(${o.D}, ${col});
        ${target} = vec4(g0 * wj.x, g0 * wj.y, g1 * wj.x, g1 * wj.y);
        ${masked ? `${target} *= getD(${topMask} + i, ${col});` : ''}`;
}
