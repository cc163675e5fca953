import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY, statusLine } from './helpers';
import { fetchesFromEverywhere, startOtherOrigin, type OtherOrigin } from './otherOrigin';
import { startStaticHost, type StaticHost } from './staticHost';

/**
 * The production build (no RNN_PLAYGROUND_TEST_HOOKS) on a plain static host that sends no headers
 * at all, as GitHub Pages or `python -m http.server` would: only the page's <meta> policy exists.
 * The page and both workers (which read the user's data) must still be unable to reach another
 * origin, and `?testHooks` must do nothing.
 */

let dir = '';
let host: StaticHost | undefined;
let other: OtherOrigin | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rnn-production-'));
  const env = { ...process.env };
  delete env.RNN_PLAYGROUND_TEST_HOOKS;
  delete env.BASE_PATH;
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    { env, encoding: 'utf8' },
  );
  expect(build.status, build.stderr).toBe(0);
  host = await startStaticHost(dir, '/', { headers: false });
  other = await startOtherOrigin();
});

test.afterAll(async () => {
  await host?.close();
  await other?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('served with no headers, the page and both workers are held to the meta policy: no other origin, and a wasm run still trains', async ({
  page,
}) => {
  if (!host || !other) throw new Error('no host');
  const response = await page.goto(
    `${host.url}?sample=sine&epochs=1&${TINY.replace('cpu', 'wasm')}`,
  );
  expect(response?.headers()['content-security-policy']).toBeUndefined();
  await expect(statusLine(page)).toContainText('Ready to train');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toHaveText(/Backend: wasm · done/, { timeout: 120_000 });

  // The sample was parsed and the run trained, so both workers are up.
  const blocked = expect.stringMatching(/^blocked: /) as unknown;
  expect(await fetchesFromEverywhere(page, other)).toEqual({
    page: blocked,
    parse: blocked,
    trainer: blocked,
  });
  expect(other.reached).toEqual([]);
});

test('?testHooks does nothing in the production build, whose files hold no hook code', async ({
  page,
}) => {
  if (!host) throw new Error('no host');
  await page.goto(`${host.url}?sample=sine&testHooks&epochs=1&${TINY}`);
  await expect(statusLine(page)).toContainText('Ready to train');
  // A run creates the trainer client, which is where a test build installs its hooks.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toHaveText(/Backend: cpu · done/, { timeout: 120_000 });
  const hooks = await page.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    return { trainer: typeof g.__trainerTestHooks, regions: typeof g.__breakRegions };
  });
  expect(hooks).toEqual({ trainer: 'undefined', regions: 'undefined' });

  const HOOK_CODE = [
    '__trainerTestHooks',
    '__breakRegions',
    'Simulated worker crash',
    // Not the extension's name: Auto's renderer probe (engine/autoBackend.ts) releases its
    // throwaway context with it in every build.
    'Test hook loseContext',
  ];
  /** Which of HOOK_CODE the build in `root` holds, in any of its scripts. */
  const hookCode = (root: string) => {
    const assets = readdirSync(join(root, 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets.some((f) => f.startsWith('trainer-worker-'))).toBe(true);
    const code = assets.map((f) => readFileSync(join(root, 'assets', f), 'utf8')).join('\n');
    return HOOK_CODE.filter((h) => code.includes(h));
  };
  // The browser tests' own build (dist/, RNN_PLAYGROUND_TEST_HOOKS=1) has them all, so the
  // strings are the right ones to look for; the production build has none.
  expect(hookCode('dist')).toEqual(HOOK_CODE);
  expect(hookCode(dir)).toEqual([]);
});
