/**
 * What a backend supplies to the fast path: the big products, the dropout multiply, the per-step split,
 * the recurrences (SimpleRNN's, optionally the gated cells': the sequential part, whose per-step
 * overhead decides the speed), and where the weights and Adam state live. One set per backend, picked once by kernels/index.ts.
 * Sequences are time-major stacks [T·b, units]: rows t·b … t·b + b − 1 are time step t.
 * All functions allocate tensors: call them inside `tf.tidy`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LossName } from '../../../core/config';
import type { DropoutMasks } from '../../masks';
import type { ActivationFn } from '../activations';
import type { AdamDeviceStepFactory } from '../adam';

/**
 * One recurrent layer's weights (or their gradients) in Keras layout, with g gates (1 SimpleRNN,
 * 4 LSTM, 3 GRU): kernel [in, g·units], recurrent kernel [units, g·units], bias [g·units].
 */
export interface LayerWeights {
  kernel: tf.Tensor2D;
  recurrent: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** One SimpleRNN layer's recurrence over all steps, h_{−1} = 0. */
export interface RnnRecurrence {
  /**
   * h_t = act(proj_t + h_{t−1} · U). proj: [T·b, u] (input projection plus bias), U [u, u].
   * Returns every h_t stacked, [T·b, u].
   */
  forward(
    proj: tf.Tensor2D,
    recurrent: tf.Tensor2D,
    steps: number,
    activation: ActivationFn,
  ): tf.Tensor2D;
  /**
   * dA_t = (dOut_t + dA_{t+1} · Uᵀ) ⊙ act′(h_t), dA_T = 0: the gradient w.r.t. the pre-activations.
   * `dOut` is dLoss/dh for every step [T·b, u] (layers that return sequences), or null with `dLast`
   * [b, u] the gradient of h_T only (the top layer). Returns dA stacked, [T·b, u].
   */
  backward(
    states: tf.Tensor2D,
    recurrent: tf.Tensor2D,
    dOut: tf.Tensor2D | null,
    dLast: tf.Tensor2D | null,
    steps: number,
    activation: ActivationFn,
  ): tf.Tensor2D;
}

/**
 * Every SimpleRNN layer's recurrence at once (the webgl wavefront), when `applies(b, units)`.
 * The layer inputs (h of the layer below ⊙ its dropout mask) are projected inside.
 */
export interface RnnWavefront {
  applies(b: number, units: number): boolean;
  /** From layer 0's input projection plus bias [T·b, u]: each layer's states, [T·b, u] each. */
  forward(
    proj0: tf.Tensor2D,
    layers: LayerWeights[],
    masks: DropoutMasks,
    steps: number,
    activation: ActivationFn,
  ): tf.Tensor2D[];
  /**
   * From each layer's states and the top layer's dLoss/dh_T [b, u] (dropout applied): each layer's
   * dA [T·b, u]; the layer inputs' gradients are handled inside.
   */
  backward(
    states: tf.Tensor2D[],
    layers: LayerWeights[],
    masks: DropoutMasks,
    dLast: tf.Tensor2D,
    steps: number,
    activation: ActivationFn,
  ): tf.Tensor2D[];
}

/** One LSTM layer's forward values (all [T·b, ·], time-major), kept for its backward pass. */
export interface LstmTrace {
  /** h_t [T·b, u]: the layer's output, a tensor (the next layer's input). */
  states: tf.Tensor2D;
  /**
   * The rest stays in host arrays, read only by the backward pass and the inspector: on wasm a
   * tensor would be copied into the wasm heap and straight back out (1.3 MB per layer).
   * The gate values i, f, act(z_c), o after their nonlinearities [T·b, 4u] (Keras column order).
   */
  gates: Float32Array;
  /** c_t [T·b, u]. */
  cells: Float32Array;
  /** act(c_t) [T·b, u]. */
  cellActs: Float32Array;
}

/** One GRU layer's forward values (all [T·b, ·], time-major), kept for its backward pass. */
export interface GruTrace {
  /** h_t [T·b, u]: the layer's output, a tensor (the next layer's input). */
  states: tf.Tensor2D;
  /** The same values on the host, for the backward pass (on wasm, no copy back out of the heap). */
  statesHost: Float32Array;
  /**
   * The gate values z, r, ĥ after their nonlinearities [T·b, 3u] (Keras column order), a host
   * array as LstmTrace's: only the backward pass and the inspector read it.
   */
  gates: Float32Array;
  /** r_t ⊙ h_{t−1} [T·b, u] (zeros at t = 0): the input of U_h, whose gradient it gives. */
  resetStates: tf.Tensor2D;
}

/** A gated cell's whole recurrence over one layer's steps (h_{−1} = c_{−1} = 0), forward and back. */
export interface GatedKernel<R> {
  /** From the input projection plus bias `proj` [T·b, g·u] and U [u, g·u]. */
  forward(proj: tf.Tensor2D, recurrent: tf.Tensor2D, steps: number, activation: ActivationFn): R;
  /**
   * dZ [T·b, g·u], dLoss/d(pre-activations) of every step: `dOut` dLoss/dh of every step [T·b, u],
   * or null with `dLast` [b, u] the gradient of h_T only (the top layer).
   */
  backward(
    run: R,
    recurrent: tf.Tensor2D,
    dOut: tf.Tensor2D | null,
    dLast: tf.Tensor2D | null,
    steps: number,
    activation: ActivationFn,
  ): tf.Tensor2D;
}

/** The gated cells' recurrences, one fused step each (cpu loops: gatedLstm.ts, gatedGru.ts). */
export interface GatedRecurrence {
  lstm: GatedKernel<LstmTrace>;
  gru: GatedKernel<GruTrace>;
}

/** One LSTM layer's run on the gated wavefront (webgl): what its backward pass reads. */
export interface LstmWaveRun {
  /** h_t [T·b, u]. */
  states: tf.Tensor2D;
  /** h_t and c_t side by side [T·b, 2u], as the backward shaders read them. */
  pair: tf.Tensor2D;
  /** Layer 0's input projection plus bias [T·b, 4u] (the same tensor in every layer's run). */
  proj0: tf.Tensor2D;
}

/** One GRU layer's run on the gated wavefront (webgl). */
export interface GruWaveRun {
  /** h_t [T·b, u]. */
  states: tf.Tensor2D;
  /** h_t and r_t ⊙ h_{t−1} side by side [T·b, 2u], as the backward shaders read them. */
  pair: tf.Tensor2D;
  /** r_t ⊙ h_{t−1} [T·b, u] (zeros at t = 0): the input of U_h, whose gradient it gives. */
  resetStates: tf.Tensor2D;
  /** Layer 0's input projection plus bias [T·b, 3u] (the same tensor in every layer's run). */
  proj0: tf.Tensor2D;
  /** z, r, ĥ after their nonlinearities [T·b, 3u], computed on demand (the inspector only). */
  gates(): tf.Tensor2D;
  /**
   * dLoss/dU [u, 3u] from the layer's dZ [T·b, 3u]: [Σ h_{t−1}ᵀ · dZ_zr,t | Σ (r ⊙ h_{t−1})ᵀ · dZ_h,t]
   * in one shader (as tfjs ops: splits, shifts, two products, concats).
   */
  recurrentGrad(dZ: tf.Tensor2D): tf.Tensor2D;
}

/** A gated cell's recurrence of every layer at once (webgl: one or two shaders per diagonal). */
export interface GatedWavefront<R> {
  /** From layer 0's input projection plus bias [T·b, g·u]: each layer's run. */
  forward(
    proj0: tf.Tensor2D,
    layers: LayerWeights[],
    masks: DropoutMasks,
    steps: number,
    activation: ActivationFn,
  ): R[];
  /**
   * From each layer's run and the top layer's dLoss/dh_T [b, u] (dropout applied): each layer's dZ
   * [T·b, g·u]; the layer inputs' gradients are handled inside.
   */
  backward(
    runs: R[],
    layers: LayerWeights[],
    masks: DropoutMasks,
    dLast: tf.Tensor2D,
    steps: number,
    activation: ActivationFn,
  ): tf.Tensor2D[];
}

/** The gated cells' wavefronts, where `applies(b, units)` (webgl: packed, b and units even). */
export interface GatedWavefronts {
  applies(b: number, units: number): boolean;
  lstm: GatedWavefront<LstmWaveRun>;
  gru: GatedWavefront<GruWaveRun>;
}

/** The backend-specific primitives of the fast path. */
export interface FastKernels {
  /** op(a) · op(b) (+ bias [n] broadcast over rows), op = transpose when asked. */
  matMul(
    a: tf.Tensor2D,
    b: tf.Tensor2D,
    transposeA: boolean,
    transposeB: boolean,
    bias?: tf.Tensor1D,
  ): tf.Tensor2D;
  /** Elementwise a ⊙ b, same shapes (dropout masks). */
  mul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D;
  /** [T·b, f] → T blocks [b, f], one per step (the per-step tfjs ops of the gated cells). */
  split(x: tf.Tensor2D, steps: number): tf.Tensor2D[];
  /**
   * Optional: [r, n·c] → n column blocks [r, c] (a gated cell's gates). Default tf.split on axis 1,
   * which tfjs's cpu backend copies one element at a time (half an LSTM batch there).
   */
  columns?(x: tf.Tensor2D, n: number): tf.Tensor2D[];
  /**
   * Optional: a layer's weight gradients from its input [T·b, in], states [T·b, u] and dZ
   * [T·b, g·u]: dW = Xᵀ · dZ, dU = Σ_t h_{t−1}ᵀ · dZ_t (h_{−1} = 0), db = 1ᵀ · dZ; with `resetInput`
   * [T·b, u] (GRU's r_t ⊙ h_{t−1}), dU's last u columns are Σ_t resetInput_tᵀ · dZ_t. Default:
   * matMuls (fast/stack.ts).
   */
  weightGrads?(
    input: tf.Tensor2D,
    states: tf.Tensor2D,
    dZ: tf.Tensor2D,
    steps: number,
    resetInput?: tf.Tensor2D,
  ): LayerWeights;
  /** The SimpleRNN recurrence, layer by layer, and optionally all layers at once. */
  rnn: RnnRecurrence & { wave?: RnnWavefront };
  /** Optional: LSTM and GRU recurrences without a tfjs op per step; default tfjs ops (cells/). */
  gated?: GatedRecurrence;
  /** Optional: LSTM and GRU with every layer at once (webgl: gatedWave*.ts), as `rnn.wave`. */
  gatedWave?: GatedWavefronts;
  /**
   * Where the weights and Adam state live: 'array', host Float32Arrays (cpu, wasm: reading tensor
   * data is synchronous and cheap there), or 'tensor', device tensors (nothing read back).
   */
  params: 'array' | 'tensor';
  /** Optional: a custom Adam step for the tensor store (webgl: three shaders); default tfjs ops. */
  adam?: AdamDeviceStepFactory;
  /**
   * Optional: a whole training batch in a few shaders with its own parameter state (webgl
   * SimpleRNN and LSTM, webgl/batch.ts and batchLstm.ts), or null where it does not apply; the stack
   * driver runs the rest.
   */
  batch?: WholeBatchFactory;
}

/** What a whole-batch trainer is built for. */
export interface WholeBatchSpec {
  cell: string;
  activation: ActivationFn;
  loss: LossName;
  layers: number;
  units: number;
  /** k, values per time step. */
  inputs: number;
  timesteps: number;
  learningRate: number;
}

/**
 * A whole-batch trainer: the parameter store (weights in Keras order, Adam state) and one batch's
 * loss, gradients and update. Masks are the host arrays of masks.ts (createMaskArrays); x and y are
 * read on the host (webgl: free for tensors made from arrays, as the training loop's; a read-back
 * for one already on the GPU), so they go up with the masks as one texture.
 */
export interface WholeBatch {
  /** Whether a batch of b rows runs here (else: the stack driver, with views and step). */
  applies(b: number): boolean;
  /** One batch's loss and gradients (Keras order), no update: what the checks compare. */
  gradients(
    x: tf.Tensor3D,
    y: tf.Tensor2D,
    masks: Float32Array[] | null,
  ): { grads: tf.Tensor[]; loss: tf.Scalar };
  /** Gradients, then one Adam step; returns the loss. Call inside `tf.tidy`. */
  trainBatch(x: tf.Tensor3D, y: tf.Tensor2D, masks: Float32Array[] | null): tf.Scalar;
  /** The weights as tensors in Keras order (views; call inside `tf.tidy`). */
  views(): tf.Tensor[];
  /** One Adam step with gradients in Keras order (call inside `tf.tidy`). */
  step(grads: tf.Tensor[]): void;
  /** Copies of the weights (caller disposes). */
  read(): tf.Tensor[];
  /** Replaces the weights; the Adam state is kept. */
  write(weights: tf.Tensor[]): void;
  dispose(): void;
}

/** Builds a {@link WholeBatch} from the initial weights (copied) where `spec` applies, else null. */
export type WholeBatchFactory = (spec: WholeBatchSpec, initial: tf.Tensor[]) => WholeBatch | null;
