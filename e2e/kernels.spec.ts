import { expect, test, type Page } from '@playwright/test';
import { startBenchServer } from '../bench/devServer.mjs';
import type { BenchResult, CheckReport } from '../bench/protocol';

/**
 * The fast path's browser-only kernels, checked where they run: in a Web Worker of headless Chromium,
 * on each backend as the app's trainer sets it up (the bench page and worker, served by Vite's dev
 * server, in "check only" mode: bench/checks.ts). Each backend's specialised kernels against the
 * plain tfjs-ops kernels on seventeen shapes (SimpleRNN: the reference batch, with dropout, an odd
 * batch with ReLU, ReLU alone, odd units, both batch shapes with three inputs per step, and two layers
 * of 50 with dropout at batches 20 and 6, placed around the odd batch so that a packed and an unpacked
 * shader sharing one cached binary shows up either way round; then LSTM and GRU, whose fused
 * recurrences run on wasm with SIMD and on webgl as wavefronts at even shapes: 1 to 4 layers, with
 * and without dropout, three inputs), the Adam stores against each other, and on webgl the GLSL
 * activations against their JS forms, the whole-batch SimpleRNN path (loss, gradients, its Adam:
 * bench/batchChecks.ts) and its exact draws per batch on three tiny configurations, and the same for
 * the whole-batch LSTM and GRU paths (batchLstm.ts, batchGru.ts: the same cases, the same draws as
 * SimpleRNN). These run
 * nowhere else in the tests: Node has no webgl and no worker.
 *
 * Tolerance 1e-5 relative to each tensor's largest value: both sides compute in float32 and differ
 * only in summation order (the shaders, the SIMD product and XNNPACK each add up in their own order),
 * which moves the loss and gradients by ~1e-6 here (webgl 3.8e-6, wasm 2.5e-6, cpu 1.2e-6). An indexing
 * or activation mistake moves them by 1e-2 or more; the equivalence tests against tf.layers
 * (src/model/engine/fast/stack.test.ts) use the same 1e-5.
 */
const TOLERANCE = 1e-5;

let server: { url: string; close: () => Promise<void> } | undefined;

test.beforeAll(async () => {
  server = await startBenchServer();
});

test.afterAll(async () => {
  await server?.close();
});

type BenchWindow = { benchResult?: BenchResult; benchError?: string };

/** Opens the bench page in check-only mode for one backend and returns its report. */
async function checksOn(page: Page, backend: string): Promise<CheckReport> {
  if (!server) throw new Error('the bench server did not start');
  await page.goto(`${server.url}bench/bench.html?backends=${backend}&checkOnly=1`);
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as BenchWindow;
      return w.benchResult || w.benchError ? { result: w.benchResult, error: w.benchError } : null;
    },
    null,
    { timeout: 150_000, polling: 250 },
  );
  const { result, error } = (await handle.jsonValue()) as {
    result?: BenchResult;
    error?: string;
  };
  expect(error).toBeUndefined();
  expect(result?.rows).toEqual([]);
  const [report] = result?.checks ?? [];
  // A real comparison: two summation orders never agree to the last bit on all the cases.
  expect(report.kernels).toBeGreaterThan(0);
  console.log(
    `${backend} in a worker: kernels ${report.kernels.toExponential(1)}, Adam ${report.adam.toExponential(1)}` +
      (report.activations === undefined
        ? ''
        : `, GLSL activations ${report.activations.toExponential(1)}`) +
      ` (${(report.ms / 1000).toFixed(1)} s)`,
  );
  return report;
}

