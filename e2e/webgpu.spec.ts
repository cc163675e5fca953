import { expect, test, type Page } from '@playwright/test';
import { startBenchServer } from '../bench/devServer.mjs';
import type { WebgpuCaseReport } from '../bench/protocol';

/**
 * The WebGPU engine (src/model/engine/webgpu/) where it runs: in a Web Worker on the software WebGPU
 * adapter headless Chromium offers with --enable-unsafe-webgpu (playwright.config.ts), through the
 * bench's dev server (bench/webgpu.html, bench/webgpuCheck.ts). Four SimpleRNN networks, three LSTM
 * and three GRU (bench/webgpuCases.ts: 1–4 layers, k ≥ 1, with and without dropout), three batches each:
 * against the stock tf.layers engine (losses, weights after three Adam steps), the fast path's
 * gradients and its predictions (more rows than a batch) from the same weights, every dropout mask bit-identical to masks.ts's, and the GPU commands per batch.
 *
 * Tolerances: the first batch's loss and gradients 1e-5 relative to each tensor's largest value, as
 * the other backends (e2e/kernels.spec.ts): float32 summed in another order, and WGSL's exp, which
 * the WGSL spec lets be a few ulp off (SwiftShader's is), where the cpu path's tanh and sigmoid are
 * correctly rounded. The WGSL tanh takes its series near 0 (common.ts): the one-exp form cancels
 * there, which put the LSTM's small states (o ⊙ tanh c) 1e-7 off and its Dense gradients 1.1e-5.
 * Measured here at most 1.3e-6 (gradients), 1.0e-6 (predictions) over the ten networks. After Adam
 * steps the two sides drift apart faster than the gradients do: Adam divides by √v, so a gradient
 * element near 0 whose 1e-6 noise differs moves its weight by up to lr on the first step. So the
 * later losses 1e-4 relative and the weights after three steps 0.1·lr absolute (the Node tests
 * compare the fast and stock engines' weights after three steps at 1e-4 absolute, lr 0.01, for the
 * same reason); measured here at most 1.5e-5 and 0.008·lr.
 */
let server: { url: string; close: () => Promise<void> } | undefined;

test.beforeAll(async () => {
  server = await startBenchServer();
});

test.afterAll(async () => {
  await server?.close();
});

/** The checks of `cells` (bench/webgpuCases.ts), asserted; `dispatches` per batch expected. */
async function check(page: Page, cells: string, cases: number, dispatches: number): Promise<void> {
  if (!server) throw new Error('the bench server did not start');
  await page.goto(`${server.url}bench/webgpu.html?cells=${cells}`);
  const handle = await page.waitForFunction(
    () => (window as unknown as { webgpuResult?: unknown }).webgpuResult ?? null,
    null,
    { timeout: 170_000, polling: 250 },
  );
  const result = (await handle.jsonValue()) as {
    error?: string;
    adapter?: string;
    cases?: WebgpuCaseReport[];
  };
  expect(result.error).toBeUndefined();
  console.log(`WebGPU adapter: ${result.adapter}`);
  for (const c of result.cases ?? []) {
    console.log(
      `${c.name}: loss ${c.loss.toExponential(1)} (later ${c.laterLoss.toExponential(1)}), ` +
        `gradients ${c.grads.toExponential(1)}, predictions ${c.predict.toExponential(1)}, weights ${c.weights.toExponential(1)} absolute, masks ${c.maskMismatches}/${c.maskElements} differ, ` +
        `${c.commands.perBatch} dispatches, ${c.commands.submits} submit, ${c.commands.uploads} upload per batch`,
    );
    expect(c.loss, c.name).toBeLessThan(1e-5);
    expect(c.grads, c.name).toBeLessThan(1e-5);
    expect(c.predict, c.name).toBeLessThan(1e-5);
    // A real comparison: two summation orders never agree to the last bit everywhere.
    expect(c.grads, c.name).toBeGreaterThan(0);
    expect(c.laterLoss, c.name).toBeLessThan(1e-4);
    expect(c.weights, c.name).toBeLessThan(0.1 * c.learningRate);
    expect(c.maskMismatches, c.name).toBe(0);
    expect(c.commands).toMatchObject({
      kind: 'dispatches',
      perBatch: dispatches,
      submits: 1,
      uploads: 1,
    });
    expect(c.commands.perBatch).toBeLessThanOrEqual(6);
  }
  expect(result.cases).toHaveLength(cases);
}

test('the WebGPU engine trains as the stock engine, draws the same masks, in 2 dispatches a batch', async ({
  page,
}) => {
  await check(page, 'simpleRNN', 4, 2);
});

test('the WebGPU engine trains LSTM and GRU stacks as the stock engine, in 2 dispatches a batch', async ({
  page,
}) => {
  await check(page, 'lstm,gru', 6, 2);
});
