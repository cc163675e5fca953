/**
 * The whole-batch GRU's wavefront shaders (batchLstmWave.ts's structure, tfjs's GRU with
 * reset_after = false: ĥ = act(x·W_h + b_h + (r ⊙ h_{t−1})·U_h), h_t = z ⊙ h_{t−1} + (1 − z) ⊙ ĥ, gate
 * columns z, r, h): ONE packed shader per diagonal d = t + l each way. The candidate of unit j needs
 * r of every unit, so each texel recomputes them (forward: r_k for every k, a dot over the input
 * and h_{t−1} per k, before its own ĥ_j; backward: dA_h of every unit for dA_r and the carry), O(u²)
 * arithmetic per texel instead of a second shader per diagonal.
 * Forward: the diagonal [L·b, 4u] holds h_t, r_t ⊙ h_{t−1} (zero at t = 0), z_t and ĥ_t side by side
 * (the last two for the backward, which would otherwise recompute them u times per texel).
 * Backward: the diagonal [L·b, 4u] holds dA_z, dA_r, dA_h and the carry dh_t ⊙ z_t + r_t ⊙ (dA_h·U_hᵀ)
 * (the part of dh_{t−1} not through U_z, U_r); diagonal e reads the forward diagonal
 * d = T + L − 2 − e (h_t, r_t ⊙ h_{t−1}, z_t, ĥ_t) and d − 1 (h_{t−1} and the layer below's h_t).
 */
import type { LossName } from '../../../../core/config';
import { ACTIVATIONS, type ActivationFn } from '../../activations';
import { batchRows, type BatchDims } from './batchLayout';
import { lossGradGlsl, lossHeadGlsl, shifted } from './batchWave';
import { dotInto, type At } from './gatedWaveShared';
import type { Program } from './program';

const SIGMOID = ACTIVATIONS.sigmoid;

/**
 * GLSL functions of the texel rows (cx = l·b + i, step t): `inPart(cx, l, i, t, col)` the bias plus
 * input · W_l at gate column col (layer 0: x from D; above: the layer below's h_t ⊙ mask read by
 * `below` from row cx − b); `hPart(cx, l, col)` h_{t−1} · U_l at col (read by `prev` from row cx);
 * `rAt(cx, l, i, t, q)` the reset gate r_t at units q, q + 1.
 */
function gateParts(dims: BatchDims, below: string | null, prev: string | null): string {
  const { L, T, b, u, k, masked } = dims;
  const o = shifted(dims);
  const M = batchRows(dims).M;
  const input: At = (q) =>
    `get${below}(cx - ${b}, ${q})${masked ? ` * getD(${M} + (l - 1) * ${T * b} + t * ${b} + i, ${q})` : ''}`;
  const hPart = prev
    ? `vec4 hPart(int cx, int l, int col) {
        vec4 z = vec4(0.0);
        int urow = ${o.U} + l * ${u};
        ${dotInto(u, (q) => `get${prev}(cx, ${q})`, [['z', (q) => `getW(urow + ${q}, col)`]])}
        return z;
      }`
    : 'vec4 hPart(int cx, int l, int col) { return vec4(0.0); }';
  return `vec4 inPart(int cx, int l, int i, int t, int col) {
        vec4 z = getW(${o.B} + l, col);
        z = l - (l / 2) * 2 == 0 ? z.xyxy : z.zwzw;
        if (l == 0) {
          ${dotInto(k + (k % 2), (q) => `getD(t * ${b} + i, ${q})`, [['z', (q) => `getW(${o.W0} + ${q}, col)`]])}
        } ${
          L > 1 && below
            ? `else {
          int wrow = ${o.W} + (l - 1) * ${u};
          ${dotInto(u, input, [['z', (q) => `getW(wrow + ${q}, col)`]])}
        }`
            : ''
        }
        return z;
      }
      ${hPart}
      vec4 rAt(int cx, int l, int i, int t, int q) {
        vec4 zr = inPart(cx, l, i, t, q + ${u});
        if (t > 0) zr += hPart(cx, l, q + ${u});
        return ${SIGMOID.glsl.f('zr', 'vec4')};
      }`;
}

/** The common head: l, i, t of the texel (t from `tOf`), zero outside the grid. */
function head(b: number, T: number, tOf: string): string {
  return `ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = ${tOf};
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }`;
}