test('webgl in a Web Worker on an OffscreenCanvas: the shaders match the tfjs-ops kernels', async ({
  page,
}) => {
  const report = await checksOn(page, 'webgl');
  expect(report.backend).toBe('webgl');
  expect(report.inWorker).toBe(true);
  expect(report.webgl?.version).toBe(2);
  expect(report.webgl?.offscreen).toBe(true);
  expect(report.webgl?.renderer).not.toBe('');
  console.log(`webgl renderer: ${report.webgl?.renderer}`);
  expect(report.kernels).toBeLessThanOrEqual(TOLERANCE);
  expect(report.adam).toBeLessThanOrEqual(TOLERANCE);
  expect(report.activations).toBeLessThanOrEqual(TOLERANCE);
  // The whole-batch SimpleRNN path (webgl/batch.ts) against tfjs ops, and its one-draw Adam.
  expect(report.wholeBatch).toBeGreaterThan(0);
  expect(report.wholeBatch).toBeLessThanOrEqual(TOLERANCE);
  expect(report.wholeBatchAdam).toBeLessThanOrEqual(TOLERANCE);
  // Its draws per batch, exactly: 2 per diagonal (forward and backward), one gather per partial of
  // ≥ 2 diagonals each way, the gradients, the loss's slice and Adam, and the one upload's encoding
  // draw (x, y and the masks in one texture).
  expect(report.draws?.length).toBe(3);
  for (const c of report.draws ?? []) {
    const diagonals = c.timesteps + c.layers - 1;
    const gathers = Math.floor(diagonals / 15) + (diagonals % 15 >= 2 ? 1 : 0);
    const expected = 2 * diagonals + 2 * gathers + 3 + 1;
    console.log(
      `T ${c.timesteps}, L ${c.layers}: ${c.draws.join(', ')} draws (formula ${expected})`,
    );
    expect(c.draws).toEqual([expected, expected]);
  }
  // Tiny shapes, one partial each way: 2·(T + L − 1) + 6, with dropout or without.
  const [first, second] = report.draws ?? [];
  expect(first.draws[0]).toBe(2 * (first.timesteps + first.layers - 1) + 6);
  expect(second.draws[0]).toBe(2 * (second.timesteps + second.layers - 1) + 6);
  // The whole-batch LSTM path (webgl/batchLstm.ts): the same tolerance against tfjs ops (LSTM
  // cells of the stack driver), its one-draw Adam, and exactly SimpleRNN's draws per batch.
  expect(report.wholeBatchLstm).toBeGreaterThan(0);
  expect(report.wholeBatchLstm).toBeLessThanOrEqual(TOLERANCE);
  expect(report.wholeBatchLstmAdam).toBeLessThanOrEqual(TOLERANCE);
  expect(report.drawsLstm?.length).toBe(3);
  (report.drawsLstm ?? []).forEach((c, i) => {
    console.log(`LSTM T ${c.timesteps}, L ${c.layers}: ${c.draws.join(', ')} draws`);
    expect(c.draws).toEqual(report.draws?.[i].draws);
  });
  // The whole-batch GRU path (webgl/batchGru.ts): the same again, one shader per diagonal each way
  // although its candidate needs the reset gate of every unit (each texel recomputes them).
  expect(report.wholeBatchGru).toBeGreaterThan(0);
  expect(report.wholeBatchGru).toBeLessThanOrEqual(TOLERANCE);
  expect(report.wholeBatchGruAdam).toBeLessThanOrEqual(TOLERANCE);
  expect(report.drawsGru?.length).toBe(3);
  (report.drawsGru ?? []).forEach((c, i) => {
    console.log(`GRU T ${c.timesteps}, L ${c.layers}: ${c.draws.join(', ')} draws`);
    expect(c.draws).toEqual(report.draws?.[i].draws);
  });
});

for (const backend of ['wasm', 'cpu']) {
  test(`${backend} in a Web Worker: the fast kernels match the tfjs-ops kernels`, async ({
    page,
  }) => {
    const report = await checksOn(page, backend);
    expect(report.backend).toBe(backend);
    expect(report.inWorker).toBe(true);
    expect(report.kernels).toBeLessThanOrEqual(TOLERANCE);
    expect(report.adam).toBeLessThanOrEqual(TOLERANCE);
  });
}
