import { expect, test, type Page } from '@playwright/test';
import {
  csvFile,
  expectFiniteMetrics,
  expectNoBadNumbers,
  openApp,
  series,
  statusLine,
  TINY,
  type Hooks,
} from './helpers';

/**
 * The run's life through the real UI: Stop and Reset at any moment leave the app usable and the
 * worker's tensor count at its baseline; a file replaced while parsing, and a worker script that
 * fails to load, leave it usable too.
 */

/** What the worker's `memory` message reports (workers/trainer/memory.ts). */
type Memory = { numTensors: number; bytes: number; engineBytes: number; disposeErrors: number };

/**
 * What the worker holds once a Reset has finished (its `memory` message right after the
 * `state: idle` of the reset; a stop's own report, model still alive, comes after `stopped`),
 * waiting for one past event index `after`.
 */
async function memoryAfterReset(
  page: Page,
  after: number,
): Promise<{ index: number; memory: Memory }> {
  const handle = await page.waitForFunction((from) => {
    const ev = (globalThis as unknown as { __trainerTestHooks: Hooks }).__trainerTestHooks.events;
    for (let i = Math.max(from, 1); i < ev.length; i++) {
      const m = ev[i];
      const prev = ev[i - 1];
      if (m.type === 'memory' && prev.type === 'state' && prev.state === 'idle') {
        const { numTensors, bytes, engineBytes, disposeErrors } = m;
        return { index: i + 1, memory: { numTensors, bytes, engineBytes, disposeErrors } };
      }
    }
    return null;
  }, after);
  return (await handle.jsonValue()) as { index: number; memory: Memory };
}

// Every backend with each engine. The stock tf.layers path keeps every weight and optimizer slot as
// tfjs tensors; the fast path keeps them as textures on WebGL and as its own Float32Arrays on
// cpu/wasm (counted in engineBytes with the SIMD scratch memory), so bytes, not tensors, must
// return to the baseline there.
const CYCLES = (['cpu', 'wasm', 'webgl'] as const).flatMap((backend) =>
  (['fast', 'layers'] as const).map((engine) => ({
    name: `${backend}, ${engine === 'fast' ? 'fast path' : 'stock tf.layers'}`,
    backend,
    engine,
    cycles: 10,
  })),
);

for (const { name, backend, engine, cycles } of CYCLES) {
  test(`Stop and Reset at any moment leave the app usable and no tensors or bytes behind (${name}, ${cycles} cycles)`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    // Small batches and the most epochs: the fast path on cpu must still be running when Stop comes.
    const query = TINY.replace('backend=cpu', `backend=${backend}`).replace('batch=64', 'batch=8');
    await openApp(page, `?sample=sine&${query}&engine=${engine}&epochs=1000&testHooks`);
    const status = statusLine(page);
    const train = page.getByRole('button', { name: 'Train', exact: true });
    const stopButton = page.getByRole('button', { name: 'Stop' });
    const reset = page.getByRole('button', { name: 'Reset' });
    // Baseline: a worker with its backend up and no model, after one run stopped (a stopped run's
    // inside view runs the fast path's forward pass even for tf.layers, which grows the SIMD
    // scratch memory once: from then on it is part of the baseline and must stay as it is).
    await train.click();
    await expect(status).toContainText(/Epoch [1-9]\d* \/ 1000 · loss \d/);
    await stopButton.click();
    await expect(status).toContainText('stopped');
    await reset.click();
    const base = await memoryAfterReset(page, 0);
    let seen = base.index;
    for (let cycle = 0; cycle < cycles; cycle++) {
      await train.click();
      // Alternate the moment: at once (compiling), after the first epochs, and while paused.
      if (cycle % 3 === 1) await expect(status).toContainText(/Epoch [2-9]\d* \/ 1000/);
      if (cycle % 3 === 2) {
        await expect(status).toContainText(/Epoch \d+ \/ 1000 · loss/);
        await page.getByRole('button', { name: 'Pause' }).click();
        await expect(status).toContainText('paused');
      }
      // Stop then Reset, or Reset straight away.
      if (cycle % 2 === 0) {
        await stopButton.click();
        await expect(status).toContainText(/stopped|Ready to train/);
      }
      await reset.click();
      await expect(status).toContainText('Ready to train');
      const mem = await memoryAfterReset(page, seen);
      seen = mem.index;
      expect(mem.memory, `cycle ${cycle}`).toEqual(base.memory);
    }
    // Not vacuous: while a model lived (the report after each stop or end), it held bytes (weights,
    // optimizer slots) that Reset gave back.
    const held = await page.evaluate(() =>
      (globalThis as unknown as { __trainerTestHooks: Hooks }).__trainerTestHooks.events.flatMap(
        (m) => (m.type === 'memory' ? [m.bytes] : []),
      ),
    );
    console.log(
      `${name}: bytes baseline ${base.memory.bytes} (engine ${base.memory.engineBytes}), with a model up to ${Math.max(...held)}`,
    );
    expect(Math.max(...held)).toBeGreaterThan(base.memory.bytes);
    // Still usable: a short run to the end with finite metrics.
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await train.click();
    await expect(status).toHaveText(
      new RegExp(`Epoch 2 / 2 · loss [\\d.]+ · Backend: ${backend} · done`),
    );
    await expectFiniteMetrics(page);
    expect(errors).toEqual([]);
  });
}

test('a file picked while another is still parsing replaces it; the app stays usable', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&${TINY}&epochs=1`);
  const input = page.locator('input[type="file"]');
  // A 2 MB file is still parsing when the second, small one is picked: only the latest load lands.
  const long = series(60_000, (i) => `${(i % 97) + 0.5},${i}`, 'date,value,n');
  await input.setInputFiles(csvFile('long.csv', long));
  await input.setInputFiles(
    csvFile(
      'short.csv',
      series(80, (i) => String(Math.sin(i))),
    ),
  );
  await expect(page.getByText('short.csv: 80 rows × 2 columns').first()).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(page.getByText('short.csv: 80 rows × 2 columns').first()).toBeVisible();
  await expect(page.getByText('long.csv')).toHaveCount(0);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toHaveText(/Epoch 1 \/ 1 · loss [\d.]+ · Backend: cpu · done/);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(statusLine(page)).toContainText('Ready to train');
  await expectNoBadNumbers(page);
});

test('a training worker whose script fails to load gives an alert, and the next Train works', async ({
  page,
}) => {
  // The first attempt to fetch the worker script fails (as on a flaky connection or a stale deploy).
  let blocked = 0;
  await page.route(/trainer-worker[^/]*\.js/, (route) =>
    blocked++ === 0 ? route.abort() : route.continue(),
  );
  await openApp(page, `?${TINY}&epochs=1`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  await expect(page.getByRole('alert')).toContainText('The training worker stopped unexpectedly');
  await expect(statusLine(page)).not.toContainText('running');
  await train.click();
  await expect(statusLine(page)).toHaveText(/Epoch 1 \/ 1 · loss [\d.]+ · Backend: cpu · done/);
  await expectFiniteMetrics(page);
});
