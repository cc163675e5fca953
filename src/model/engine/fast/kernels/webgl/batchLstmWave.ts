/**
 * The whole-batch LSTM's wavefront shaders (batch.ts's structure, gatedWaveLstm.ts's gate math): one
 * packed shader per diagonal d = t + l each way, reading the weights straight from the parameter
 * state W [3·Rw, 4u] (batchGatedLayout.ts; gate columns i, f, c, o) and layer 0's input, the targets
 * and the masks from the batch texture D (batchLayout.ts's batchRows, as SimpleRNN's).
 * Forward: the diagonal [L·b, 2u] holds h_t and c_t of every layer side by side (zero out of range).
 * Backward: the diagonal [L·b, 5u] holds dZ (all four gates, 4u) and dc_t ⊙ f_t (u); diagonal e reads
 * the forward diagonal d = T + L − 2 − e (h_t, c_t) and d − 1 (h_{t−1}, c_{t−1} and the layer
 * below's h_t) to recompute the gates; the first (e = 0) starts from the loss.
 */
import type { LossName } from '../../../../core/config';
import { ACTIVATIONS, type ActivationFn } from '../../activations';
import { batchRows, type BatchDims } from './batchLayout';
import { lossGradGlsl, lossHeadGlsl, shifted } from './batchWave';
import { dotInto, dotTransposed, type At } from './gatedWaveShared';
import type { Program } from './program';

const SIGMOID = ACTIVATIONS.sigmoid;
const GATES = ['zi', 'zf', 'zc', 'zo'];

/**
 * GLSL: the pre-activations zi, zf, zc, zo at unit column j of layer l (row i of the batch), step t:
 * bias + input · W_l (layer 0: x from D; above: `input`, the layer below's h ⊙ mask) + h_{t−1} · U_l
 * (`prev`, when given and t > 0); then the gates ig, fg, og and the candidate gg.
 */
function gates(dims: BatchDims, act: ActivationFn, input: At | null, prev: At | null): string {
  const { L, b, u, k } = dims;
  const o = shifted(dims);
  const at = (g: number): string => (g ? `j + ${g * u}` : 'j');
  const bias = GATES.map(
    (z, g) => `vec4 ${z} = getW(${o.B} + l, ${at(g)}); ${z} = even ? ${z}.xyxy : ${z}.zwzw;`,
  );
  const weights = (row: string): [string, At][] =>
    GATES.map((z, g): [string, At] => [z, (q) => `getW(${row} + ${q}, ${at(g)})`]);
  return `bool even = l - (l / 2) * 2 == 0;
        ${bias.join('\n        ')}
        if (l == 0) {
          ${dotInto(k + (k % 2), (q) => `getD(t * ${b} + i, ${q})`, weights(`${o.W0}`))}
        } ${
          L > 1 && input
            ? `else {
          int wrow = ${o.W} + (l - 1) * ${u};
          ${dotInto(u, input, weights('wrow'))}
        }`
            : ''
        }
        ${
          prev
            ? `if (t > 0) {
          int urow = ${o.U} + l * ${u};
          ${dotInto(u, prev, weights('urow'))}
        }`
            : ''
        }
        vec4 ig = ${SIGMOID.glsl.f('zi', 'vec4')};
        vec4 fg = ${SIGMOID.glsl.f('zf', 'vec4')};
        vec4 og = ${SIGMOID.glsl.f('zo', 'vec4')};
        vec4 gg = ${act.glsl.f('zc', 'vec4')};`;
}

