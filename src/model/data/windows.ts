/**
 * Cutting windows from scaled input columns: the one place that lays out a batch [b, T, k]
 * (k inputs, the target first). The training loop, the test predictions and the inspector use it.
 */

/** One series (k = 1) or the k input columns, the target first: inputs[0][r] is what row r predicts. */
export type WindowSource = ArrayLike<number> | readonly ArrayLike<number>[];

function isColumns(source: WindowSource): source is readonly ArrayLike<number>[] {
  return source.length > 0 && typeof source[0] !== 'number';
}

/** The input columns of a source: a lone series is one column. */
export function columnsOf(source: WindowSource): readonly ArrayLike<number>[] {
  return isColumns(source) ? source : [source];
}

/**
 * Windows for the given target rows, written into X [targets.length, timesteps, k] (row-major:
 * X[(j·T + t)·k + c] = inputs[c][r − T + t]) and Y [targets.length] = inputs[0][r], for
 * r = targets[j]. Requires every r ≥ timesteps and r < the columns' length.
 */
export function fillWindows(
  source: WindowSource,
  timesteps: number,
  targets: ArrayLike<number>,
  X: Float32Array,
  Y: Float32Array,
): void {
  const cols = columnsOf(source);
  const k = cols.length;
  const target = cols[0];
  if (k === 1) {
    for (let j = 0; j < targets.length; j++) {
      const r = targets[j];
      for (let t = 0; t < timesteps; t++) X[j * timesteps + t] = target[r - timesteps + t];
      Y[j] = target[r];
    }
    return;
  }
  for (let j = 0; j < targets.length; j++) {
    const r = targets[j];
    for (let c = 0; c < k; c++) {
      const col = cols[c];
      for (let t = 0; t < timesteps; t++) X[(j * timesteps + t) * k + c] = col[r - timesteps + t];
    }
    Y[j] = target[r];
  }
}

/**
 * Sliding windows for targets i = from … to − 1: X row = inputs[i − timesteps, i), Y = target[i].
 * X is [to − from, timesteps, k] row-major. Requires from ≥ timesteps and to ≤ the columns' length.
 */
export function makeWindows(
  source: WindowSource,
  timesteps: number,
  from: number,
  to: number,
): { X: Float32Array; Y: Float32Array } {
  const n = Math.max(0, to - from);
  const X = new Float32Array(n * timesteps * columnsOf(source).length);
  const Y = new Float32Array(n);
  fillWindows(
    source,
    timesteps,
    Int32Array.from({ length: n }, (_, w) => from + w),
    X,
    Y,
  );
  return { X, Y };
}
