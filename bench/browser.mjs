/**
 * Browser variant: serves bench/bench.html with Vite's dev server on 127.0.0.1 (devServer.mjs) and opens
 * it in headless Chromium (playwright-core API); the measuring happens in a Web Worker on that page.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/ensure-chromium.mjs';
import { startBenchServer } from './devServer.mjs';

const FLAGS = [
  ...CHROMIUM_ARGS,
  '--ignore-gpu-blocklist',
  '--enable-unsafe-swiftshader',
  '--enable-unsafe-webgpu',
];

/** Runs the bench in a worker of headless Chromium; returns the worker's BenchResult (protocol.ts). */
export async function runBrowser({
  backends,
  batches,
  reps,
  warmup,
  engines,
  flags,
  breakdown,
  checkOnly,
  cell,
  isolated,
  log,
  timeoutMs = 30 * 60_000,
}) {
  const server = await startBenchServer({ isolated });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: ensureChromium(),
      args: FLAGS,
    });
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[bench] ')) log(m.text().slice(8));
    });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const query = new URLSearchParams({
      backends: backends.join(','),
      batches: String(batches),
      reps: String(reps),
      warmup: String(warmup),
      engines: engines.join(','),
      flags: JSON.stringify(flags ?? {}),
      breakdown: breakdown ? '1' : '0',
      checkOnly: checkOnly ? '1' : '0',
      cell: cell ?? 'simpleRNN',
    });
    await page.goto(`${server.url}bench/bench.html?${query}`);
    await page.waitForFunction(() => window.benchResult || window.benchError, null, {
      timeout: timeoutMs,
      polling: 500,
    });
    const error = await page.evaluate(() => window.benchError);
    if (error) throw new Error(`bench failed in the browser: ${error}`);
    return await page.evaluate(() => window.benchResult);
  } finally {
    await browser?.close();
    await server.close();
  }
}