/** The forward shader of diagonal `diag` (uniform); `first` (d = 0) reads no previous diagonal. */
export function lstmBatchForward(dims: BatchDims, first: boolean, act: ActivationFn): Program {
  const { L, T, b, u, masked } = dims;
  const M = batchRows(dims).M;
  const input: At = masked
    ? (q) => `getS(c.x - ${b}, ${q}) * getD(${M} + (l - 1) * ${T * b} + t * ${b} + i, ${q})`
    : (q) => `getS(c.x - ${b}, ${q})`;
  return {
    variableNames: first ? ['W', 'D'] : ['S', 'W', 'D'],
    outputShape: [L * b, 2 * u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        int j = c.y < ${u} ? c.y : c.y - ${u};
        ${gates(dims, act, first ? null : input, first ? null : (q) => `getS(c.x, ${q})`)}
        // c_{t−1}: zero at t = 0 (the previous diagonal holds zeros there).
        vec4 cn = ig * gg${first ? '' : ` + fg * getS(c.x, j + ${u})`};
        setOutput(c.y < ${u} ? og * ${act.glsl.f('cn', 'vec4')} : cn);
      }`,
  };
}

/**
 * The backward shader of diagonal `diag` (uniform) from the previous one G, the forward diagonal H
 * of the same (l, t) and Hp the one before it: dH = dZ of the layer above · Wᵀ ⊙ mask + dZ_{t+1} · Uᵀ,
 * dc = dH ⊙ o ⊙ act′(c) + dc_{t+1} ⊙ f_{t+1}, dZ per gate. `first` (e = 0, only the top layer's last
 * step): dH = dLoss/dh_T from the Dense head and `loss`.
 */
export function lstmBatchBackward(
  dims: BatchDims,
  first: boolean,
  act: ActivationFn,
  loss: LossName,
): Program {
  const { L, T, b, u, masked } = dims;
  const o = shifted(dims);
  const rows = batchRows(dims);
  const input: At = masked
    ? (q) => `getHp(c.x - ${b}, ${q}) * getD(${rows.M} + (l - 1) * ${T * b} + t * ${b} + i, ${q})`
    : (q) => `getHp(c.x - ${b}, ${q})`;
  const head = lossHeadGlsl(dims, 'dH', 'j');
  const above =
    L > 1
      ? `if (l < ${L - 1}) {
          int wrow = ${o.W} + l * ${u};
          ${dotTransposed(
            4 * u,
            'dH',
            (q) => `getG(c.x + ${b}, ${q})`,
            (q) => `getW(wrow + j, ${q})`,
          )}
          ${masked ? `dH *= getD(${rows.M} + l * ${T * b} + t * ${b} + i, j);` : ''}
        }`
      : '';
  const body = first
    ? head
    : `${above}
        if (t < ${T - 1}) {
          int urow = ${o.U} + l * ${u};
          ${dotTransposed(
            4 * u,
            'dH',
            (q) => `getG(c.x, ${q})`,
            (q) => `getW(urow + j, ${q})`,
          )}
        }`;
  return {
    variableNames: first ? ['H', 'Hp', 'W', 'D'] : ['G', 'H', 'Hp', 'W', 'D'],
    outputShape: [L * b, 5 * u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      ${first ? lossGradGlsl(loss, b) : ''}
      void main() {
        ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = ${T - 1 + L - 1} - diag - l;
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        int block = c.y / ${u};
        int j = c.y - block * ${u};
        ${gates(dims, act, input, (q) => `getHp(c.x, ${q})`)}
        vec4 cPrev = t > 0 ? getHp(c.x, j + ${u}) : vec4(0.0);
        vec4 ac = ${act.glsl.f(`getH(c.x, j + ${u})`, 'vec4')};
        vec4 dH = vec4(0.0);
        ${body}
        // dc_t: through h_t, plus dc_{t+1} ⊙ f_{t+1} from the previous diagonal (zero at T − 1).
        vec4 dc = ${act.glsl.grad('(dH * og)', 'ac', 'vec4')}${first ? '' : ` + getG(c.x, j + ${4 * u})`};
        vec4 v;
        if (block == 0) v = ${SIGMOID.glsl.grad('(dc * gg)', 'ig', 'vec4')};
        else if (block == 1) v = ${SIGMOID.glsl.grad('(dc * cPrev)', 'fg', 'vec4')};
        else if (block == 2) v = ${act.glsl.grad('(dc * ig)', 'gg', 'vec4')};
        else if (block == 3) v = ${SIGMOID.glsl.grad('(dH * ac)', 'og', 'vec4')};
        else v = dc * fg;
        setOutput(v);
      }`,
  };
}
