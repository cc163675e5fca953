import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { cell, csvFile, expectFiniteMetrics, expectNoBadNumbers, openApp, TINY } from './helpers';

/**
 * Files as vega-datasets publishes them: long format (one row per date and symbol) trains on one
 * series the user picks; a year column is the axis, never the target; repeated dates that no
 * column explains are refused.
 */

const vega = (name: string) =>
  csvFile(name, readFileSync(`node_modules/vega-datasets/data/${name}`, 'utf8'));

/** The `d` of the Whole series chart's line: changes when the plotted values do. */
const seriesPath = (page: Page) =>
  page
    .getByRole('figure', { name: /Whole series/ })
    .locator('.recharts-line-curve')
    .getAttribute('d');

test('stocks.csv: a Series select, Explore and the chart follow it, and a tiny run trains', async ({
  page,
}) => {
  await openApp(page, `?epochs=3&${TINY}`);
  await page.locator('input[type="file"]').setInputFiles(vega('stocks.csv'));
  await expect(page.locator('.dataset-line')).toContainText(
    'stocks.csv: 560 rows × 3 columns, dated by date; 5 series by symbol',
  );
  const select = page.getByLabel('Series', { exact: true });
  const options = await select.locator('option').allTextContents();
  expect([...options].sort()).toEqual([
    'AAPL (123 rows)',
    'AMZN (123 rows)',
    'GOOG (68 rows)',
    'IBM (123 rows)',
    'MSFT (123 rows)',
  ]);
  await expect(select).toHaveValue('MSFT'); // the largest (four tie; the first by date)
  const axe = await new AxeBuilder({ page }).include('#series-select').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await expect(page.getByText('Shape: 123 rows × 3 columns')).toBeVisible();
  await expect(page.getByLabel('Target column')).toHaveValue('price');
  expect(await cell(page, 'Summary statistics', 'count', 'price')).toBe('123');
  const before = await seriesPath(page);

  await select.selectOption('GOOG');
  await expect(page.getByText('Shape: 68 rows × 3 columns')).toContainText(
    'rows where symbol is GOOG',
  );
  expect(await cell(page, 'Summary statistics', 'count', 'price')).toBe('68');
  const firstRows = page.getByRole('table', { name: 'First rows' }).locator('tbody tr');
  await expect(firstRows.first().locator('td').first()).toHaveText('GOOG');
  await expect.poll(() => seriesPath(page)).not.toBe(before);
  await expect.poll(() => page.url()).toContain('series=GOOG');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('done');
  await expectFiniteMetrics(page);
  await expectNoBadNumbers(page);
});

test('a link with series=GOOG opens stocks.csv on GOOG; an unknown series falls back with a notice', async ({
  page,
}) => {
  await openApp(page, '?series=GOOG');
  await page.locator('input[type="file"]').setInputFiles(vega('stocks.csv'));
  await expect(page.getByLabel('Series', { exact: true })).toHaveValue('GOOG');
  await expect(page.getByText('Shape: 68 rows × 3 columns')).toBeVisible();
  await openApp(page, '?series=%3Cb%3ENOPE%3C%2Fb%3E');
  await page.locator('input[type="file"]').setInputFiles(vega('stocks.csv'));
  await expect(page.getByLabel('Series', { exact: true })).toHaveValue('MSFT');
  await expect(
    page.getByText('Series: "<b>NOPE</b>" is not a symbol of stocks.csv; showing MSFT.'),
  ).toBeVisible();
});

test('global-temp.csv: year is the axis and labels the ticks; the target is temp', async ({
  page,
}) => {
  await openApp(page);
  await page.locator('input[type="file"]').setInputFiles(vega('global-temp.csv'));
  await expect(page.locator('.dataset-line')).toContainText('dated by year');
  await expect(page.getByLabel('Target column')).toHaveValue('temp');
  await expect(page.getByLabel('Target column').locator('option')).toHaveText(['temp']);
  // Both axes' ticks: the x ticks print years (1880 …), not 1880-01-01 or row numbers.
  const ticks = page
    .getByRole('figure', { name: /Whole series/ })
    .locator('.recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toBeVisible();
  const texts = await ticks.allTextContents();
  expect(texts.filter((t) => /^(18|19|20)\d\d$/.test(t)).length).toBeGreaterThanOrEqual(3);
  expect(texts.filter((t) => /\d{4}-\d\d/.test(t))).toEqual([]);
});

test('repeated dates with no column telling them apart are refused; the data on screen stays', async ({
  page,
}) => {
  await openApp(page);
  const rows = ['date,value', '2020-01-01,1', '2020-01-01,2', '2020-01-02,3', '2020-01-03,4'];
  await page
    .locator('input[type="file"]')
    .setInputFiles(csvFile('dup.csv', `${rows.join('\n')}\n`));
  await expect(page.getByRole('alert')).toContainText(
    '"dup.csv": 1 date appears more than once and no text column tells the series apart; the app will not interleave them.',
  );
  await expect(page.getByText('1,858 rows × 7 columns').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('id and code columns are never the default target; iowa-electricity splits by source on a year axis', async ({
  page,
}) => {
  await openApp(page);
  // An id counting 1, 2, 3 … and a zip code beside the values: the values are the target.
  const rows = Array.from(
    { length: 60 },
    (_, i) =>
      `${i + 1},${String(10_000 + ((i * 7919) % 89_999)).padStart(5, '0')},${(Math.sin(i / 4) * 10 + 50).toFixed(3)}`,
  );
  await page
    .locator('input[type="file"]')
    .setInputFiles(csvFile('ids.csv', ['id,zip_code,reading', ...rows].join('\n') + '\n'));
  await expect(page.locator('.dataset-line')).toContainText('ids.csv: 60 rows');
  await expect(page.getByLabel('Target column')).toHaveValue('reading');
  await page.locator('input[type="file"]').setInputFiles(vega('zipcodes.csv'));
  await expect(page.locator('.dataset-line')).toContainText('zipcodes.csv');
  await expect(page.getByLabel('Target column')).not.toHaveValue(/zip/);
  await page.locator('input[type="file"]').setInputFiles(vega('iowa-electricity.csv'));
  await expect(page.locator('.dataset-line')).toContainText('by source');
  await expect(page.getByLabel('Series', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Target column')).toHaveValue('net_generation');
});
