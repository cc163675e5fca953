/**
 * A whole GRU training batch on webgl, as batchLstm.ts runs LSTM's and with the same draws:
 * 2·(T + L − 1) wavefront shaders (batchGruWave.ts: one per diagonal each way, every texel
 * recomputing the reset gates, forward, or dA_h, backward, of all units it needs), the diagonals
 * gathered into partials of ≤ 15, every gradient and the loss in one shader (batchGrads.ts at 3·u
 * columns, dU_h from r ⊙ h_{t−1}), the loss sliced out, Adam in one draw, one upload for x, y and the
 * masks. Weights and Adam state stay one packed state [3·Rw, 3u] (batchGatedLayout.ts, columns z,
 * r, h). Used by fast/engine.ts through FastKernels.batch (index.ts picks it for GRU); the trainer is batchTrainer.ts.
 */
import type { WholeBatchFactory } from '../types';
import { fromGatedBlock, toGatedBlock } from './batchGatedLayout';
import { gradsProgram } from './batchGrads';
import { gruBatchBackward, gruBatchForward } from './batchGruWave';
import { batchShapeFits, wholeBatchTrainer } from './batchTrainer';

/** Where the whole-batch GRU applies: the shapes of {@link batchShapeFits}, as LSTM's. */
export function gruBatchApplies(
  cell: string,
  b: number,
  units: number,
  inputs: number,
  layers: number,
  steps: number,
): boolean {
  return cell === 'gru' && batchShapeFits(b, units, inputs, layers, steps);
}

/** See {@link WholeBatchFactory}: GRU only (null for other cells and shapes). */
export const webglGruBatch: WholeBatchFactory = (spec, initial) => {
  const { layers: L, units: u, inputs: k, timesteps: T, activation, loss } = spec;
  if (!gruBatchApplies(spec.cell, 2, u, k, L, T)) return null;
  const G = 3 * u;
  const shapes = initial.map((w) => w.shape);
  return wholeBatchTrainer(
    spec,
    initial,
    {
      width: G,
      toBlock: (ws) => toGatedBlock(ws, L, u),
      fromBlock: (block, row) => fromGatedBlock(block, row, shapes, L, u),
      programs: (dims) => ({
        forward: [true, false].map((f) => gruBatchForward(dims, f, activation)),
        backward: [true, false].map((f) => gruBatchBackward(dims, f, activation, loss)),
        // dU_h's columns pair with r ⊙ h_{t−1}, which the forward diagonals hold.
        grads: gradsProgram(dims, loss, G, true),
      }),
      // The diagonal and the one before it (unread where d = 0: only t = 0 of layer 0 is on it).
      forwardInputs: (fwd, d) => [fwd[d], fwd[Math.max(d - 1, 0)]],
      backwardReadsBatch: () => true,
    },
    (b) => gruBatchApplies('gru', b, u, k, L, T),
  );
};
