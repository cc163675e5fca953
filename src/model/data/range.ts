/**
 * Whether a column's values survive the trip through the network: the MinMax scaler works in
 * float64, but the network and its predictions are float32, whose largest value is about 3.4e38.
 * Values near 1e308 would train and then come back as Infinity; they are refused before training.
 */
import { DataError } from '../core/errors';

/** The largest finite float32 (2^128 − 2^104). */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Checks that every finite value of a column fits in float32, and that max − min is finite (so
 * the scaler's 1 / range does not underflow).
 * @throws DataError naming the column, the offending value and what to do.
 */
export function checkRepresentable(values: ArrayLike<number>, column: string): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const worst = Math.abs(max) > Math.abs(min) ? max : min;
  if (Math.abs(worst) > FLOAT32_MAX || !Number.isFinite(max - min)) {
    throw new DataError(
      `Column "${column}" holds values as large as ${worst.toExponential(2)}; the network computes in 32-bit floats, which reach only ±3.4e38, so its predictions would be Infinity. Rescale the column (for example divide it by a power of ten) and load it again.`,
    );
  }
}
