import { expect, test, type Page } from '@playwright/test';
import type { FromWorker } from '../src/workers/trainer/protocol';
import { statusLine, type Hooks } from './helpers';

// The training engine end to end: the production build, the real worker, WebGL in an OffscreenCanvas.
// Tiny configs (first shader compiles in software take tens of seconds). `?testHooks` makes the
// client record every delivered worker message and expose a WebGL context-loss trigger.
const TINY = 'layers=1&units=4&timesteps=10&batch=64&dropout=0&lr=0.01&engine=fast&testHooks';

async function events(page: Page): Promise<FromWorker[]> {
  return page.evaluate(() => {
    const h = (globalThis as unknown as { __trainerTestHooks?: Hooks }).__trainerTestHooks;
    // Typed arrays do not survive serialisation well; keep the fields the test reads.
    return (h?.events ?? []).map((m) => ({ ...m, values: undefined })) as FromWorker[];
  });
}

async function expectFiniteMetrics(page: Page) {
  const cells = page.locator('table.metrics tbody tr td:nth-child(2)');
  await expect(cells).toHaveCount(4);
  for (const text of await cells.allTextContents()) {
    expect(Number.isFinite(Number.parseFloat(text.replace(/[,%]/g, ''))), text).toBe(true);
  }
}

test('trains a tiny model in the worker on WebGL and streams every event', async ({ page }) => {
  const origin = new URL(test.info().project.use.baseURL ?? 'http://127.0.0.1').origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    if (/^https?:/.test(r.url()) && new URL(r.url()).origin !== origin) outside.push(r.url());
  });
  await page.goto(`/?epochs=3&backend=webgl&${TINY}`);
  const status = statusLine(page);
  await expect(status).toContainText('Ready to train');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toHaveText(/Epoch 3 \/ 3 · loss [\d.e+-]+ · Backend: webgl · done/, {
    timeout: 170_000,
  });
  const ev = await events(page);
  const ready = ev.find((m) => m.type === 'ready');
  expect(ready && ready.type === 'ready' && ready.backend.name).toBe('webgl');
  console.log(`webgl: ${ready && ready.type === 'ready' ? ready.backend.details : ''}`);
  expect(ev.filter((m) => m.type === 'progress').length).toBeGreaterThan(0);
  const ends = ev.flatMap((m) => (m.type === 'epochEnd' ? [m] : []));
  expect(ends.map((m) => m.epoch)).toEqual([1, 2, 3]);
  expect(ends.every((m) => Number.isFinite(m.trainLoss) && Number.isFinite(m.valLoss))).toBe(true);
  expect(ends[2].trainLoss).toBeLessThan(ends[0].trainLoss);
  // Tensor count flat across epochs: nothing leaks on the GPU either.
  expect(new Set(ends.map((m) => m.numTensors)).size).toBe(1);
  console.log(`epoch ms: ${ends.map((m) => Math.round(m.epochMs)).join(', ')}`);
  expect(ev.filter((m) => m.type === 'predictions')).toHaveLength(3);
  const done = ev.find((m) => m.type === 'done');
  expect(done && done.type === 'done' && done.stopped).toBe(false);
  await expectFiniteMetrics(page);
  expect(outside).toEqual([]);
});

test('a lost WebGL context mid-run switches backend visibly and keeps finite losses', async ({
  page,
}) => {
  // 30 epochs: once the shaders are compiled a tiny epoch takes a fraction of a second, so with 6
  // the status could pass epoch 2–3 between two looks and the context loss come after the end.
  await page.goto(`/?epochs=30&backend=webgl&${TINY}`);
  const status = statusLine(page);
  await expect(status).toContainText('Ready to train');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // Epoch 2 or later under way: epoch 1 ended on WebGL, so there is a count from before the switch.
  await expect(status).toContainText(/Epoch ([2-9]|1\d) \/ 30/, { timeout: 150_000 });
  await page.evaluate(() =>
    (globalThis as unknown as { __trainerTestHooks: Hooks }).__trainerTestHooks.loseContext(),
  );
  // The notice region announces it (the Train panel repeats it beside the backend line).
  await expect(page.locator('.notices').getByText(/Switched from webgl to (wasm|cpu)/)).toBeVisible(
    {
      timeout: 60_000,
    },
  );
  await expect(status).toHaveText(/Epoch 30 \/ 30 · loss [\d.e+-]+ · Backend: (wasm|cpu) · done/, {
    timeout: 120_000,
  });
  const ev = await events(page);
  const at = ev.findIndex((m) => m.type === 'backendChanged');
  expect(at).toBeGreaterThan(-1);
  const after = ev.slice(at).flatMap((m) => (m.type === 'epochEnd' ? [m] : []));
  expect(after.length).toBeGreaterThan(0);
  expect(after.at(-1)!.epoch).toBe(30);
  expect(after.every((m) => Number.isFinite(m.trainLoss) && Number.isFinite(m.valLoss))).toBe(true);
  // Nothing of the dead backend is left behind and nothing leaks on the new one: the tensor count
  // never grows past what WebGL held, and the bytes held (tfjs's plus the fast path's own arrays
  // on wasm/cpu, where its weights are no tensors) stay flat epoch to epoch after the switch.
  const before = ev.slice(0, at).flatMap((m) => (m.type === 'epochEnd' ? [m] : []));
  console.log(
    `numTensors before/after the switch: ${before.at(-1)?.numTensors} / ${after.map((m) => m.numTensors).join(',')}; bytes after: ${after.map((m) => m.bytes).join(',')}`,
  );
  expect(before.length).toBeGreaterThan(0);
  expect(after.at(-1)!.numTensors).toBeLessThanOrEqual(before.at(-1)!.numTensors);
  expect(after.length).toBeGreaterThanOrEqual(2);
  expect(after.every((m) => m.bytes > 0)).toBe(true);
  expect(new Set(after.map((m) => m.bytes)).size).toBe(1);
  await expectFiniteMetrics(page);
});

test('a worker crash mid-run shows an alert and the app can train again', async ({ page }) => {
  await page.goto(`/?epochs=200&backend=cpu&${TINY}`);
  const status = statusLine(page);
  await expect(status).toContainText('Ready to train');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  await expect(status).toContainText(/Epoch [1-9]\d* \/ 200 · loss \d/, { timeout: 60_000 });
  await page.evaluate(() =>
    (globalThis as unknown as { __trainerTestHooks: Hooks }).__trainerTestHooks.crash(),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'stopped unexpectedly' })).toBeVisible();
  // Train again on a fresh worker: a short run to the end.
  await page.getByLabel('Epochs', { exact: true }).fill('2');
  await expect(train).toBeEnabled();
  await train.click();
  await expect(status).toHaveText(/Epoch 2 \/ 2 · loss [\d.e+-]+ · Backend: cpu · done/, {
    timeout: 60_000,
  });
  await expectFiniteMetrics(page);
});
