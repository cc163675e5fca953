/**
 * A whole GRU training batch on webgl, as batchLstm.ts runs LSTM's and with the same draws:
 * 2·(T + L − 1) wavefront shaders (batchGruWave.ts: one per diagonal each way, every texel
 * recomputing the reset gates, forward, or dA_h, backward, of all units it needs), the diagonals
 * gathered into partials of ≤ 15, every gradient and the loss in one shader (batchGrads.ts at 3·u
 * columns, dU_h from r ⊙ h_{t−1}), the loss sliced out, Adam in one draw, one upload for x, y and the
 * masks. Weights and Adam state stay one packed state [3·Rw, 3u] (batchGatedLayout.ts, columns z,
 * r, h). Used by fast/engine.ts through FastKernels.batch (index.ts picks it for GRU); the trainer
 * and the gated factory are batchTrainer.ts.
 */
import type { WholeBatchFactory } from '../types';
import { gruBatchBackward, gruBatchForward } from './batchGruWave';
import { gatedBatch } from './batchTrainer';

/** See {@link WholeBatchFactory}: GRU only (null for other cells and shapes). */
export const webglGruBatch: WholeBatchFactory = gatedBatch(
  'gru',
  3,
  gruBatchForward,
  gruBatchBackward,
  true,
);
