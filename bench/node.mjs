/**
 * Node variant of the benchmark: cpu and wasm backends in this process. bench/core.ts (TypeScript) is
 * loaded through Vite's SSR module loader, so no build step is needed.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs the bench for each backend in Node; returns BenchRow[]. */
export async function runNode({ backends, batches, reps, warmup, engines, cell, log }) {
  const vite = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    if (backends.includes('wasm')) await import('@tensorflow/tfjs-backend-wasm');
    const core = await vite.ssrLoadModule('/bench/core.ts');
    const csv = await readFile(new URL('../public/samples/sp500.csv', import.meta.url), 'utf8');
    const data = core.windowsFromCsv(csv);
    const rows = [];
    for (const backend of backends) {
      if (backend === 'webgl') {
        log('webgl: skipped in Node (browser only)');
        continue;
      }
      if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to start`);
      await tf.ready();
      log(
        `${backend}: measuring ${engines.join(' + ')} (${warmup} warm-up + ${reps} × ${batches} batches)`,
      );
      log(
        `  fast-path kernels vs tfjs ops: max relative deviation ${core.checkKernels(data).toExponential(1)}`,
      );
      rows.push(...(await core.benchActiveBackend(data, { batches, reps, warmup, engines, cell })));
    }
    return {
      rows,
      batchesPerEpoch: core.batchesPerEpoch(data),
      windows: data.n,
      env: `Node ${process.version}`,
    };
  } finally {
    await vite.close();
  }
}
