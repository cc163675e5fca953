/**
 * The GRU wavefront's four packed shaders (gatedWaveGru.ts runs them): forward (A) r ⊙ h_{t−1} and
 * (B) [h_t | r ⊙ h_{t−1}]; backward (1) [dA_z | dA_h | dh_t] and (2) [dA_z | dA_r | dA_h | dh_t].
 * Every texel recomputes the gates it needs from the forward's h and r ⊙ h_{t−1}.
 */
import { ACTIVATIONS, type ActivationFn } from '../../activations';
import { BIAS_AT, dotInto, dotTransposed, type At, type Dims } from './gatedWaveShared';
import type { Program } from './program';

const SIGMOID = ACTIVATIONS.sigmoid;

/** Names of the shaders' inputs: the first ones, then W and B above one layer, M with dropout. */
function inputNames(first: string[], L: number, masked: boolean): string[] {
  return [...first, ...(L > 1 ? ['W', 'B'] : []), ...(L > 1 && masked ? ['M'] : [])];
}

/**
 * GLSL: the input side of gate columns `cols` (offsets from j) for layer l at row `prow` of step
 * t: layer 0 the projection P, above the bias plus input · W_l (`input` the input's texel), into
 * the named accumulators.
 */
function inputSide({ L, u }: Dims, accs: [string, number][], input: At): string {
  const at = (g: number): string => (g ? `j + ${g * u}` : 'j');
  return `if (l == 0) {
          ${accs.map(([z, g]) => `${z} = getP(prow, ${at(g)});`).join(' ')}
        } ${
          L > 1
            ? `else {
          ${accs.map(([z, g]) => `${z} = biasAt(l, ${at(g)});`).join(' ')}
          int wrow = (l - 1) * ${u};
          ${dotInto(
            u,
            input,
            accs.map(([z, g]): [string, At] => [z, (q) => `getW(wrow + ${q}, ${at(g)})`]),
          )}
        }`
            : ''
        }`;
}

/** GLSL: acc += (texel `a`) · U_l columns of gate g (offset from j), U_l's rows being h's units. */
function recurrentSide({ u }: Dims, accs: [string, number][], a: At): string {
  const at = (g: number): string => (g ? `j + ${g * u}` : 'j');
  return dotInto(
    u,
    a,
    accs.map(([z, g]): [string, At] => [z, (q) => `getU(l * ${u} + ${q}, ${at(g)})`]),
  );
}

/** The common head: l, i, t of the texel (t from `tOf`), zero outside the grid, prow. */
function head({ T, b }: Dims, tOf: string): string {
  return `ivec2 c = getOutputCoords();
        int l = c.x / ${b};
        int i = c.x - l * ${b};
        int t = ${tOf};
        if (t < 0 || t >= ${T}) { setOutput(vec4(0.0)); return; }
        int prow = t * ${b} + i;
        int mrow = (l - 1) * ${T * b} + prow;`;
}

function program(
  dims: Dims,
  names: string[],
  cols: number,
  act: ActivationFn,
  body: string,
): Program {
  return {
    variableNames: names,
    outputShape: [dims.L * dims.b, cols],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'diag', type: 'int' }],
    userCode: `${act.glsl.helpers('vec4')}
      ${dims.L > 1 ? BIAS_AT : ''}
      void main() {
        ${body}
      }`,
  };
}

/** Forward (A): r_t ⊙ h_{t−1} from the previous diagonal S [L·b, 2u] (h in its first u columns). */
export function resetProgram(dims: Dims, masked: boolean, act: ActivationFn): Program {
  const input: At = (q) => `getS(c.x - ${dims.b}, ${q})${masked ? ` * getM(mrow, ${q})` : ''}`;
  return program(
    dims,
    inputNames(['S', 'P', 'U'], dims.L, masked),
    dims.u,
    act,
    `
        ${head(dims, 'diag - l')}
        int j = c.y;
        vec4 zr;
        ${inputSide(dims, [['zr', 1]], input)}
        if (t > 0) { ${recurrentSide(dims, [['zr', 1]], (q) => `getS(c.x, ${q})`)} }
        setOutput(${SIGMOID.glsl.f('zr', 'vec4')} * getS(c.x, j));`,
  );
}

/** Forward (B): [h_t | r_t ⊙ h_{t−1}] from S and R, (A)'s output on this diagonal. */
export function stateProgram(dims: Dims, masked: boolean, act: ActivationFn): Program {
  const { b, u } = dims;
  const input: At = (q) => `getS(c.x - ${b}, ${q})${masked ? ` * getM(mrow, ${q})` : ''}`;
  return program(
    dims,
    inputNames(['S', 'R', 'P', 'U'], dims.L, masked),
    2 * u,
    act,
    `
        ${head(dims, 'diag - l')}
        if (c.y >= ${u}) { setOutput(getR(c.x, c.y - ${u})); return; }
        int j = c.y;
        vec4 zz, zh;
        ${inputSide(
          dims,
          [
            ['zz', 0],
            ['zh', 2],
          ],
          input,
        )}
        if (t > 0) {
          ${recurrentSide(dims, [['zz', 0]], (q) => `getS(c.x, ${q})`)}
          ${recurrentSide(dims, [['zh', 2]], (q) => `getR(c.x, ${q})`)}
        }
        vec4 z = ${SIGMOID.glsl.f('zz', 'vec4')};
        vec4 hh = ${act.glsl.f('zh', 'vec4')};
        setOutput(z * getS(c.x, j) + (1.0 - z) * hh);`,
  );
}

