/**
 * A whole LSTM training batch on webgl, as batch.ts runs SimpleRNN's and with the same draws:
 * 2·(T + L − 1) wavefront shaders (batchLstmWave.ts: gatedWaveLstm.ts's gate math, the weights read
 * straight from the parameter state, the gates recomputed in the backward from the two forward
 * diagonals it reads), the diagonals gathered into partials of ≤ 15, every gradient and the loss in
 * one shader (batchGrads.ts at 4·u columns), the loss sliced out, Adam in one draw, one upload for
 * x, y and the masks. Weights and Adam state stay one packed state [3·Rw, 4u] (batchGatedLayout.ts).
 * Used by fast/engine.ts through FastKernels.batch (index.ts picks it for LSTM).
 */
import type { WholeBatchFactory } from '../types';
import { fromGatedBlock, toGatedBlock } from './batchGatedLayout';
import { gradsProgram } from './batchGrads';
import { lstmBatchBackward, lstmBatchForward } from './batchLstmWave';
import { batchShapeFits, wholeBatchTrainer } from './batchTrainer';

/**
 * Where the whole-batch LSTM applies: the shapes of {@link batchShapeFits} (its backward shaders
 * read 5 textures).
 */
export function lstmBatchApplies(
  cell: string,
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  return cell === 'lstm' && batchShapeFits(b, units, inputs, layers, steps);
}

/** See {@link WholeBatchFactory}: LSTM only (null for other cells and shapes). */
export const webglLstmBatch: WholeBatchFactory = (spec, initial) => {
  const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
  if (!lstmBatchApplies(spec.cell, 2, u, k, L, T)) return null;
  const G = 4 * u;
  const shapes = initial.map((w) => w.shape);
  return wholeBatchTrainer(
    spec,
    initial,
    {
      width: G,
      toBlock: (ws) => toGatedBlock(ws, L, u),
      fromBlock: (block, row) => fromGatedBlock(block, row, shapes, L, u),
      programs: (dims) => ({
        forward: [true, false].map((f) => lstmBatchForward(dims, f, activation)),
        backward: [true, false].map((f) => lstmBatchBackward(dims, f, activation, loss)),
        grads: gradsProgram(dims, loss, G),
      }),
      // The diagonal and the one before it (unread where d = 0: only t = 0 of layer 0 is on it).
      forwardInputs: (fwd, d) => [fwd[d], fwd[Math.max(d - 1, 0)]],
      backwardReadsBatch: () => true,
    },
    (b) => lstmBatchApplies('lstm', b, u, k, L, T),
  );
};
