import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY, openApp, statusLine } from './helpers';
import { startStaticHost, type StaticHost } from './staticHost';

/**
 * The service worker (vite.config.ts): after one visit the app opens, loads a sample, trains and
 * exports with the network off; a new deploy shows Reload; a sub-path build keeps every URL, the
 * worker's scope and the manifest under its base.
 */

/** Waits until the service worker is active (everything precached), then reloads under its control. */
async function visitUntilControlled(page: Page): Promise<void> {
  const state = await page.evaluate(
    async () => (await navigator.serviceWorker.ready).active?.state,
  );
  expect(['activating', 'activated']).toContain(state);
  await page.reload();
  await expect(statusLine(page)).toContainText('Ready to train');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Trains the configuration in the URL to the end on `backend`. */
async function trainToDone(page: Page, backend: string): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toHaveText(new RegExp(`Backend: ${backend} · done`), {
    timeout: 120_000,
  });
}

test('after one visit, with the network off: the app opens, loads the sample, trains on wasm and cpu, exports', async ({
  page,
  context,
}) => {
  const query = `?sample=sine&epochs=2&${TINY}`;
  await openApp(page, query);
  await visitUntilControlled(page);

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // Everything the page and its workers fetch from now on must come from the service worker: a
  // request that reached the network would fail (offline) or answer from outside it.
  const missed: string[] = [];
  context.on('requestfailed', (r) => missed.push(`failed: ${r.url()}`));
  context.on('response', (r) => {
    if (r.url().startsWith('http') && !r.fromServiceWorker()) missed.push(`network: ${r.url()}`);
  });

  // A URL never visited before: the navigation falls back to the precached page.
  await openApp(page, query.replace('backend=cpu', 'backend=wasm'));
  await expect(page.getByText(/sine\.csv.*: 600 rows/)).toBeVisible();
  await trainToDone(page, 'wasm');

  await page.reload();
  await expect(statusLine(page)).toContainText('Ready to train');
  await page.getByLabel('Backend', { exact: true }).selectOption('cpu');
  await trainToDone(page, 'cpu');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download predictions' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const csv = readFileSync((await download.path()) ?? '', 'utf8')
    .trim()
    .split('\n');
  // sine.csv: 600 rows, split 0.8 → 120 test rows, one prediction each.
  expect(csv[0]).toBe('date,actual,predicted');
  expect(csv.length - 1).toBe(120);
  expect(missed).toEqual([]);
  await context.setOffline(false);
});

test.describe('a sub-path build on a plain static host', () => {
  const BASE = '/rnn-playground/';
  let dir = '';
  let host: StaticHost | undefined;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rnn-subpath-'));
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
      { env: { ...process.env, BASE_PATH: BASE }, encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    host = await startStaticHost(dir, BASE);
  });

  test.afterAll(async () => {
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('everything stays under the base: page, workers, wasm, sample, manifest, service worker scope; _headers and .htaccess carry the meta CSP', async ({
    page,
  }) => {
    if (!host) throw new Error('no host');
    const origin = new URL(host.url).origin;
    const requests: string[] = [];
    page.context().on('request', (r) => requests.push(r.url()));
    await page.goto(`${host.url}?sample=sine&epochs=1&${TINY.replace('cpu', 'wasm')}`);
    await expect(statusLine(page)).toContainText('Ready to train');
    await trainToDone(page, 'wasm');

    const sw = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, script: reg.active?.scriptURL };
    });
    expect(sw).toEqual({ scope: `${origin}${BASE}`, script: `${origin}${BASE}sw.js` });
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe(`${BASE}manifest.webmanifest`);
    const manifest = (await (await page.request.get(`${origin}${manifestHref}`)).json()) as {
      start_url: string;
      scope: string;
      icons: { src: string }[];
    };
    expect(manifest.start_url).toBe(BASE);
    expect(manifest.scope).toBe(BASE);
    for (const icon of manifest.icons)
      expect((await page.request.get(`${host.url}${icon.src}`)).status()).toBe(200);

    const own = requests.filter((u) => u.startsWith(origin));
    expect(own.filter((u) => !u.startsWith(`${origin}${BASE}`))).toEqual([]);
    for (const part of ['trainer-worker-', 'parse-worker-', '.wasm', 'samples/sine.csv'])
      expect(
        own.some((u) => u.includes(part)),
        part,
      ).toBe(true);
    expect(host.outside).toEqual([]);

    // The host files carry the page's own policy: the static host sent it from _headers.
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    // The header adds what a meta policy cannot say: no framing.
    const header = `${meta}; frame-ancestors 'none'`;
    const response = await page.request.get(host.url);
    expect(response.headers()['content-security-policy']).toBe(header);
    expect(response.headers()['x-frame-options']).toBe('DENY');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(readFileSync(join(dir, '.htaccess'), 'utf8')).toContain(
      `Header always set Content-Security-Policy "${header}"`,
    );
    expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toContain(
      `add_header Content-Security-Policy "${header}" always;`,
    );
    expect(readFileSync(join(dir, 'vercel.json'), 'utf8')).toContain(JSON.stringify(header));
  });

  test('a new deploy waits until the notice’s Reload lets it take over', async ({ page }) => {
    if (!host) throw new Error('no host');
    await page.goto(`${host.url}?sample=sine&${TINY}`);
    await expect(statusLine(page)).toContainText('Ready to train');
    await visitUntilControlled(page);
    await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0);

    host.deploy('2');
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const reload = page.getByRole('button', { name: 'Reload' });
    await expect(reload).toBeVisible();
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.ready).waiting)).toBe(
      true,
    );

    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await expect(statusLine(page)).toContainText('Ready to train');
    expect(
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return { waiting: reg.waiting, controlled: navigator.serviceWorker.controller !== null };
      }),
    ).toEqual({ waiting: null, controlled: true });
    await expect(reload).toHaveCount(0);
  });
});
