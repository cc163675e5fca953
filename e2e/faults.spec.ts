import { expect, test } from '@playwright/test';
import { closeSync, openSync, ftruncateSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  csvFile,
  expectFiniteMetrics,
  expectNoBadNumbers,
  openApp,
  series,
  statusLine,
  TINY,
} from './helpers';

/**
 * Bad and awkward files through the real UI: bad files get a specific alert and keep the previous
 * dataset; awkward but valid files load and train without NaN. Tiny configurations on cpu.
 * (Stop/Reset cycles and worker failures: lifecycle.spec.ts.)
 */

const SP500 = '1,858 rows × 7 columns';

test('each bad file gets a specific alert and the S&P 500 sample stays loaded and trainable', async ({
  page,
}) => {
  await openApp(page, `?${TINY}`);
  const input = page.locator('input[type="file"]');
  const alert = page.getByRole('alert');
  const cases: [ReturnType<typeof csvFile>, RegExp][] = [
    [csvFile('empty.csv', ''), /"empty\.csv" is empty/],
    [csvFile('header.csv', 'date,value\n'), /"header\.csv" has a header line but no data rows/],
    [
      csvFile('words.csv', 'name,city\nann,paris\nbob,rome\n'),
      /"words\.csv" has no numeric column \(columns: name, city\)/,
    ],
    [
      csvFile('oneline.csv', `a,${'1'.repeat(5 * 1024 * 1024)}`),
      /"oneline\.csv" is a single 5\.0 MB line/,
    ],
  ];
  for (const [file, message] of cases) {
    await input.setInputFiles(file);
    await expect(alert.filter({ hasText: message })).toBeVisible();
    await expect(page.getByText(SP500).first()).toBeVisible();
  }
  // Over the size limit: refused from its size alone (a sparse file, nothing is read).
  const dir = mkdtempSync(join(tmpdir(), 'faults-'));
  const big = join(dir, 'huge.csv');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 101 * 1024 * 1024);
  closeSync(fd);
  await input.setInputFiles(big);
  await expect(
    alert.filter({
      hasText: /"huge\.csv" is 101\.0 MB; the largest file this app accepts is 100\.0 MB/,
    }),
  ).toBeVisible();
  await expect(page.getByText(SP500).first()).toBeVisible();
  // Every alert can be dismissed; the kept dataset still trains.
  const dismiss = alert.getByRole('button', { name: 'Dismiss' });
  await expect(dismiss).toHaveCount(5);
  // Each button is described by the message it closes.
  await expect(dismiss.first()).toHaveAccessibleDescription(/"empty\.csv" is empty/);
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await expect(alert).toHaveCount(0);
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toHaveText(/Epoch 1 \/ 1 · loss [\d.]+ · Backend: cpu · done/);
});

test('files that load but cannot train say why: too few rows, all-missing target, ragged rows', async ({
  page,
}) => {
  await openApp(page, `?${TINY.replace('timesteps=5', 'timesteps=40')}`);
  const input = page.locator('input[type="file"]');
  const train = page.getByRole('button', { name: 'Train', exact: true });
  // Too few rows for timesteps 40 and split 0.8: the message says how many are needed.
  await input.setInputFiles(
    csvFile(
      'short.csv',
      series(20, (i) => String(i)),
    ),
  );
  await expect(
    page.getByRole('alert').filter({
      hasText:
        '"short.csv" needs at least 52 rows for timesteps 40 and train split 0.8; this file has 20.',
    }),
  ).toBeVisible();
  await expect(train).toBeDisabled();
  await page.getByLabel('Timesteps', { exact: true }).fill('5');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(train).toBeEnabled();

  // A target column whose every value is missing.
  await input.setInputFiles(
    csvFile(
      'blank.csv',
      series(60, (i) => `${i % 2 ? '' : 'N/A'},${i}`, 'date,value,other'),
    ),
  );
  await expect(page.getByText('blank.csv: 60 rows × 3 columns').first()).toBeVisible();
  await page.getByLabel('Target column').selectOption('value');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Every value of column "value" is missing' }),
  ).toBeVisible();
  await expect(train).toBeDisabled();
  await expectNoBadNumbers(page);
  await page.getByLabel('Target column').selectOption('other');
  await expect(train).toBeEnabled();

  // Ragged rows load with a warning that names the lines.
  const rows = series(60, (i) => String(i)).split('\n');
  rows[10] = `${rows[10]},99`;
  rows[20] = rows[20].split(',')[0];
  await input.setInputFiles(csvFile('ragged.csv', rows.join('\n')));
  await expect(page.getByText(/Skipped 1 row with more fields .*line 11/)).toBeVisible();
  await expect(page.getByText(/fewer fields .*line 21/)).toBeVisible();
  await expect(page.getByText('ragged.csv: 59 rows × 2 columns').first()).toBeVisible();
});

