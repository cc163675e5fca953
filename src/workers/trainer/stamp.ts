/**
 * The dataset id of every answer: a `load` names the dataset its run trains on, and every message the
 * handler posts for that run carries it back, so the page can drop anything that is not about the
 * dataset on screen. Kept out of handler.ts: the handler only knows runs.
 */
import type { FromWorker, ToWorker, WorkerReport } from './protocol';

/** Runs remembered (older runs' messages are dropped by the page anyway). */
const KEEP = 8;

export interface DatasetStamp {
  /** Notes the dataset of a `load`'s run; other messages change nothing. */
  note(msg: ToWorker): void;
  /** The report with the dataset id of its run (0 when no load named one). */
  stamp(msg: WorkerReport): FromWorker;
}

export function createDatasetStamp(): DatasetStamp {
  const ids = new Map<number, number>();
  return {
    note(msg) {
      if (msg.type !== 'load') return;
      ids.set(msg.runId, msg.datasetId);
      for (const run of ids.keys()) if (ids.size > KEEP) ids.delete(run);
    },
    stamp: (msg) => ({ ...msg, datasetId: ids.get(msg.runId) ?? 0 }),
  };
}
