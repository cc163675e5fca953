/** The diverging colour scale of the inside view's heatmaps: blue below zero, white at zero, red above. */

const NEG = [33, 102, 172] as const; // #2166ac
const MID = [247, 247, 247] as const; // #f7f7f7
const POS = [178, 24, 43] as const; // #b2182b

/** CSS gradient of the scale from −1 to 1, for legends. */
export const SCALE_GRADIENT = 'linear-gradient(to right, #2166ac, #f7f7f7, #b2182b)';

/** RGB of `v` on a symmetric scale [−limit, limit] (clamped; NaN is drawn mid grey). */
export function divergingRgb(v: number, limit: number): [number, number, number] {
  if (!Number.isFinite(v) || !(limit > 0)) return [160, 160, 160];
  const u = Math.max(-1, Math.min(1, v / limit));
  const end = u < 0 ? NEG : POS;
  const a = Math.abs(u);
  return [0, 1, 2].map((i) => Math.round(MID[i] + (end[i] - MID[i]) * a)) as [
    number,
    number,
    number,
  ];
}

/** Largest |v| (at least a tiny positive number, so a scale never divides by zero). */
export function absMax(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m && Number.isFinite(a)) m = a;
  }
  return m > 0 ? m : 1e-12;
}

/**
 * Draws a rows × cols matrix (`at(r, c)`) into `canvas` at one pixel a cell (CSS scales it up,
 * pixelated), on the symmetric scale [−limit, limit].
 */
export function paintMatrix(
  canvas: HTMLCanvasElement,
  rows: number,
  cols: number,
  at: (r: number, c: number) => number,
  limit: number,
): void {
  canvas.width = Math.max(1, cols);
  canvas.height = Math.max(1, rows);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(canvas.width, canvas.height);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [R, G, B] = divergingRgb(at(r, c), limit);
      const p = (r * cols + c) * 4;
      img.data[p] = R;
      img.data[p + 1] = G;
      img.data[p + 2] = B;
      img.data[p + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}
