import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script without types
import { makeCsv } from './bench-parse.mjs';

/** Loads a 959,005-row (about 50 MB) CSV through the file input and presses Train; prints timings. */
test('50 MB CSV: load time and longest main-thread tasks', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-parse-ui-'));
  const file = join(dir, 'stocks.csv');
  writeFileSync(file, (makeCsv as (rows: number, order: string) => string)(959_005, 'oldest'));
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          w.__long.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('/?backend=cpu&layers=1&units=4&dropout=0&timesteps=5&epochs=1&batch=4096');
    await expect(page.getByRole('status')).toContainText('Ready to train');
    const longest = (from: number) =>
      page.evaluate((t) => {
        const w = window as unknown as { __long: { start: number; duration: number }[] };
        const xs = w.__long.filter((e) => e.start >= t).map((e) => Math.round(e.duration));
        return { count: xs.length, max: Math.max(0, ...xs), all: xs.slice(0, 20) };
      }, from);

    const t0 = await page.evaluate(() => performance.now());
    const wall0 = Date.now();
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect(page.locator('.dataset-line')).toContainText('959,005 rows', { timeout: 240_000 });
    const loadMs = Date.now() - wall0;
    const loadLong = await longest(t0);
    console.log(`load: ${loadMs} ms; long tasks during load: ${JSON.stringify(loadLong)}`);

    const t1 = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByRole('status')).toContainText(/Epoch|compiling|loss/i, {
      timeout: 120_000,
    });
    await page.waitForTimeout(3000);
    const trainLong = await longest(t1);
    console.log(`train click: long tasks in the next seconds: ${JSON.stringify(trainLong)}`);
    // What the page itself holds while the run trains (after a full garbage collection).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      backingStorageSize?: number;
    };
    const mb = (n = 0) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `page memory while training: JS heap ${mb(heap.usedSize)}, array buffers ${mb(heap.backingStorageSize)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
