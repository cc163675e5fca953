import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { TINY, statusLine } from './helpers';
import { fetchesFromEverywhere, startOtherOrigin } from './otherOrigin';

/** Everything a page may fetch: its own origin, plus data: and blob: URLs it made itself. */
function isOwn(url: string, origin: string): boolean {
  return url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:');
}

/** The origin of the page as loaded. */
function originOf(page: Page): string {
  return new URL(page.url()).origin;
}

test('the built page carries a same-origin Content-Security-Policy', async ({ page }) => {
  await page.goto('/');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).not.toBeNull();
  const directives = new Map(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  // No directive lets in another origin or arbitrary inline/eval script.
  for (const [, values] of directives) {
    for (const v of values)
      expect(v).toMatch(/^('self'|'none'|'wasm-unsafe-eval'|'unsafe-inline'|data:|blob:)$/);
  }
  expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
});

test('the meta CSP alone blocks an injected inline script and inline handler, and holds the workers too', async ({
  page,
  context,
}) => {
  // `vite preview` also sends the policy as a header; drop it from every response (page, worker
  // scripts, wasm) so only the shipped <meta> acts, as on a static host that sets no headers.
  const stripped = new Set<string>();
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (headers['content-security-policy']) stripped.add(new URL(route.request().url()).pathname);
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  const response = await page.goto('/?sample=sine&epochs=1&' + TINY);
  expect(response?.headers()['content-security-policy']).toBeUndefined();
  await expect(statusLine(page)).toContainText('Ready to train');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toHaveText(/Backend: cpu · done/, { timeout: 120_000 });
  // The header was there to strip, from the page and from the workers' scripts.
  expect(stripped).toContain('/');
  expect([...stripped].some((p) => /trainer-worker-/.test(p))).toBe(true);
  const other = await startOtherOrigin();
  try {
    const blocked = expect.stringMatching(/^blocked: /) as unknown;
    expect(await fetchesFromEverywhere(page, other)).toEqual({
      page: blocked,
      parse: blocked,
      trainer: blocked,
    });
    expect(other.reached).toEqual([]);
  } finally {
    await other.close();
  }
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(e.effectiveDirective),
    );
    const s = document.createElement('script');
    s.textContent = 'window.__injected = 1';
    document.head.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handler = 1');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    img.remove();
    return { injected: w.__injected, handler: w.__handler, violations };
  });
  expect(outcome.injected).toBeUndefined();
  expect(outcome.handler).toBeUndefined();
  expect(outcome.violations).toContain('script-src-elem');
  expect(outcome.violations).toContain('script-src-attr');
});

/** Sets a tiny configuration through the labelled controls (those present) and trains to the end. */
async function trainTinyRun(page: Page, backend: 'webgl' | 'wasm'): Promise<void> {
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled({ timeout: 60_000 });
  const tiny: [string, string][] = [
    ['Epochs', '1'],
    ['Layers', '1'],
    ['Units', '8'],
    ['Timesteps', '10'],
  ];
  for (const [label, value] of tiny) {
    const input = page.getByLabel(label, { exact: true });
    if ((await input.count()) > 0) await input.fill(value);
  }
  const select = page.getByLabel('Backend', { exact: true });
  if ((await select.count()) > 0) await select.selectOption(backend);
  const status = page.getByRole('status').first();
  // A previous run's "… done" is still on screen: only count "done" after the text has left it.
  await status.evaluate((el) => {
    const w = window as unknown as { __runSeen: boolean };
    w.__runSeen = false;
    new MutationObserver(() => {
      if (!/done\s*$/i.test(el.textContent ?? '')) w.__runSeen = true;
    }).observe(el, { childList: true, subtree: true, characterData: true });
  });
  await train.click();
  await page.waitForFunction(() => (window as unknown as { __runSeen: boolean }).__runSeen);
  await expect(status).toHaveText(/done\s*$/i, { timeout: 150_000 });
  if ((await select.count()) > 0) await expect(status).toContainText(`Backend: ${backend}`);
  console.log(`tiny ${backend} run: ${await status.textContent()}`);
  await page.waitForLoadState('networkidle');
}

test('a full page load, and a training run when the UI offers one, stay on the own origin', async ({
  page,
  context,
}) => {
  const requests: string[] = [];
  const violations: string[] = [];
  // Context-wide, so requests from the app's workers are caught too. The CSP blocks most
  // cross-origin loads before they become requests, so its violation reports count as failures too.
  context.on('request', (r) => requests.push(r.url()));
  const onConsole = (m: ConsoleMessage) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  };
  context.on('console', onConsole);
  page.on('worker', (w) => w.on('console', onConsole));
  await page.goto('/');
  const origin = originOf(page);
  await page.waitForLoadState('networkidle');

  // Once the UI exists: a tiny run on WebGL, then one on wasm (which needs 'wasm-unsafe-eval' and
  // its same-origin .wasm files), each to the end.
  if ((await page.getByRole('button', { name: 'Train', exact: true }).count()) > 0) {
    await trainTinyRun(page, 'webgl');
    await trainTinyRun(page, 'wasm');
  }

  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((u) => !isOwn(u, origin))).toEqual([]);
  expect(violations).toEqual([]);
});
