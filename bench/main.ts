/**
 * Bench page: starts the worker with the options of the query string, shows its log, and exposes the
 * result as `window.benchResult` (or `window.benchError`) for bench/browser.mjs and e2e/kernels.spec.ts.
 */
import type { BenchReply, BenchRequest, BenchResult, EngineKind } from './protocol';

declare global {
  interface Window {
    benchResult?: BenchResult;
    benchError?: string;
  }
}

const q = new URLSearchParams(location.search);
const num = (k: string, d: number): number => Number(q.get(k) ?? d);
const request: BenchRequest = {
  backends: (q.get('backends') ?? 'webgpu,webgl,wasm,cpu').split(','),
  batches: num('batches', 5),
  reps: num('reps', 3),
  warmup: num('warmup', 1),
  engines: (q.get('engines') ?? 'stock,fast').split(',') as EngineKind[],
  flags: JSON.parse(q.get('flags') ?? '{}') as Record<string, boolean | number>,
  breakdown: q.get('breakdown') === '1',
  checkOnly: q.get('checkOnly') === '1',
  cell: (q.get('cell') ?? 'simpleRNN') as BenchRequest['cell'],
};
const logEl = document.getElementById('log') as HTMLPreElement;
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<BenchReply>) => {
  const m = e.data;
  if (m.type === 'log') {
    logEl.textContent += `${m.text}\n`;
    console.log(`[bench] ${m.text}`);
  } else if (m.type === 'done') {
    window.benchResult = m.result;
  } else {
    window.benchError = m.message;
  }
};
worker.onerror = (e) => {
  window.benchError = `worker error: ${e.message}`;
};
worker.postMessage(request);
