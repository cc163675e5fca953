/// <reference lib="webworker" />
/**
 * Bench worker: the app trains in a worker, so the benchmark does too. Sets up each backend the way the
 * app's trainer does (WebGL on an OffscreenCanvas, wasm with its binaries served by Vite) and runs core.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import {
  benchActiveBackend,
  breakdown,
  checkKernels,
  windowsFromCsv,
  batchesPerEpoch,
  type BenchRow,
  type EngineKind,
} from './core';

export interface BenchRequest {
  backends: string[];
  batches: number;
  reps: number;
  warmup: number;
  engines: EngineKind[];
  /** tf.env() flags to set before measuring, e.g. {"WEBGL_PACK": false}. */
  flags: Record<string, boolean | number>;
  /** Recurrent cell to benchmark (default SimpleRNN, the reference). */
  cell?: 'simpleRNN' | 'lstm' | 'gru';
  /** Also time the fast path's parts (forward, gradients, whole step). */
  breakdown: boolean;
}

export type BenchReply =
  | { type: 'log'; text: string }
  | {
      type: 'done';
      result: { rows: BenchRow[]; batchesPerEpoch: number; windows: number; env: string };
    }
  | { type: 'error'; message: string };

const post = (m: BenchReply): void => postMessage(m);
const log = (text: string): void => post({ type: 'log', text });

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

async function describeBackend(name: string): Promise<string> {
  if (name === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info
      ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL)
      : gl.getParameter(gl.RENDERER);
    return `webgl ${tf.env().getNumber('WEBGL_VERSION')}, ${String(renderer)}, pack=${tf.env().getBool('WEBGL_PACK')}`;
  }
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    return `wasm, simd=${String(simd)}, threads=${String(threads)}`;
  }
  return name;
}

self.onmessage = async (e: MessageEvent<BenchRequest>) => {
  const req = e.data;
  try {
    for (const [k, v] of Object.entries(req.flags)) tf.env().set(k, v);
    const csv = await (await fetch('/samples/sp500.csv')).text();
    const data = windowsFromCsv(csv);
    const rows: BenchRow[] = [];
    for (const name of req.backends) {
      const t0 = performance.now();
      if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to start`);
      await tf.ready();
      log(
        `${await describeBackend(name)} ready in ${(performance.now() - t0).toFixed(0)} ms; measuring ${req.engines.join(' + ')} (${req.warmup} warm-up + ${req.reps} × ${req.batches} batches)`,
      );
      log(
        `  fast-path kernels vs tfjs ops: max relative deviation ${checkKernels(data).toExponential(1)}`,
      );
      if (req.breakdown)
        log(`  fast-path breakdown (ms): ${JSON.stringify(await breakdown(data))}`);
      const t1 = performance.now();
      const got = await benchActiveBackend(data, req);
      for (const r of got)
        log(
          `  ${r.engine}: ${r.msPerBatch.toFixed(1)} ms/batch (samples ${r.samples.map((s) => s.toFixed(1)).join(', ')})${r.leakedTensors ? `; the stock model leaked ${r.leakedTensors} tensors` : ''}`,
        );
      log(`  ${name} took ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      rows.push(...got);
    }
    post({
      type: 'done',
      result: {
        rows,
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
