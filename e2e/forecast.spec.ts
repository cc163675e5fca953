import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp, TINY } from './helpers';

/**
 * The forecast past the last date: after a tiny run with dropout (for the Monte Carlo band), the
 * Forecast figure lists `steps` business days after the S&P 500 sample's last date (Friday
 * 2020-04-17), Low ≤ High; changing Forecast steps forecasts again without retraining, and
 * Download forecast saves forecast.csv.
 */
test('forecast past the last date with a band; steps change without retraining; CSV', async ({
  page,
}) => {
  const tiny = TINY.replace('dropout=0', 'dropout=0.2');
  await openApp(page, `?sample=sp500&epochs=2&${tiny}&forecast=10`);
  const status = page.getByRole('status').filter({ hasText: 'Backend' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('done');

  const figure = page.getByRole('figure', { name: 'Forecast' });
  await expect(figure).toContainText('Recursive forecasts drift');
  await expect(figure.getByRole('button', { name: 'Download forecast' })).toBeVisible();
  await figure.getByRole('button', { name: 'Show data' }).click();
  const table = page.getByRole('table', { name: 'Forecast data' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(table.locator('thead th')).toHaveText(['Date', 'Forecast', 'Low', 'High']);
  const cells = async () =>
    (await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
    )) as string[][];
  const first = await cells();
  expect(first[0][0]).toBe('2020-04-20'); // the Monday after the last row
  for (const [date, f, lo, hi] of first) {
    expect(date > '2020-04-17', date).toBe(true);
    expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    const [fv, lv, hv] = [f, lo, hi].map((v) => Number(v.replace(/,/g, '')));
    expect(Number.isFinite(fv) && lv <= hv, `${date} ${f} ${lo} ${hi}`).toBe(true);
  }

  // The figure and its open table pass axe (serious or critical only, as ui.spec.ts).
  const violations = (
    await new AxeBuilder({ page }).include('figure.forecast').analyze()
  ).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
  expect(violations).toEqual([]);

  // A view setting: the same trained model forecasts again; the run stays done.
  const epochs = await status.textContent();
  await page.getByLabel('Forecast steps', { exact: true }).fill('5');
  await expect(rows).toHaveCount(5);
  await expect(status).toHaveText(epochs ?? '');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('button', { name: 'Download forecast' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('forecast.csv');
  const csv = readFileSync((await download.path()) ?? '', 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('Date,Forecast,Low,High');
  expect(csv.length - 1).toBe(5);
  for (const line of csv.slice(1)) {
    const [date, ...nums] = line.split(',');
    expect(date > '2020-04-17').toBe(true);
    const [f, lo, hi] = nums.map(Number);
    expect(Number.isFinite(f) && lo <= f && f <= hi, line).toBe(true);
  }
});

test('with several input columns the figure says why it cannot forecast', async ({ page }) => {
  await openApp(page, `?sample=sp500&epochs=1&${TINY}&inputs=${encodeURIComponent('["Volume"]')}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backend' })).toContainText('done');
  const figure = page.getByRole('figure', { name: 'Forecast' });
  await expect(figure).toContainText(
    'Forecasting needs the future of every input column; with Open and Volume as inputs the model cannot forecast past the data.',
  );
  await expect(figure.getByRole('button', { name: 'Download forecast' })).toHaveCount(0);
});