/** The forward shader of diagonal `diag` (uniform); `first` (d = 0) reads no previous diagonal. */
export function gruBatchForward(dims: BatchDims, first: boolean, act: ActivationFn): Program {
  const { L, T, b, u } = dims;
  const o = shifted(dims);
  const candidate = first
    ? ''
    : `if (t > 0) {
          int urow = ${o.U} + l * ${u};
          for (int q = 0; q < ${u / 2}; q++) {
            int q2 = q * 2;
            vec4 a = rAt(c.x, l, i, t, q2) * getS(c.x, q2);
            vec4 w = getW(urow + q2, j + ${2 * u});
            zh += a.xxzz * w.xyxy + a.yyww * w.zwzw;
          }
        }`;
  return {
    variableNames: first ? ['W', 'D'] : ['S', 'W', 'D'],
    outputShape: [L * b, 4 * u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      ${gateParts(dims, first ? null : 'S', first ? null : 'S')}
      void main() {
        ${head(b, T, 'diag - l')}
        int block = c.y / ${u};
        int j = c.y - block * ${u};
        if (block == 1) {
          ${first ? 'setOutput(vec4(0.0));' : 'setOutput(t > 0 ? rAt(c.x, l, i, t, j) * getS(c.x, j) : vec4(0.0));'}
          return;
        }
        vec4 zz = inPart(c.x, l, i, t, j);
        ${first ? '' : 'if (t > 0) zz += hPart(c.x, l, j);'}
        vec4 z = ${SIGMOID.glsl.f('zz', 'vec4')};
        if (block == 2) { setOutput(z); return; }
        vec4 zh = inPart(c.x, l, i, t, j + ${2 * u});
        ${candidate}
        vec4 hh = ${act.glsl.f('zh', 'vec4')};
        if (block == 3) { setOutput(hh); return; }
        setOutput(${first ? '(1.0 - z) * hh' : 'z * (t > 0 ? getS(c.x, j) : vec4(0.0)) + (1.0 - z) * hh'});
      }`,
  };
}

/**
 * GLSL `vec4 dhAt(cx, l, i, t, m)`: dLoss/dh_t at units m, m + 1. `first` (e = 0, only the top
 * layer's last step): from the Dense head and the loss; else the layer above's dA · W_{l+1}ᵀ ⊙ mask
 * plus step t + 1's dA_z, dA_r · U_{z,r}ᵀ and its carry, all from the previous diagonal G.
 */
function dhGlsl(dims: BatchDims, first: boolean): string {
  const { L, T, b, u, masked } = dims;
  const o = shifted(dims);
  const rows = batchRows(dims);
  const dot = (n: number, a: At, w: At): string => `for (int q = 0; q < ${n / 2}; q++) {
          int q2 = q * 2;
          vec4 a = ${a('q2')}; vec4 w = ${w('q2')};
          dH += a.xxzz * w.xzxz + a.yyww * w.ywyw;
        }`;
  if (first) {
    return `vec4 dhAt(int cx, int l, int i, int t, int m) {
        vec4 dH;
        ${lossHeadGlsl(dims, 'dH', 'm', 'cx')}
        return dH;
      }`;
  }
  const above =
    L > 1
      ? `if (l < ${L - 1}) {
          int wrow = ${o.W} + l * ${u} + m;
          ${dot(
            3 * u,
            (q) => `getG(cx + ${b}, ${q})`,
            (q) => `getW(wrow, ${q})`,
          )}
          ${masked ? `dH *= getD(${rows.M} + l * ${T * b} + t * ${b} + i, m);` : ''}
        }`
      : '';
  return `vec4 dhAt(int cx, int l, int i, int t, int m) {
        vec4 dH = vec4(0.0);
        ${above}
        if (t < ${T - 1}) {
          int urow = ${o.U} + l * ${u} + m;
          ${dot(
            2 * u,
            (q) => `getG(cx, ${q})`,
            (q) => `getW(urow, ${q})`,
          )}
          dH += getG(cx, m + ${3 * u});
        }
        return dH;
      }`;
}

/**
 * The backward shader of diagonal `diag` (uniform) from the previous one G, the forward diagonal H
 * of the same (l, t) and Hp the one before it. Blocks: dA_z = dh ⊙ (h_{t−1} − ĥ) ⊙ σ′,
 * dA_r = (dA_h · U_hᵀ) ⊙ h_{t−1} ⊙ σ′, dA_h = dh ⊙ (1 − z) ⊙ act′, the carry (see the file comment).
 */
export function gruBatchBackward(
  dims: BatchDims,
  first: boolean,
  act: ActivationFn,
  loss: LossName,
): Program {
  const { L, T, b, u } = dims;
  const o = shifted(dims);
  return {
    variableNames: first ? ['H', 'Hp', 'W', 'D'] : ['G', 'H', 'Hp', 'W', 'D'],
    outputShape: [L * b, 4 * u],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      ${first ? lossGradGlsl(loss, b) : ''}
      ${gateParts(dims, 'Hp', 'Hp')}
      ${dhGlsl(dims, first)}
      // z_t and ĥ_t at units m, m + 1, as the forward diagonal H keeps them.
      void zAndCandidate(int cx, int m, out vec4 z, out vec4 hh) {
        z = getH(cx, m + ${2 * u});
        hh = getH(cx, m + ${3 * u});
      }
      vec4 dAhAt(int cx, int l, int i, int t, int m) {
        vec4 z, hh;
        zAndCandidate(cx, m, z, hh);
        vec4 dH = dhAt(cx, l, i, t, m);
        return ${act.glsl.grad('(dH * (1.0 - z))', 'hh', 'vec4')};
      }
      void main() {
        ${head(b, T, `${T - 1 + L - 1} - diag - l`)}
        int block = c.y / ${u};
        int j = c.y - block * ${u};
        if (block == 2) { setOutput(dAhAt(c.x, l, i, t, j)); return; }
        vec4 z, hh;
        zAndCandidate(c.x, j, z, hh);
        vec4 dH = dhAt(c.x, l, i, t, j);
        vec4 hp = t > 0 ? getHp(c.x, j) : vec4(0.0);
        if (block == 0) {
          setOutput(${SIGMOID.glsl.grad('(dH * (hp - hh))', 'z', 'vec4')});
          return;
        }
        if (t == 0) { setOutput(block == 1 ? vec4(0.0) : dH * z); return; }
        // Σ_m dA_h[m] · U_h[j, m], every dA_h recomputed.
        vec4 s = vec4(0.0);
        int urow = ${o.U} + l * ${u} + j;
        for (int q = 0; q < ${u / 2}; q++) {
          int q2 = q * 2;
          vec4 a = dAhAt(c.x, l, i, t, q2); vec4 w = getW(urow, q2 + ${2 * u});
          s += a.xxzz * w.xzxz + a.yyww * w.ywyw;
        }
        vec4 r = rAt(c.x, l, i, t, j);
        setOutput(block == 1 ? ${SIGMOID.glsl.grad('(s * hp)', 'r', 'vec4')} : dH * z + r * s);
      }`,
  };
}
