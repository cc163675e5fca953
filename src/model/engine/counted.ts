/**
 * An engine on the webgl backend with its commands counted (glCounts.ts): the draws, flushes and
 * uploads issued inside each `trainBatch`, and the read-backs since the engine was built, per batch.
 */
import type { BatchLoss, CommandCounts, TrainingEngine } from './contract';
import { webglTotals } from './glCounts';

/** `engine` with `commands()` from the WebGL context's totals (the rest passes through). */
export function countedOnWebgl<L extends BatchLoss>(engine: TrainingEngine<L>): TrainingEngine<L> {
  const batch = { draws: 0, submits: 0, uploads: 0, batches: 0 };
  const startReads = webglTotals().readbacks;
  return {
    name: engine.name,
    trainBatch(x, y) {
      const before = webglTotals();
      const loss = engine.trainBatch(x, y);
      const after = webglTotals();
      batch.draws += after.draws - before.draws;
      batch.submits += after.submits - before.submits;
      batch.uploads += after.uploads - before.uploads;
      batch.batches++;
      return loss;
    },
    commands(): CommandCounts {
      const n = Math.max(1, batch.batches);
      return {
        kind: 'draws',
        perBatch: batch.draws / n,
        submits: batch.submits / n,
        uploads: batch.uploads / n,
        readbacks: (webglTotals().readbacks - startReads) / n,
      };
    },
    predict: (x) => engine.predict(x),
    getWeights: () => engine.getWeights(),
    setWeights: (ws) => engine.setWeights(ws),
    dispose: () => engine.dispose(),
  };
}
