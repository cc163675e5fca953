import { readFile } from 'node:fs/promises';
import { createServer } from 'vite';
const ROOT = '/work/kernels/';
const vite = await createServer({
  root: ROOT,
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  appType: 'custom',
  optimizeDeps: { noDiscovery: true, include: [] },
});
const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
await import('@tensorflow/tfjs-backend-wasm');
const core = await vite.ssrLoadModule('/bench/core.ts');
const csv = await readFile(ROOT + 'public/samples/sp500.csv', 'utf8');
const data = core.windowsFromCsv(csv);
const backend = process.argv[2] || 'cpu';
await tf.setBackend(backend);
await tf.ready();
const c0 = process.cpuUsage();
const rows = await core.benchActiveBackend(data, {
  batches: 5,
  reps: Number(process.argv[3] || 20),
  warmup: 1,
  engines: ['fast'],
  cell: process.argv[4],
});
const c = process.cpuUsage(c0);
for (const r of rows)
  console.log(
    backend,
    r.engine,
    'median',
    r.msPerBatch.toFixed(2),
    'min',
    Math.min(...r.samples).toFixed(2),
  );
await vite.close();
