/// <reference lib="webworker" />
/**
 * Bench worker: the app trains in a worker, so the benchmark does too. Sets up each backend the way the
 * app's trainer does (WebGL on an OffscreenCanvas, wasm with its binaries served by Vite), runs the
 * kernel checks (checks.ts), then, unless asked for the checks only, measures (core.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../src/model/core/config';
import { initBackend } from '../src/model/engine/backend';
import { webgpuContext } from '../src/model/engine/webgpu/device';
import { breakdown } from './breakdown';
import { benchBackend } from './commands';
import { webgpuChecks } from './webgpuCheck';
import { checkWholeBatch, checkWholeBatchAdam, countWholeBatchDraws } from './batchChecks';
import { runChecks } from './checks';
import {
  benchActiveBackend,
  benchForecast,
  batchesPerEpoch,
  stackShape,
  windowsFromCsv,
} from './core';
import { flopsPerBatch, measurePeakGflops } from './flops';
import type {
  BackendReport,
  BenchReply,
  BenchRequest,
  BenchRow,
  CheckReport,
  ForecastRow,
} from './protocol';

const post = (m: BenchReply): void => postMessage(m);
const log = (text: string): void => post({ type: 'log', text });

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** What this worker and its active backend are. */
function reportBackend(): BackendReport {
  const report: BackendReport = {
    backend: benchBackend(),
    inWorker:
      typeof WorkerGlobalScope !== 'undefined' &&
      self instanceof WorkerGlobalScope &&
      typeof document === 'undefined',
  };
  if (report.backend === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info
      ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
      : gl.getParameter(gl.RENDERER);
    report.webgl = {
      version: tf.env().getNumber('WEBGL_VERSION'),
      renderer: String(renderer),
      offscreen: typeof OffscreenCanvas !== 'undefined' && gl.canvas instanceof OffscreenCanvas,
    };
  }
  return report;
}

async function describeBackend(report: BackendReport): Promise<string> {
  if (report.webgl) {
    const { version, renderer, offscreen } = report.webgl;
    return `webgl ${version}, ${renderer}${offscreen ? ' (OffscreenCanvas)' : ''}, pack=${tf.env().getBool('WEBGL_PACK')}`;
  }
  if (report.backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    return `wasm, simd=${String(simd)}, threads=${String(threads)}`;
  }
  return report.backend;
}

/** "2 dispatches, 1 submit, 1 upload, 0.25 read-backs". */
function commandsText(c: NonNullable<BenchRow['commands']>): string {
  const n = (x: number) => String(Math.round(x * 100) / 100);
  return `${n(c.perBatch)} ${c.kind}, ${n(c.submits)} submits, ${n(c.uploads)} uploads, ${n(c.readbacks)} read-backs`;
}

