import { expect, test, type Page } from '@playwright/test';
import { cell, csvFile, openApp, series, statusLine, TINY } from './helpers';

/**
 * Races between loading data and training (issue 14 item 1), and a worker that never answers (item
 * 6), through the real UI. A large generated file whose values are near 4,000,000 makes any of its
 * results drawn over the sine sample (values near 100) plain to see.
 */

// Requests are delayed or held with page.route, which the service worker would bypass.
test.use({ serviceWorkers: 'block' });

const ROWS = 60_000;
const BIG = csvFile(
  'big.csv',
  series(ROWS, (i) => (4_000_000 + 1000 * Math.sin(i / 30) + i).toFixed(2)),
);
const BIG_LINE = `big.csv: ${ROWS.toLocaleString('en-US')} rows × 2 columns`;

/** Holds the sine sample's request for `ms` (a slow network): its load stays in flight meanwhile. */
async function slowSine(page: Page, ms: number): Promise<void> {
  await page.route(/samples\/sine\.csv/, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
}

async function loadBig(page: Page): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(BIG);
  await expect(page.getByText(BIG_LINE)).toBeVisible();
  await expect(statusLine(page)).toContainText('Ready to train');
}

const points = async (page: Page, caption: string) =>
  Number(
    await page
      .locator('figure', { has: page.locator('figcaption', { hasText: caption }) })
      .getAttribute('data-points'),
  );

test('Train pressed (Space) while another sample loads trains nothing on the data being replaced', async ({
  page,
}) => {
  await slowSine(page, 2500);
  await openApp(page, `?${TINY}&epochs=40`);
  await loadBig(page);
  await page.locator('#sample-select').selectOption('sine');
  await expect(page.locator('.loading')).toContainText('Loading Noisy sine wave');
  // The keyboard shortcut reaches train() whatever the disabled Train button says.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(' ');
  await expect(page.getByText('sine.csv:').first()).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  // Nothing of big.csv's run may be drawn against the sine's rows.
  await expect(statusLine(page)).toContainText('Ready to train');
  expect(await points(page, 'Training loss')).toBe(0);
  expect(await points(page, 'Predictions vs actual')).toBe(0);
  // And a run on the sine is about the sine: its errors are on its scale (values near 100).
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done', { timeout: 120_000 });
  const rmse = Number((await cell(page, 'Test metrics', 'RMSE', 'Model')).replace(/,/g, ''));
  expect(rmse).toBeGreaterThan(0);
  expect(rmse).toBeLessThan(100);
});

test('data controls stay locked from Train until the run has started; a forced sample switch is refused', async ({
  page,
}) => {
  await openApp(page, `?${TINY}&epochs=40`);
  await loadBig(page);
  // Record every change of the data controls' lock, with the status line at that moment.
  await page.evaluate(() => {
    const log: [string, boolean, string][] = [];
    (window as unknown as { lockLog: typeof log }).lockLog = log;
    for (const id of ['sample-select', 'file-input', 'cfg-targetColumn']) {
      const el = document.getElementById(id) as HTMLInputElement;
      new MutationObserver(() => {
        const status = document.querySelector('[role=status]')?.textContent ?? '';
        log.push([id, el.disabled, status]);
      }).observe(el, { attributes: true, attributeFilter: ['disabled'] });
    }
  });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // While the run is prepared, a change event on the sample select (as if the lock were missed).
  await page.evaluate(() => {
    const select = document.getElementById('sample-select') as HTMLSelectElement;
    select.value = 'sine';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(statusLine(page)).toContainText('Epoch', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(statusLine(page)).toContainText('stopped');
  const log = await page.evaluate(
    () => (window as unknown as { lockLog: [string, boolean, string][] }).lockLog,
  );
  const firstUnlock = log.findIndex(([, disabled]) => !disabled);
  // Locked at Train, unlocked only once the run ended (stopped), never in between.
  expect(log.slice(0, firstUnlock).every(([, disabled]) => disabled)).toBe(true);
  expect(log[firstUnlock]?.[2] ?? 'stopped').toMatch(/stopped/);
  await expect(page.getByText(BIG_LINE)).toBeVisible();
  await expect(page.getByText('sine.csv:')).toHaveCount(0);
});

test('a bad file dropped while the first sample still loads does not lose both', async ({
  page,
}) => {
  await slowSine(page, 2000);
  await page.goto(`/?sample=sine&${TINY}`);
  await expect(page.locator('.loading')).toContainText('Loading Noisy sine wave');
  await page.locator('input[type="file"]').setInputFiles(csvFile('header.csv', 'date,value\n'));
  await expect(page.getByRole('alert')).toContainText(
    '"header.csv" has a header line but no data rows',
  );
  // The sample still lands, and the alert says why the file did not.
  await expect(page.getByText('sine.csv:').first()).toBeVisible({ timeout: 30_000 });
  await expect(statusLine(page)).toContainText('Ready to train');
  await expect(page.getByRole('alert')).toContainText('header.csv');
});

test('a good file dropped while the first sample still loads wins, cleanly', async ({ page }) => {
  await slowSine(page, 2000);
  await page.goto(`/?sample=sine&${TINY}`);
  await expect(page.locator('.loading')).toContainText('Loading Noisy sine wave');
  await page.locator('input[type="file"]').setInputFiles(
    csvFile(
      'mine.csv',
      series(300, (i) => String(500 + i)),
    ),
  );
  await expect(page.getByText('mine.csv: 300 rows × 2 columns')).toBeVisible();
  await page.waitForTimeout(3000); // the sample's answer has come and gone
  await expect(page.getByText('mine.csv: 300 rows × 2 columns')).toBeVisible();
  await expect(page.getByText('sine.csv:')).toHaveCount(0);
  await expect(statusLine(page)).toContainText('Ready to train');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a training worker that never answers turns Train into an alert, and the next Train works', async ({
  page,
}) => {
  // The worker script's request is held forever (as a dev server re-optimising its dependencies can).
  let held = 0;
  await page.route(/trainer-worker[^/]*\.js/, (route) =>
    held++ === 0 ? undefined : route.continue(),
  );
  await openApp(page, `?${TINY}&epochs=1`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  await expect(statusLine(page)).toContainText('Preparing the model');
  await expect(page.getByRole('alert')).toContainText(
    'The training worker did not answer after it was started (its code may not have loaded)',
    { timeout: 90_000 },
  );
  await expect(page.getByRole('alert')).toContainText('reload the page');
  await expect(statusLine(page)).not.toContainText('Preparing');
  await train.click();
  await expect(statusLine(page)).toHaveText(/Epoch 1 \/ 1 · loss [\d.]+ · Backend: cpu · done/);
});
