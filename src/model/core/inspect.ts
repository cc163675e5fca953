/**
 * What "Inside the network" shows, as plain data: the engine computes it (engine/inspect.ts) from
 * the fast path's own forward and backward, the trainer protocol carries it, the page draws it.
 * No tfjs here. Per-step arrays are step-major: value of unit j at step t is `a[t · units + j]`,
 * steps t = 0 … T−1 oldest first (t = T−1 is the step just before the predicted day).
 */
import type { Activation, CellType } from './config';

/** A histogram of values over [min, max] in `counts.length` equal bins. */
export interface Histogram {
  min: number;
  max: number;
  counts: Int32Array;
}

/** One recurrent layer's weights in Keras layout, flat row-major. */
export interface LayerWeightValues {
  /** Rows of `kernel`: k (the inputs per step) for the first layer, units above. */
  inDim: number;
  /** [inDim, g·units] */
  kernel: Float32Array;
  /** [units, g·units] */
  recurrent: Float32Array;
  /** [g·units] */
  bias: Float32Array;
}

/** The network looked at on one window, computed with dropout off (inference). */
export interface NetworkInspection {
  cell: CellType;
  activation: Activation;
  timesteps: number;
  layers: number;
  units: number;
  /** The model's output for the window, scaled units. */
  prediction: number;
  /** h_t per layer, [T · units] each. */
  hidden: Float32Array[];
  /** LSTM only: the cell state c_t per layer, [T · units] each; null for other cells. */
  cellState: Float32Array[] | null;
  /**
   * ∂prediction/∂x for each step back: `influence[k − 1]` for k = 1 … T is the derivative with
   * respect to the input k steps before the predicted day (k = 1: the window's last value), in
   * the model's scaled units. The target column's series (it is always input 0).
   */
  influence: Float32Array;
  /** {@link influence} for each of the k inputs, in input order, [T] each (the first is `influence`). */
  influenceByInput: Float32Array[];
  /** The k inputs' column names, in input order (the target first). */
  inputNames: string[];
  /** The window the network read, [T · k] step-major (value of input c at step t: `[t · k + c]`), scaled. */
  inputWindow: Float32Array;
  /**
   * Per layer, [T]: ‖∂loss/∂h_t‖ (Frobenius norm over the batch's samples and the units) for
   * t = 0 … T−1, the loss of `gradientBatch` windows with dropout off.
   */
  gradientFlow: Float32Array[];
  /** Windows in the batch the gradient flow is computed over. */
  gradientBatch: number;
  /** Index of the layer whose weights follow (0-based). */
  layer: number;
  weights: LayerWeightValues;
  /** Every trainable weight of the network (all layers and the Dense head). */
  histogram: Histogram;
}

/** The answer to `inspect`: the window in original units and what the network does with it. */
export interface InspectionReport {
  requestId: number;
  /** The test window inspected (0-based within the test rows). */
  index: number;
  /** The window's T inputs in original units, oldest first (gaps interpolated, as trained). */
  inputs: Float32Array;
  /** The inputs in the model's scaled units. */
  inputsScaled: Float32Array;
  /** The value the window predicts, original units (NaN when it was missing). */
  actual: number;
  /** The model's prediction, original units. */
  prediction: number;
  /** Epochs completed and batches trained so far in the run (0 before training). */
  epochs: number;
  batches: number;
  network: NetworkInspection;
}