test('awkward but valid: gaps as empty/null/N/A, thousands separators, a constant target and an HTML header', async ({
  page,
}) => {
  await openApp(page, `?${TINY}&epochs=2`);
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const gaps: Record<number, string> = { 20: '', 33: 'null', 47: 'N/A', 48: 'NA', 61: '-' };
  const text = series(
    120,
    (i) =>
      `"${(1000 + 100 * Math.sin(i / 6) + i).toLocaleString('en-US', { minimumFractionDigits: 2 })}",${i in gaps ? gaps[i] : (10 + Math.sin(i / 5)).toFixed(3)},7,${i}`,
    `date,Price,value,const,"${payload.replace(/"/g, '""')}"`,
  );
  await page.locator('input[type="file"]').setInputFiles(csvFile('awkward.csv', text));
  await expect(page.getByText('awkward.csv: 120 rows × 5 columns').first()).toBeVisible();
  // Quoted "1,234.50" numbers are numbers: Price is numeric and the default target.
  await expect(page.getByLabel('Target column')).toHaveValue('Price');
  const summary = page.getByRole('table', { name: 'Summary statistics' });
  await expect(summary.locator('thead')).toContainText('Price');
  // The header is shown as text, never run.
  await expect(summary.locator('thead')).toContainText(payload);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  // Gaps are counted per column and announced as interpolated for the target.
  await page.getByLabel('Target column').selectOption('value');
  await expect(
    page.getByText('5 missing value(s) in value will be filled by linear interpolation'),
  ).toBeVisible();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.click();
  await expect(statusLine(page)).toHaveText(/Epoch 2 \/ 2 · loss [\d.]+ · Backend: cpu · done/);
  await expectFiniteMetrics(page);
  // A constant target: a warning, and training runs without NaN.
  await page.getByLabel('Target column').selectOption('const');
  await expect(
    page.getByText(/Column "const" has the same value \(7\) in every row/),
  ).toBeVisible();
  await train.click();
  await expect(statusLine(page)).toHaveText(/Epoch 2 \/ 2 · loss [\d.]+ · Backend: cpu · done/);
  await expectNoBadNumbers(page);
  const preds = page.getByRole('table', { name: 'Test metrics' }).locator('tbody tr').first();
  await expect(preds).not.toContainText('NaN');
});

test('a newest-first TSV with CRLF and quoted thousands is reversed, and says so once', async ({
  page,
}) => {
  await openApp(page, `?${TINY}`);
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
  const rows = Array.from({ length: 80 }, (_, k) => 79 - k).map(
    (i) => `${day(i)}\t"1,${String(i).padStart(3, '0')}.50"\t${i}`,
  );
  const text = ['Date\tOpen\tClose', ...rows].join('\r\n') + '\r\n';
  await page.locator('input[type="file"]').setInputFiles({
    name: 'newest.tsv',
    mimeType: 'text/tab-separated-values',
    buffer: Buffer.from(text),
  });
  await expect(page.getByText('newest.tsv: 80 rows × 3 columns').first()).toBeVisible();
  await expect(page.getByText(/newest-first/)).toHaveCount(1);
  const first = page.getByRole('table', { name: 'First rows' }).locator('tbody tr').first();
  await expect(first).toContainText('2020-01-01');
  await expect(first).toContainText('1,000.50');
  await expect(page.getByLabel('Target column')).toHaveValue('Open');
});
