/** Starts the WebGPU checks' worker and puts its report on `window.webgpuResult` (e2e/webgpu.spec.ts). */
const worker = new Worker(new URL('./webgpu.worker.ts', import.meta.url), { type: 'module' });
const w = window as unknown as { webgpuResult?: unknown };
// ?cells=lstm,gru runs those cells' cases only.
worker.postMessage(new URLSearchParams(location.search).get('cells'));
worker.onmessage = (e: MessageEvent) => (w.webgpuResult = e.data);
worker.onerror = (e) => (w.webgpuResult = { error: e.message || 'the worker failed to load' });
