/**
 * What the trainer reports in its `memory` message: tfjs's own count and bytes, the bytes the
 * engines hold outside tfjs (model/engine/heldBytes.ts: on cpu/wasm the fast path's weights live
 * there, so `numTensors` alone cannot show a leak), and how many disposals failed.
 */
import { memoryNow } from '../../model/engine/heldBytes';
import type { WorkerReport } from './protocol';

let disposeErrors = 0;

/**
 * Notes a failed disposal (a lost WebGL context can fail to free textures; the backend is
 * discarded anyway, so the run goes on): counted in every later `memory` message, and warned.
 */
export function noteDisposeError(e: unknown): void {
  disposeErrors++;
  console.warn('Freeing a model failed:', e instanceof Error ? e.message : e);
}

/** The `memory` message for `runId`, measured now. */
export function memoryReport(runId: number): Extract<WorkerReport, { type: 'memory' }> {
  return { type: 'memory', runId, ...memoryNow(), disposeErrors };
}
