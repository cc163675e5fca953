import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Deliberately UI-agnostic: the flow tests live in ui.spec.ts. This one only guards "the built app
// boots cleanly": right title, something rendered into #root, no console error, no page error.
test('the production build loads without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('RNN Playground');
  await expect(page.locator('#root > *').first()).toBeVisible();
  // Let first-open work (sample load, effects) settle before judging the console.
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});

// tfjs and PapaParse load only in their workers, and what the page itself loads stays small.
test('the page entry bundle holds neither TensorFlow.js nor PapaParse and stays under 300 KB gzipped', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', (res) => {
    // Only the page's own scripts: a module worker's script can be reported for the frame too,
    // so workers (assets/<name>-worker-<hash>.js, vite.config.ts) are told apart by name, and
    // their one-line blob: bootstraps (src/workers/spawn.ts) by scheme.
    const url = res.url();
    if (
      res.request().resourceType() === 'script' &&
      res.frame() === page.mainFrame() &&
      !url.startsWith('blob:') &&
      !/-worker-[\w-]+\.js$/.test(url)
    )
      scripts.push(url);
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(scripts.length).toBeGreaterThan(0);
  let gzipped = 0;
  for (const url of scripts) {
    const file = join('dist', new URL(url).pathname);
    const body = readFileSync(file);
    gzipped += gzipSync(body).length;
    expect(body.toString('utf8'), `${file} must not bundle tfjs`).not.toMatch(
      /MathBackendWebGL|tfjs-backend-wasm|registerKernel\(/,
    );
    // PapaParse's public constants survive minification.
    expect(body.toString('utf8'), `${file} must not bundle PapaParse`).not.toMatch(
      /BAD_DELIMITERS|RECORD_SEP/,
    );
  }
  console.log(`page scripts: ${scripts.length}, ${(gzipped / 1024).toFixed(0)} KB gzipped`);
  expect(gzipped).toBeLessThan(300 * 1024);
});