const exp = (x: number | undefined): string => (x === undefined ? '-' : x.toExponential(1));

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  try {
    for (const [k, v] of Object.entries(req.flags)) tf.env().set(k, v);
    const csv = await (await fetch('/samples/sp500.csv')).text();
    const data = windowsFromCsv(csv);
    const rows: BenchRow[] = [];
    const checks: CheckReport[] = [];
    const forecast: ForecastRow[] = [];
    for (const name of req.backends) {
      const t0 = performance.now();
      // As the app's trainer starts it (webgpu: the device, tfjs on cpu; webgl: its draws counted).
      const { info } = await initBackend(name as BackendName);
      if (info.name !== name) throw new Error(`backend ${name} failed to start`);
      const backend = reportBackend();
      log(`${await describeBackend(backend)} ready in ${(performance.now() - t0).toFixed(0)} ms`);
      const gpu = name === 'webgpu' ? webgpuContext() : null;
      if (gpu) {
        log(`  ${info.details}`);
        // The WebGPU engine's own checks for the benched cell (e2e/webgpu.spec.ts asserts them all).
        for (const c of await webgpuChecks(gpu, [req.cell ?? 'simpleRNN']))
          log(
            `  WebGPU engine vs stock: ${c.name}: loss ${exp(c.loss)}, gradients ${exp(c.grads)}, masks ${c.maskMismatches} differ`,
          );
        if (req.checkOnly) continue;
      } else {
        const check: CheckReport = { ...backend, ...runChecks(data) };
        if (name === 'webgl') {
          const t1 = performance.now();
          check.wholeBatch = checkWholeBatch(data);
          check.wholeBatchAdam = checkWholeBatchAdam();
          check.draws = countWholeBatchDraws();
          check.wholeBatchLstm = checkWholeBatch(data, 'lstm');
          check.wholeBatchLstmAdam = checkWholeBatchAdam('lstm');
          check.drawsLstm = countWholeBatchDraws('lstm');
          check.wholeBatchGru = checkWholeBatch(data, 'gru');
          check.wholeBatchGruAdam = checkWholeBatchAdam('gru');
          check.drawsGru = countWholeBatchDraws('gru');
          check.ms += performance.now() - t1;
          log(
            `  whole-batch path vs tfjs ops: ${exp(check.wholeBatch)}, its Adam ${exp(check.wholeBatchAdam)}; draws per batch ${check.draws.map((d) => `T ${d.timesteps} L ${d.layers}: ${d.draws.join('/')}`).join(', ')}`,
          );
          log(
            `  whole-batch LSTM vs tfjs ops: ${exp(check.wholeBatchLstm)}, its Adam ${exp(check.wholeBatchLstmAdam)}; draws per batch ${check.drawsLstm.map((d) => `T ${d.timesteps} L ${d.layers}: ${d.draws.join('/')}`).join(', ')}`,
          );
          log(
            `  whole-batch GRU vs tfjs ops: ${exp(check.wholeBatchGru)}, its Adam ${exp(check.wholeBatchGruAdam)}; draws per batch ${check.drawsGru.map((d) => `T ${d.timesteps} L ${d.layers}: ${d.draws.join('/')}`).join(', ')}`,
          );
        }
        checks.push(check);
        const max = Math.max(check.kernels, check.adam, check.activations ?? 0);
        log(
          `  fast-path kernels vs tfjs ops: max relative deviation ${exp(max)} (kernels ${exp(check.kernels)}, Adam ${exp(check.adam)}, GLSL activations ${exp(check.activations)}; ${(check.ms / 1000).toFixed(1)} s)`,
        );
      }
      if (req.checkOnly) continue;
      if (req.breakdown && !gpu)
        log(`  fast-path breakdown (ms): ${JSON.stringify(await breakdown(data))}`);
      log(
        `  measuring ${req.engines.join(' + ')} (${req.warmup} warm-up + ${req.reps} × ${req.batches} batches)`,
      );
      const t1 = performance.now();
      const got = await benchActiveBackend(data, req);
      for (const r of got)
        log(
          `  ${r.engine}: ${r.msPerBatch.toFixed(1)} ms/batch (samples ${r.samples.map((s) => s.toFixed(1)).join(', ')})${r.leakedTensors ? `; the stock model leaked ${r.leakedTensors} tensors` : ''}${r.commands ? `; per batch ${commandsText(r.commands)}` : ''}`,
        );
      log(`  ${name} took ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      rows.push(...got);
      // The forecast as the app's worker runs it (issue 12: within 1 s on wasm). Not again on a GPU
      // backend: the forecast runs on the host there too (fast/forecastArrays.ts).
      if ((name === 'wasm' || name === 'cpu') && req.engines.includes('fast')) {
        const fc = await benchForecast(data, { reps: 3, cell: req.cell });
        forecast.push(fc);
        log(
          `  forecast: ${fc.ms.toFixed(0)} ms (median of ${fc.timings.length}; ${fc.steps} steps, ${fc.mcSamples} Monte Carlo samples as one batch)`,
        );
      }
    }
    post({
      type: 'done',
      result: {
        rows,
        checks,
        forecast,
        flopsPerBatch: flopsPerBatch(stackShape(req.cell)),
        peakGflops: req.checkOnly ? null : measurePeakGflops(),
        batchesPerEpoch: batchesPerEpoch(data),
        windows: data.n,
        env: `Chromium worker (${navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? '?'})`,
      },
    });
  } catch (err) {
    post({
      type: 'error',
      message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err),
    });
  }
};
