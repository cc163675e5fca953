import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The playground as a new user meets it: sample on first open, files in (picker and drop), the
 * pandas-equal tables, training (pause, resume, live loss chart, download) and bad input.
 * Tiny configurations on the cpu backend keep the flow tests fast; one test trains on WebGL.
 */

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** A tiny network that trains in a second or two on the cpu backend. */
const TINY = 'backend=cpu&layers=1&units=4&dropout=0&timesteps=5&lr=0.01';

async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByRole('status')).toContainText('Ready to train');
}

/** Cell text of a captioned table, by row header and column header. */
async function cell(page: Page, caption: string, row: string, column: string): Promise<string> {
  return page.getByRole('table', { name: caption }).evaluate(
    (table, [r, c]) => {
      const heads = Array.from(table.querySelectorAll('thead tr > *')).map((e) =>
        e.textContent?.trim(),
      );
      const col = heads.indexOf(c);
      const tr = Array.from(table.querySelectorAll('tbody tr, tfoot tr')).find(
        (t) => t.firstElementChild?.textContent?.trim() === r,
      );
      return col < 0 || !tr ? `missing ${r}/${c}` : (tr.children[col]?.textContent?.trim() ?? '');
    },
    [row, column] as const,
  );
}

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
  await expect(page.getByRole('alert')).toContainText(/header-only\.csv|no (data )?rows/i);
  await expect(page.getByText('1,858 rows × 7 columns').first()).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'binary.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 137, 80, 78, 71]),
  });
  await expect(page.getByRole('alert')).toContainText(/binary/i);
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

test('train a tiny model on cpu: live loss chart, pause and resume, metrics, predictions CSV', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=120&${TINY}&batch=8`);
  const status = page.getByRole('status');
  const loss = page.getByRole('figure', { name: 'Training loss' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText(/Epoch \d+ \/ 120 · loss [\d.]+ · Backend: cpu/);
  // Controls that shape the run are locked while it runs.
  await expect(page.getByLabel('Units', { exact: true })).toBeDisabled();
  const before = Number(await loss.getAttribute('data-points'));
  await expect
    .poll(async () => Number(await loss.getAttribute('data-points')))
    .toBeGreaterThan(before);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('paused');
  const pausedAt = await status.textContent();
  await page.waitForTimeout(700);
  await expect(status).toHaveText(pausedAt ?? '');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText('done', { timeout: 120_000 });
  await expect(status).toContainText('Epoch 120 / 120');
  await expect(page.getByLabel('Units', { exact: true })).toBeEnabled();

  for (const row of ['RMSE', 'MAE', 'MAPE', 'R²']) {
    for (const col of ['Model', 'Persistence baseline']) {
      expect(Number.isFinite(parseFloat(await cell(page, 'Test metrics', row, col)))).toBe(true);
    }
  }
  const modelRmse = parseFloat(await cell(page, 'Test metrics', 'RMSE', 'Model'));
  const baseRmse = parseFloat(await cell(page, 'Test metrics', 'RMSE', 'Persistence baseline'));
  expect(modelRmse).toBeGreaterThan(0);
  // The one-line verdict agrees with the table.
  await expect(page.locator('.verdict')).toContainText(
    modelRmse < baseRmse ? 'The model beats' : 'Not better than',
  );
  expect(Number(await loss.getAttribute('data-points'))).toBeGreaterThan(120);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download predictions' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const csv = readFileSync((await download.path()) ?? '', 'utf8')
    .trim()
    .split('\n');
  // sine.csv: 600 rows, train split 0.8 → 480 train rows, 120 test rows, one prediction each.
  expect(csv[0]).toBe('date,actual,predicted');
  expect(csv.length - 1).toBe(120);
  expect(
    csv.slice(1).every((l) =>
      l
        .split(',')
        .slice(1)
        .every((v) => Number.isFinite(Number(v))),
    ),
  ).toBe(true);
});

test('stop mid-run, then download the model as model.json + model.weights.bin', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=500&${TINY}&batch=16`);
  const status = page.getByRole('status');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText(/Epoch (?:[2-9]|\d{2,}) \/ 500/);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText('stopped');
  const downloads: string[] = [];
  const files: Record<string, Buffer> = {};
  page.on('download', async (d) => {
    downloads.push(d.suggestedFilename());
    files[d.suggestedFilename()] = readFileSync((await d.path()) ?? '');
  });
  await page.getByRole('button', { name: 'Download model' }).click();
  await expect.poll(() => Object.keys(files).sort()).toEqual(['model.json', 'model.weights.bin']);
  const json = JSON.parse(files['model.json'].toString('utf8')) as {
    weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[];
  };
  expect(json.weightsManifest[0].paths).toEqual(['model.weights.bin']);
  const floats = json.weightsManifest[0].weights.reduce(
    (s, w) => s + w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  // 1 × SimpleRNN(4) on 1 input: 4·(4+1+1) = 24, Dense: 5 → 29 float32 values.
  expect(floats).toBe(29);
  expect(files['model.weights.bin'].byteLength).toBe(29 * 4);
  // Reset clears the run; the data and settings stay.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('Ready to train');
  await expect(page.getByRole('figure', { name: 'Training loss' })).toHaveAttribute(
    'data-points',
    '0',
  );
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('500');
});

test('trains on WebGL', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(
    page,
    `?sample=sine&epochs=2&${TINY.replace('backend=cpu', 'backend=webgl')}&batch=32`,
  );
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('done', { timeout: 200_000 });
  await expect(page.getByRole('status')).toContainText('Backend: webgl');
  // WebGL here is SwiftShader (software): the app says WebAssembly is faster and offers the switch.
  const renderer = (await page.locator('.backend-line').textContent()) ?? '';
  const hint = page.locator('.software-gl');
  if (/swiftshader|llvmpipe|softpipe|software/i.test(renderer)) {
    await expect(hint).toContainText('WebAssembly trains faster here');
    await hint.getByRole('button', { name: 'Use WebAssembly' }).click();
    await expect(page.getByLabel('Backend')).toHaveValue('wasm');
    await expect(hint).toHaveCount(0);
  } else {
    await expect(hint).toHaveCount(0);
  }
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
});
