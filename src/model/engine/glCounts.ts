/**
 * Counts a WebGL context's commands by wrapping its methods (once per context): draw calls
 * (drawElements, drawArrays), flushes (WebGL's submits), texture uploads (texSubImage2D, texImage2D
 * with data) and read-backs (readPixels, getBufferSubData). tfjs's webgl backend issues one draw per
 * kernel, synchronously as the op runs, so the draws between two points are the kernels run there.
 */

/** Running totals over every wrapped context. */
export interface GlTotals {
  draws: number;
  submits: number;
  uploads: number;
  readbacks: number;
}

const totals: GlTotals = { draws: 0, submits: 0, uploads: 0, readbacks: 0 };
const wrapped = new WeakSet<object>();

type Counted = keyof GlTotals;
const METHODS: [string, Counted][] = [
  ['drawElements', 'draws'],
  ['drawArrays', 'draws'],
  ['flush', 'submits'],
  ['texSubImage2D', 'uploads'],
  ['readPixels', 'readbacks'],
  ['getBufferSubData', 'readbacks'],
];

/** Starts counting `gl`'s commands (no-op for null or a context already counted). */
export function countWebglCommands(gl: WebGLRenderingContext | WebGL2RenderingContext | null) {
  if (!gl || wrapped.has(gl)) return;
  wrapped.add(gl);
  const target = gl as unknown as Record<string, unknown>;
  for (const [name, kind] of METHODS) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (this: unknown, ...args: unknown[]) {
      totals[kind]++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  const texImage = target.texImage2D;
  if (typeof texImage === 'function') {
    // texImage2D allocates (data null) or uploads: count only the uploads.
    target.texImage2D = function (this: unknown, ...args: unknown[]) {
      if (args[args.length - 1] != null && args.length > 6) totals.uploads++;
      return (texImage as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}

/** The totals so far (a copy). */
export function webglTotals(): GlTotals {
  return { ...totals };
}
