import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cell, openApp } from './helpers';

/**
 * The playground as a new user meets it: sample on first open, files in (picker and drop), the
 * pandas-equal tables, bad input, and accessibility. (Training through the UI: training.spec.ts.)
 */

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** A tiny network that trains in a second or two on the cpu backend. */
const TINY = 'backend=cpu&layers=1&units=4&dropout=0&timesteps=5&lr=0.01';

test('first open shows the S&P 500 sample with its credit, pandas tables and a 17,801-param reference model', async ({
  page,
}) => {
  await openApp(page);
  await expect(page.getByText('vega-datasets, BSD-3-Clause').first()).toBeVisible();
  await expect(page.getByText('1,858 rows × 7 columns').first()).toBeVisible();
  await expect(page.getByLabel('Target column')).toHaveValue('Open');
  expect(await cell(page, 'Summary statistics', 'count', 'Open')).toBe('1858');
  expect(await cell(page, 'Model summary', 'Total params', 'Layer (type)')).toBe('Total params');
  await expect(page.getByRole('table', { name: 'Model summary' }).locator('tfoot')).toContainText(
    '17,801',
  );
  await expect(page.getByRole('figure', { name: 'Predictions vs actual' })).toBeVisible();
  // The summary follows the controls live.
  await page.getByLabel('Layers', { exact: true }).fill('1');
  const total = page.getByRole('table', { name: 'Model summary' }).locator('tfoot');
  await expect(total).toContainText('2,651');
  await page.getByRole('button', { name: 'Quick demo' }).click();
  await expect(page.getByLabel('Units', { exact: true })).toHaveValue('16');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('15');
  await page.getByRole('button', { name: 'Reference notebook' }).click();
  await expect(page.getByLabel('Layers', { exact: true })).toHaveValue('4');
  await expect(total).toContainText('17,801');
});

test('Copy link copies a URL that restores the same settings', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '?sample=sine');
  await page.getByLabel('Units', { exact: true }).fill('24');
  await page.getByLabel('Cell type').selectOption('lstm');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/Link copied/)).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('units=24');
  const other = await context.newPage();
  await openApp(other, url.slice(url.indexOf('?')));
  await expect(other.getByLabel('Units', { exact: true })).toHaveValue('24');
  await expect(other.getByLabel('Cell type')).toHaveValue('lstm');
  await expect(other.getByLabel('Sample data')).toHaveValue('sine');
});

test('a CSV through the file input: summary statistics equal pandas describe()', async ({
  page,
}) => {
  await openApp(page);
  await page.locator('input[type="file"]').setInputFiles(fixture('small.csv'));
  await expect(page.locator('.dataset-line')).toContainText('small.csv: 80 rows × 6 columns');
  // Open is 1…80: pandas gives mean 40.5, std 23.2379 (n − 1), quartiles 20.75 / 40.5 / 60.25.
  const expected: Record<string, string> = {
    count: '80',
    mean: '40.5',
    std: '23.2379',
    min: '1',
    '25%': '20.75',
    '50%': '40.5',
    '75%': '60.25',
    max: '80',
  };
  for (const [row, value] of Object.entries(expected)) {
    expect(await cell(page, 'Summary statistics', row, 'Open')).toBe(value);
  }
  expect(await cell(page, 'Summary statistics', 'mean', 'Volume')).toBe('1405');
  await expect(page.getByRole('table', { name: 'Missing values' })).toBeVisible();
});

test('a CSV through a dropped file', async ({ page }) => {
  await openApp(page);
  const text = readFileSync(fixture('small.csv'), 'utf8');
  await page.evaluate((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    document.body.dispatchEvent(
      new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
    );
  }, text);
  await expect(page.locator('.dataset-line')).toContainText('dropped.csv: 80 rows × 6 columns');
  expect(await cell(page, 'Summary statistics', 'max', 'Open')).toBe('80');
});

test('a bad file shows an alert and keeps the previous dataset', async ({ page }) => {
  await openApp(page);
  await page.locator('input[type="file"]').setInputFiles(fixture('header-only.csv'));
  await expect(page.getByRole('alert')).toBeVisible();
  // The reason, not only the file's name (csv.ts's message for a header without rows).
  await expect(page.getByRole('alert')).toContainText(
    '"header-only.csv" has a header line but no data rows.',
  );
  await expect(page.getByText('1,858 rows × 7 columns').first()).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'binary.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 137, 80, 78, 71]),
  });
  await expect(page.getByRole('alert')).toContainText(
    '"binary.csv" looks like a binary file (an image, a spreadsheet or an archive), not CSV text.',
  );
  expect(await cell(page, 'Summary statistics', 'count', 'Open')).toBe('1858');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('a crafted URL shows as text, never as markup, and bad numbers are refused or clamped', async ({
  page,
}) => {
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  await openApp(
    page,
    `?target=${encodeURIComponent(payload)}&units=abc&epochs=99999&backend=<b>gpu</b>`,
  );
  await expect(page.getByText('Units: "abc" is not a number; ignored.')).toBeVisible();
  await expect(
    page.getByText(/Epochs: "99999" is above the maximum 1000; using 1000/),
  ).toBeVisible();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('1000');
  await expect(
    page.getByText(/Target column ".*<script>.*" is not a numeric column/),
  ).toBeVisible();
  await expect(page.getByLabel('Target column')).toHaveValue('Open');
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  // The address bar now holds the corrected configuration.
  expect(page.url()).toContain('epochs=1000');
  expect(page.url()).not.toContain('%3Cscript');
});

test('a refused control value gets an inline message and Train is blocked until fixed', async ({
  page,
}) => {
  await openApp(page);
  const units = page.getByLabel('Units', { exact: true });
  await units.fill('9999');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Units must be between 1 and 512' }),
  ).toBeVisible();
  await page.getByLabel('Timesteps', { exact: true }).fill('1600');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Timesteps must be between 1 and 500' }),
  ).toBeVisible();
  // In range, but too long for the rows this split leaves for training (validateDataConfig).
  await page.getByLabel('Timesteps', { exact: true }).fill('500');
  await page.getByLabel('Train split', { exact: true }).fill('0.1');
  await expect(
    page.getByRole('alert').filter({ hasText: /needs at least \d+ rows/ }),
  ).toBeVisible();
  const trainButton = page.getByRole('button', { name: 'Train', exact: true });
  await expect(trainButton).toBeDisabled();
  await page.getByLabel('Train split', { exact: true }).fill('0.8');
  await expect(page.getByRole('alert').filter({ hasText: /needs at least/ })).toHaveCount(0);
  await expect(trainButton).toBeDisabled();
  await units.fill('8');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(trainButton).toBeEnabled();
});

test('no serious or critical accessibility violations, before and after training', async ({
  page,
}) => {
  await openApp(page);
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(await serious()).toEqual([]);
  await page.goto(`/?sample=sine&epochs=3&${TINY}&batch=16`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('done');
  expect(await serious()).toEqual([]);
  // The charts' data tables, open, and the one-column phone layout with its sticky run bar.
  for (const b of await page.getByRole('button', { name: 'Show data' }).all()) await b.click();
  await expect(page.getByRole('table', { name: 'Training loss data' })).toBeVisible();
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await serious()).toEqual([]);
});
