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
import { lstmBatchBackward, lstmBatchForward } from './batchLstmWave';
import { gatedBatch } from './batchTrainer';

/** See {@link WholeBatchFactory}: LSTM only (null for other cells and shapes). */
export const webglLstmBatch: WholeBatchFactory = gatedBatch(
  'lstm',
  4,
  lstmBatchForward,
  lstmBatchBackward,
  false,
);
