/**
 * Node variant of the benchmark: cpu and wasm backends in this process. bench/core.ts and checks.ts
 * (TypeScript) are loaded through Vite's SSR module loader, so no build step is needed.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs the bench for each backend in Node; returns a BenchResult (protocol.ts) without `inWorker`. */
export async function runNode({ backends, batches, reps, warmup, engines, cell, checkOnly, log }) {
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
    const { runChecks } = await vite.ssrLoadModule('/bench/checks.ts');
    const flops = await vite.ssrLoadModule('/bench/flops.ts');
    const csv = await readFile(new URL('../public/samples/sp500.csv', import.meta.url), 'utf8');
    const data = core.windowsFromCsv(csv);
    const rows = [];
    const checks = [];
    const inspect = [];
    const forecast = [];
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
      const check = { backend, ...runChecks(data) };
      checks.push(check);
      log(
        `  fast-path kernels vs tfjs ops: max relative deviation ${Math.max(check.kernels, check.adam).toExponential(1)} (kernels ${check.kernels.toExponential(1)}, Adam ${check.adam.toExponential(1)})`,
      );
      if (checkOnly) continue;
      rows.push(...(await core.benchActiveBackend(data, { batches, reps, warmup, engines, cell })));
      const ins = await core.benchInspect(data, { reps: Math.max(reps, 5), cell });
      inspect.push(ins);
      log(
        `  inspect: ${ins.ms.toFixed(1)} ms (median of ${ins.samples.length}; window + gradient batch of ${core.INSPECT_BATCH})`,
      );
      const fc = await core.benchForecast(data, { reps: Math.max(Math.min(reps, 5), 3), cell });
      forecast.push(fc);
      log(
        `  forecast: ${fc.ms.toFixed(1)} ms (median of ${fc.timings.length}; ${fc.steps} steps, ${fc.mcSamples} Monte Carlo samples as one batch)`,
      );
    }
    return {
      rows,
      checks,
      inspect,
      forecast,
      batchesPerEpoch: core.batchesPerEpoch(data),
      windows: data.n,
      env: `Node ${process.version}`,
      flopsPerBatch: flops.flopsPerBatch(core.stackShape(cell)),
      peakGflops: checkOnly ? null : flops.measurePeakGflops(),
    };
  } finally {
    await vite.close();
  }
}
