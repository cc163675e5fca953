/**
 * The trainer's backend moves that are not a message of their own (kept out of handler.ts): the
 * backends' names for people, and moving a run the WebGPU engine cannot train (LSTM, GRU, the stock
 * engine, buffers beyond the device's limits) to WebGL, with a notice.
 */
import type { BackendName, TrainConfig } from '../../model/core/config';
import type { BackendInfo } from '../../model/core/run';
import type { initBackend } from '../../model/engine/backend';
import { webgpuContext } from '../../model/engine/webgpu/device';
import { webgpuRefusal } from '../../model/engine/webgpu/limits';
import type { WorkerReport } from './protocol';

/** The backends' names for people. */
export const LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};

/**
 * Tells the page which backend runs: `ready`, then, when it is not the one asked for, `backendChanged`
 * with why (ready first: the page then shows backendChanged's reason, the more specific news).
 */
export function announceBackend(
  post: (msg: WorkerReport) => void,
  runId: number,
  info: BackendInfo,
  fellBackFrom?: { backend: BackendName; reason: string },
): void {
  post({ type: 'ready', runId, backend: info });
  if (!fellBackFrom) return;
  post({
    type: 'backendChanged',
    runId,
    from: fellBackFrom.backend,
    to: info.name,
    reason: `${fellBackFrom.reason}; using ${LABEL[info.name]} instead.`,
  });
}

/**
 * On webgpu, when the WebGPU engine refuses the run: starts WebGL (else the next backend), posts
 * `ready` and `backendChanged` with the reason, and returns the new backend; otherwise null.
 */
export async function leaveWebgpuIfNeeded(
  backend: BackendInfo | null,
  config: TrainConfig,
  data: { timesteps: number; inputs: readonly unknown[] },
  deps: { initBackend: typeof initBackend },
  post: (msg: WorkerReport) => void,
  runId: number,
): Promise<BackendInfo | null> {
  const ctx = webgpuContext();
  if (backend?.name !== 'webgpu' || !ctx) return null;
  const refusal = webgpuRefusal(config, data.timesteps, data.inputs.length, ctx.device);
  if (!refusal) return null;
  const { info } = await deps.initBackend('webgl', ['webgpu']);
  announceBackend(post, runId, info, { backend: 'webgpu', reason: `WebGPU: ${refusal}` });
  return info;
}
