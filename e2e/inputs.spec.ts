import { expect, test } from '@playwright/test';
import { csvFile, expectFiniteMetrics, openApp, series, statusLine, TINY } from './helpers';

/**
 * Several input columns through the real UI: tick Close and Volume beside the target Open, the
 * summary reads (None, T, 3), a tiny run trains to done, the link keeps the inputs after a reload,
 * and the inside view's influence table has one column per input.
 */

const OHLCV = series(
  160,
  (i) => {
    const open = 100 + 10 * Math.sin(i / 6);
    return [open, open + 2, open - 2, open + Math.cos(i / 5), 1000 + 50 * Math.sin(i / 9)]
      .map((v) => v.toFixed(3))
      .join(',');
  },
  'date,Open,High,Low,Close,Volume',
);

test('Close and Volume as inputs for Open: (None, T, 3), a run to done, the link and the influence table', async ({
  page,
}) => {
  await openApp(page, `?epochs=2&${TINY}`);
  await page.locator('input[type="file"]').setInputFiles(csvFile('ohlcv.csv', OHLCV));
  await expect(page.getByText('160 rows × 6 columns').first()).toBeVisible();
  await page.getByLabel('Target column').selectOption('Open');
  const inputs = page.getByRole('group', { name: 'Input columns' });
  const box = (name: string) => inputs.getByRole('checkbox', { name, exact: false });
  await expect(box('Open')).toBeChecked();
  await expect(box('Open')).toBeDisabled();
  for (const name of ['High', 'Low', 'Close', 'Volume']) await expect(box(name)).not.toBeChecked();
  await box('Close').check();
  await box('Volume').check();

  const summary = page.getByRole('table', { name: 'Model summary' });
  await expect(summary).toContainText('(None, 5, 3)');
  // 1 × SimpleRNN(4) on 3 inputs: 4·(4 + 3 + 1) = 32, Dense: 5.
  await expect(summary.locator('tfoot')).toContainText('37');
  expect(new URL(page.url()).searchParams.get('inputs')).toBe('["Close","Volume"]');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'done' }).first()).toBeVisible({
    timeout: 120_000,
  });
  await expectFiniteMetrics(page);

  const toggle = page
    .getByRole('region', { name: 'Inside the network' })
    .getByRole('button', { name: 'Inside the network' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const fig = page.getByRole('figure', { name: 'Input influence', exact: true });
  await fig.getByRole('button', { name: 'Show data', exact: true }).click();
  const table = page.getByRole('table', { name: 'Input influence data', exact: true });
  await expect(table).toBeVisible();
  const head = await table.locator('thead th').allTextContents();
  expect(head.map((h) => h.trim())).toEqual(['Step back', 'Open', 'Close', 'Volume']);
  const rows = await table.locator('tbody tr').all();
  expect(rows).toHaveLength(5);
  for (const row of rows) {
    const cells = (await row.locator('td, th').allTextContents()).slice(1);
    for (const c of cells)
      expect(Number.isFinite(Number(c.replace(/,/g, '').replace('−', '-')))).toBe(true);
  }

  // The link keeps the inputs: after a reload (the bundled S&P 500 sample has the same columns).
  await page.reload();
  await expect(statusLine(page)).toContainText('Ready to train');
  expect(new URL(page.url()).searchParams.get('inputs')).toBe('["Close","Volume"]');
  await expect(box('Close')).toBeChecked();
  await expect(box('Volume')).toBeChecked();
  await expect(box('High')).not.toBeChecked();
  await expect(summary).toContainText('(None, 5, 3)');
});

test('a link naming a column the file lacks is refused by name when training', async ({ page }) => {
  await openApp(page, `?${TINY}&inputs=${encodeURIComponent('["Close","Nope"]')}`);
  const inputs = page.getByRole('group', { name: 'Input columns' });
  await expect(inputs.getByRole('alert')).toContainText('Not in this file: Nope');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Input column "Nope"' })).toBeVisible();
  await inputs.getByRole('button', { name: 'Drop them' }).click();
  await expect(inputs.getByRole('alert')).toHaveCount(0);
  await expect(inputs.getByRole('checkbox', { name: 'Close' })).toBeChecked();
});
