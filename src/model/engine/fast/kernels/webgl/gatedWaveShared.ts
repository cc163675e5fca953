/**
 * The gated cells' wavefront on webgl (LSTM: gatedWaveLstm.ts, GRU: gatedWaveGru.ts): as SimpleRNN's
 * (wave.ts), all layers advance together along the diagonals d = t + l of the (layer, time) grid, the
 * layer inputs projected inside the shaders, so the shader count per batch does not grow with the
 * layers. This file holds what both share (the pair is gatedWave.ts): the GLSL of the packed products (2 × 2 texels, as wave.ts)
 * and the gather of one layer's rows out of the diagonals. Packed shaders only: b and u even.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { gather, MAX_INPUTS, run } from './program';

/** The grid: L layers, T steps, batch b, u units. */
export interface Dims {
  L: number;
  T: number;
  b: number;
  u: number;
}

/** A GLSL expression of the texel at (row-block, column q), q a GLSL int expression. */
export type At = (q: string) => string;

/**
 * Σ over n columns (n even) of A(row, ·) · B(·, col) into several accumulators at once, A read once
 * per texel: `targets` pairs each accumulator (a vec4 variable) with its B texel at row q.
 */
export function dotInto(n: number, aAt: At, targets: [string, At][]): string {
  const adds = targets
    .map(([acc, bAt]) => `{ vec4 w = ${bAt('q2')}; ${acc} += a.xxzz * w.xyxy + a.yyww * w.zwzw; }`)
    .join('\n          ');
  return `for (int q = 0; q < ${n / 2}; q++) {
          int q2 = q * 2;
          vec4 a = ${aAt('q2')};
          ${adds}
        }`;
}

/** Σ over n columns (n even) of A(row, ·) · B(col, ·)ᵀ into `acc`: the products with Uᵀ and Wᵀ. */
export function dotTransposed(n: number, acc: string, aAt: At, bAt: At): string {
  return `for (int q = 0; q < ${n / 2}; q++) {
          int q2 = q * 2;
          vec4 a = ${aAt('q2')}; vec4 w = ${bAt('q2')};
          ${acc} += a.xxzz * w.xzxz + a.yyww * w.ywyw;
        }`;
}

/** GLSL: layer l's bias at column col from the packed [L, g·u] stack B, spread over both rows. */
export const BIAS_AT = `vec4 biasAt(int l, int col) {
        vec4 v = getB(l, col);
        return (l - (l / 2) * 2 == 0) ? v.xyxy : v.zwzw;
      }`;

/**
 * Rows [row, row + rows) and columns [0, cols) of each block, stacked in order: [n·rows, cols], one
 * shader per ≤ 15 blocks (then one more to stack the groups). Packed blocks, rows and cols even.
 */
export function gatherBlock(
  blocks: tf.Tensor2D[],
  row: number,
  rows: number,
  cols: number,
): tf.Tensor2D {
  const groups: tf.Tensor2D[] = [];
  for (let g = 0; g < blocks.length; g += MAX_INPUTS) {
    const part = blocks.slice(g, g + MAX_INPUTS);
    const branches = part.map(
      (_, i) =>
        `${i ? 'else ' : ''}if (c.x < ${(i + 1) * rows}) v = getX${i}(c.x - ${i * rows - row}, c.y);`,
    );
    groups.push(
      run(
        {
          variableNames: part.map((_, i) => `X${i}`),
          outputShape: [part.length * rows, cols],
          packedInputs: true,
          packedOutput: true,
          userCode: `void main() { ivec2 c = getOutputCoords(); vec4 v = vec4(0.0); ${branches.join(' ')} setOutput(v); }`,
        },
        part,
      ),
    );
  }
  return gather(groups, true);
}
