import { expect, test, type Page } from '@playwright/test';
import { cell, csvFile, expectFiniteMetrics, openApp, series, statusLine, TINY } from './helpers';

/**
 * The Results panel's honest bars and its diagnostics in words: Linear beside persistence (and
 * Seasonal naive on a weekly series), a verdict naming the best of them, the S&P 500 sample's test
 * values beyond the training range, a diverging run's advice, and the Early stopping knob.
 */

const COLUMNS: Record<string, string> = {
  'Persistence baseline': '“tomorrow = today”',
  Linear: 'Linear',
  'Seasonal naive': 'Seasonal naive',
};

/** The verdict names the baseline with the lowest RMSE in the table. */
async function expectVerdictNamesBest(page: Page): Promise<void> {
  const heads = await page
    .getByRole('table', { name: 'Test metrics' })
    .locator('thead th')
    .allTextContents();
  let best = '';
  let bestRmse = Infinity;
  for (const h of heads.slice(2)) {
    const rmse = parseFloat((await cell(page, 'Test metrics', 'RMSE', h)).replace(/,/g, ''));
    if (rmse < bestRmse) [best, bestRmse] = [h, rmse];
  }
  await expect(page.locator('.verdict')).toContainText(`best baseline, ${COLUMNS[best]}`);
  await expect(page.locator('.verdict')).not.toContainText('yet');
}

test('S&P 500: Linear beside persistence, the verdict names the best, 152 of 372 above the training range', async ({
  page,
}) => {
  await openApp(page, `?${TINY}&epochs=1`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done');
  await expectFiniteMetrics(page);
  await expectVerdictNamesBest(page);
  await expect(page.getByRole('list', { name: 'Diagnostics' })).toContainText(
    '152 of 372 test values lie above anything seen in training',
  );
});

test('a weekly pattern in daily data gets a Seasonal naive column', async ({ page }) => {
  await openApp(page, `?${TINY}&epochs=1`);
  const week = [10, 12, 15, 11, 9, 20, 22];
  const text = series(300, (i) => (100 + i * 0.05 + week[i % 7]).toFixed(2));
  await page.locator('input[type="file"]').setInputFiles(csvFile('weekly.csv', text));
  await expect(page.getByText('weekly.csv: 300 rows').first()).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done');
  const seasonal = await cell(page, 'Test metrics', 'RMSE', 'Seasonal naive');
  // ŷ_t = y_{t−7} misses only the trend over a week (0.35).
  expect(parseFloat(seasonal)).toBeCloseTo(0.35, 2);
  await expectFiniteMetrics(page);
  await expectVerdictNamesBest(page);
  // Five columns on a phone: the table scrolls inside its region, the page does not.
  await page.setViewportSize({ width: 375, height: 800 });
  // Charts resize a frame or two after the window does: poll.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(375);
});

test('a diverging run stops and suggests a lower learning rate; no NaN on the page', async ({
  page,
}) => {
  // A query parameter counts once: the first lr wins, so TINY's is replaced.
  await openApp(page, `?${TINY.replace('lr=0.01', 'lr=1')}&activation=relu&epochs=5`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('stopped');
  await expect(page.getByRole('alert')).toContainText(
    'Try a lower learning rate (e.g. 0.1 instead of 1).',
  );
  await expect(page.getByRole('list', { name: 'Diagnostics' })).toContainText('diverged');
  await expect(page.locator('body')).not.toContainText(/\bNaN\b/);
});

test('Early stopping is a knob in Tune, off by default, and travels in the URL', async ({
  page,
}) => {
  await openApp(page, `?${TINY}`);
  const knob = page.getByLabel('Early stopping', { exact: true });
  await expect(knob).toBeVisible();
  await expect(knob).toHaveValue('0');
  // On the S&P 500 sample this run's held-out loss stops improving after epoch 12 (Node, cpu).
  await openApp(page, `?${TINY}&patience=2&epochs=30`);
  await expect(page.getByLabel('Early stopping', { exact: true })).toHaveValue('2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done');
  await expect(statusLine(page)).not.toContainText('Epoch 30 / 30');
  await expect(page.getByRole('list', { name: 'Diagnostics' })).toContainText(
    /Early stopping restored the weights of epoch \d+, the lowest held-out loss/,
  );
});

test('early stopping on WebGL reads the best weights back and restores them', async ({ page }) => {
  await openApp(page, `?${TINY.replace('backend=cpu', 'backend=webgl')}&patience=1&epochs=12`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done', { timeout: 120_000 });
  await expect(statusLine(page)).toContainText('Backend: webgl');
  await expect(page.getByRole('list', { name: 'Diagnostics' })).toContainText(
    /Early stopping restored the weights of epoch \d+/,
  );
  await expectFiniteMetrics(page);
});
