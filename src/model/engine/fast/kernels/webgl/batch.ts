/**
 * A whole SimpleRNN training batch on webgl in 2·(T + L − 1) shaders for the wavefronts and a few
 * more: the forward and backward wavefronts reading the weights straight from the parameter state
 * and the batch, targets and masks from one uploaded texture (batchWave.ts; the first backward
 * shader starts from the loss), the diagonals gathered into partials of ≤ 15 (one draw each, none
 * for a partial of one), every gradient and the loss in one shader, the loss sliced out, Adam in one
 * (batchGrads.ts); plus one upload (and its encoding draw) for x, y and the masks together.
 * Weights and Adam state stay one packed state [3·Rw, u] (batchLayout.ts), read in Keras order
 * through slices; the trainer itself is batchTrainer.ts, shared with LSTM. Used by fast/engine.ts
 * where it applies (FastKernels.batch); batches of other shapes run through the stack driver on its
 * views. */
import type { WholeBatchFactory } from '../types';
import { fromBlock, toBlock } from './batchLayout';
import { gradsProgram } from './batchGrads';
import { batchShapeFits, wholeBatchTrainer } from './batchTrainer';
import { batchBackward, batchForward } from './batchWave';

/** Where the whole-batch path applies: SimpleRNN of the shapes of {@link batchShapeFits}. */
export function wholeBatchApplies(
  cell: string,
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  return cell === 'simpleRNN' && batchShapeFits(b, units, inputs, layers, steps);
}

/** See {@link WholeBatchFactory}: SimpleRNN only (null for other cells and shapes). */
export const webglWholeBatch: WholeBatchFactory = (spec, initial) => {
  const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
  if (!wholeBatchApplies(spec.cell, 2, u, k, L, T)) return null;
  const shapes = initial.map((w) => w.shape);
  return wholeBatchTrainer(
    spec,
    initial,
    {
      width: u,
      toBlock: (ws) => toBlock(ws, L, u),
      fromBlock: (block, row) => fromBlock(block, row, shapes, L),
      programs: (dims) => ({
        forward: [true, false].map((first) => batchForward(dims, first, activation)),
        backward: [true, false].map((first) => batchBackward(dims, first, activation, loss)),
        grads: gradsProgram(dims, loss),
      }),
      forwardInputs: (fwd, d) => [fwd[d]],
      // Past the first, the backward shaders read the batch texture for the inner masks only.
      backwardReadsBatch: (dims) => dims.masked && L > 1,
    },
    (b) => wholeBatchApplies('simpleRNN', b, u, k, L, T),
  );
};