/** Backward: layer l's pair row (h | r ⊙ h_{t−1}) of step t in H [L·T·b, 2u], and its input's. */
const ROWS = (dims: Dims): string => `int hrow = l * ${dims.T * dims.b} + prow;
        int xrow = hrow - ${dims.T * dims.b};`;

function layerInput(masked: boolean, row: string): At {
  return (q) => `getH(${row}, ${q})${masked ? ` * getM(${row}, ${q})` : ''}`;
}

/** Backward (1): [dA_z | dA_h | dh_t] from G, the previous diagonal [L·b, 4u]. */
export function deltaProgram(dims: Dims, masked: boolean, act: ActivationFn): Program {
  const { L, T, b, u } = dims;
  const names = inputNames(['G', 'H', 'P', 'U', 'D'], L, masked);
  return program(
    dims,
    names,
    3 * u,
    act,
    `
        ${head(dims, `${T - 1 + L - 1} - diag - l`)}
        int block = c.y / ${u};
        int j = c.y - block * ${u};
        ${ROWS(dims)}
        vec4 dH = vec4(0.0);
        if (l == ${L - 1}) {
          if (t == ${T - 1}) dH = getD(i, j);
        } ${
          L > 1
            ? `else {
          ${dotTransposed(
            3 * u,
            'dH',
            (q) => `getG(c.x + ${b}, ${q})`,
            (q) => `getW(l * ${u} + j, ${q})`,
          )}
          ${masked ? 'dH *= getM(hrow, j);' : ''}
        }`
            : ''
        }
        if (t < ${T - 1}) {
          // Step t + 1's gates z, r at unit j, from its input and h_t.
          vec4 nz, nr;
          {
            int prow = (t + 1) * ${b} + i;
            ${inputSide(
              dims,
              [
                ['nz', 0],
                ['nr', 1],
              ],
              layerInput(masked, `xrow + ${b}`),
            )}
          }
          ${recurrentSide(
            dims,
            [
              ['nz', 0],
              ['nr', 1],
            ],
            (q) => `getH(hrow, ${q})`,
          )}
          nz = ${SIGMOID.glsl.f('nz', 'vec4')};
          nr = ${SIGMOID.glsl.f('nr', 'vec4')};
          vec4 viaGates = vec4(0.0);
          ${dotTransposed(
            2 * u,
            'viaGates',
            (q) => `getG(c.x, ${q})`,
            (q) => `getU(l * ${u} + j, ${q})`,
          )}
          vec4 viaCand = vec4(0.0);
          ${dotTransposed(
            u,
            'viaCand',
            (q) => `getG(c.x, ${q} + ${2 * u})`,
            (q) => `getU(l * ${u} + j, ${q} + ${2 * u})`,
          )}
          dH += viaGates + viaCand * nr + getG(c.x, j + ${3 * u}) * nz;
        }
        if (block == 2) { setOutput(dH); return; }
        vec4 zz, zh;
        ${inputSide(
          dims,
          [
            ['zz', 0],
            ['zh', 2],
          ],
          layerInput(masked, 'xrow'),
        )}
        vec4 hp = vec4(0.0);
        if (t > 0) {
          ${recurrentSide(dims, [['zz', 0]], (q) => `getH(hrow - ${b}, ${q})`)}
          ${recurrentSide(dims, [['zh', 2]], (q) => `getH(hrow, ${q} + ${u})`)}
          hp = getH(hrow - ${b}, j);
        }
        vec4 z = ${SIGMOID.glsl.f('zz', 'vec4')};
        vec4 hh = ${act.glsl.f('zh', 'vec4')};
        setOutput(block == 0
          ? ${SIGMOID.glsl.grad('(dH * (hp - hh))', 'z', 'vec4')}
          : ${act.glsl.grad('(dH * (1.0 - z))', 'hh', 'vec4')});`,
  );
}

/** Backward (2): [dA_z | dA_r | dA_h | dh_t] from Q, (1)'s output on this diagonal. */
export function resetGradProgram(dims: Dims, masked: boolean, act: ActivationFn): Program {
  const { L, T, b, u } = dims;
  const names = inputNames(['Q', 'H', 'P', 'U'], L, masked);
  return program(
    dims,
    names,
    4 * u,
    act,
    `
        ${head(dims, `${T - 1 + L - 1} - diag - l`)}
        int block = c.y / ${u};
        int j = c.y - block * ${u};
        if (block != 1) { setOutput(getQ(c.x, block == 0 ? j : j + ${u} * (block - 1))); return; }
        if (t == 0) { setOutput(vec4(0.0)); return; }
        ${ROWS(dims)}
        vec4 zr;
        ${inputSide(dims, [['zr', 1]], layerInput(masked, 'xrow'))}
        ${recurrentSide(dims, [['zr', 1]], (q) => `getH(hrow - ${b}, ${q})`)}
        vec4 r = ${SIGMOID.glsl.f('zr', 'vec4')};
        vec4 dRh = vec4(0.0);
        ${dotTransposed(
          u,
          'dRh',
          (q) => `getQ(c.x, ${q} + ${u})`,
          (q) => `getU(l * ${u} + j, ${q} + ${2 * u})`,
        )}
        setOutput(${SIGMOID.glsl.grad('(dRh * getH(hrow - ' + b + ', j))', 'r', 'vec4')});`,
  );
}
