import { expect, test, type Page } from '@playwright/test';
import { csvFile, openApp, series, TINY } from './helpers';

/**
 * Hostile files: each odd shape gets its own message (or loads correctly), the page never goes
 * blank, and a refused file keeps the previous dataset.
 */

/** Collects uncaught page errors; the test asserts none happened. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const upload = (page: Page, name: string, text: string | Buffer) =>
  page
    .locator('input[type="file"]')
    .setInputFiles(
      typeof text === 'string' ? csvFile(name, text) : { name, mimeType: 'text/csv', buffer: text },
    );

/** The sample is still the dataset: its shape line and the Train button. */
async function expectSampleKept(page: Page): Promise<void> {
  await expect(page.getByText('1,858 rows × 7 columns').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

test('columns named __proto__, constructor, toString load, render and train', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, `?epochs=2&${TINY}`);
  const text = series(
    80,
    (i) => `${Math.sin(i / 5)},${i % 7},${i % 3},${i % 5},x${i % 2}`,
    'date,__proto__,constructor,toString,hasOwnProperty,valueOf',
  );
  await upload(page, 'proto.csv', text);
  await expect(page.getByText('80 rows × 6 columns').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Explore the data' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Summary statistics' })).toContainText('__proto__');
  await page.getByLabel('Target column').selectOption('constructor');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('done', { timeout: 120_000 });
  await page.getByLabel('Target column').selectOption('__proto__');
  await expect(page.getByRole('figure', { name: 'Predictions vs actual' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /could not be shown/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

/**
 * Builds a CSV of a date column and `cols - 1` numeric columns in the page, then starts
 * recording long tasks and drops it on the page. (Built in the page, not through setInputFiles:
 * Playwright's own transfer of a megabyte-sized file is itself a long task on the page.)
 */
async function dropWide(page: Page, cols: number, rows: number): Promise<void> {
  await page.evaluate(
    ([cols, rows]) => {
      const w = window as unknown as { __longTasks: number[]; __wide: File };
      const header = ['date', ...Array.from({ length: cols - 1 }, (_, j) => `c${j}`)].join(',');
      const row = (i: number) =>
        [
          `2020-01-${String(i + 1).padStart(2, '0')}`,
          ...Array.from({ length: cols - 1 }, (_, j) => (i * 7 + j) % 97),
        ].join(',');
      w.__wide = new File(
        [[header, ...Array.from({ length: rows }, (_, i) => row(i))].join('\n')],
        'wide.csv',
      );
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    },
    [cols, rows],
  );
  await page.waitForTimeout(300); // let the file's construction finish before recording
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __wide: File };
    w.__longTasks = [];
    const data = new DataTransfer();
    data.items.add(w.__wide);
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
  });
}

/**
 * The longest task the tests allow: a frozen tab (the old 7.6 s at 10,000 columns), not a speed
 * target, which a loaded 2-core machine would make flaky. The 200 ms budget is bounded by
 * construction (50 columns shown, refusal from the header) and its figures are printed here
 * (61–125 ms at 2,000 columns).
 */
const FROZEN_MS = 1000;

/** Long tasks (ms) on the page since dropWide dropped its file, after a settling pause. */
async function longTasks(page: Page): Promise<number[]> {
  await page.waitForTimeout(500);
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks: number[] }).__longTasks,
  );
  return tasks.map(Math.round);
}

test('2,000 columns load with bounded tables and no frozen main thread', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await dropWide(page, 2000, 28);
  await expect(page.getByText('28 rows × 2000 columns').first()).toBeVisible();
  await expect(page.getByText('Showing the first 50 of 2,000 columns.')).toBeVisible();
  await expect(
    page.getByText('Showing the first 50 of 1,999 numeric columns.').first(),
  ).toBeVisible();
  await expect(page.getByLabel('Target column').locator('option')).toHaveCount(50);
  const tasks = await longTasks(page);
  console.log(`long tasks after dropping 2,000 columns (ms): ${JSON.stringify(tasks)}`);
  expect(Math.max(0, ...tasks)).toBeLessThan(FROZEN_MS);
  expect(errors).toEqual([]);
});

test('10,000 and 50,000 columns are refused with the limit at once, keeping the sample', async ({
  page,
}) => {
  await openApp(page);
  await dropWide(page, 10_000, 28);
  await expect(page.getByRole('alert')).toContainText(
    '"wide.csv" has 10,000 columns; the playground reads at most 2,000.',
  );
  await expectSampleKept(page);
  expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(FROZEN_MS);
  await page.getByRole('alert').getByRole('button').first().click();
  await dropWide(page, 50_000, 28);
  await expect(page.getByRole('alert')).toContainText('has 50,000 columns');
  await expectSampleKept(page);
  const tasks = await longTasks(page);
  console.log(`long tasks after dropping 50,000 columns (ms): ${JSON.stringify(tasks)}`);
  expect(Math.max(0, ...tasks)).toBeLessThan(FROZEN_MS);
});

test('values near 1e308 are refused before training, naming the column', async ({ page }) => {
  await openApp(page, `?epochs=2&${TINY}`);
  await upload(
    page,
    'huge.csv',
    series(40, (i) => `${(i + 1) * 3}e306`, 'date,huge'),
  );
  await expect(page.getByText('40 rows × 2 columns').first()).toBeVisible();
  await expect(
    page
      .getByText(
        /Column "huge" holds values as large as 1\.20e\+308; the network computes in 32-bit floats/,
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
});

test('formula-like header cells are shown as text, never run', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await upload(
    page,
    'formula.csv',
    series(30, (i) => `${i},${i * 2},${i % 4}`, 'date,=SUM(A1:A3),+cmd,@HYPERLINK("x")'),
  );
  await expect(page.getByText('30 rows × 4 columns').first()).toBeVisible();
  const head = page.getByRole('table', { name: 'First rows' }).locator('thead');
  await expect(head).toContainText('=SUM(A1:A3)');
  await expect(head).toContainText('+cmd');
  await expect(head).toContainText('@HYPERLINK("x")');
  await expect(
    page.getByLabel('Target column').locator('option', { hasText: '=SUM(A1:A3)' }),
  ).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('an unclosed quote is reported with its line, keeping the sample', async ({ page }) => {
  await openApp(page);
  await upload(
    page,
    'quote.csv',
    'date,v\n2020-01-01,1\n2020-01-02,"2\n2020-01-03,3\n2020-01-04,4\n',
  );
  await expect(page.getByRole('alert')).toContainText(
    '"quote.csv" has a quote (") on line 3 that is never closed',
  );
  await expectSampleKept(page);
});

test('a column too sparse in numbers is explained', async ({ page }) => {
  await openApp(page);
  await upload(
    page,
    'sparse.csv',
    series(50, (i) => `${i},${i < 10 ? i : 'pending'}`, 'date,v,notes'),
  );
  await expect(page.getByText('50 rows × 3 columns').first()).toBeVisible();
  await expect(
    page.getByText(
      'Column "notes" has numbers in only 10 of 50 non-empty cells (20 %); a column counts as numeric when at least 90 % of its non-empty cells are numbers, so it is read as text.',
    ),
  ).toBeVisible();
});

test('a Windows-1252 file is decoded as such, with a notice', async ({ page }) => {
  await openApp(page);
  const text = series(30, (i) => `${i},${(i * 3) % 11}`, 'date,Température,Coût €');
  const bytes = Buffer.from(
    Array.from(text, (c) => ({ é: 0xe9, û: 0xfb, '€': 0x80 })[c] ?? c.charCodeAt(0)),
  );
  await upload(page, 'latin.csv', bytes);
  await expect(page.getByText('30 rows × 3 columns').first()).toBeVisible();
  await expect(page.getByText(/^Read as Windows-1252 \(not UTF-8\)/)).toBeVisible();
  const head = page.getByRole('table', { name: 'First rows' }).locator('thead');
  await expect(head).toContainText('Température');
  await expect(head).toContainText('Coût €');
  await expect(page.locator('body')).not.toContainText('\ufffd');
});

test('Copy link with your own file: settings only, and the reopened link names the file', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const longColumn = `v${'x'.repeat(150)}`;
  await upload(
    page,
    'prices.csv',
    series(40, (i) => `${i},${i % 5}`, `date,Close,${longColumn}`),
  );
  await expect(page.getByText('40 rows × 3 columns').first()).toBeVisible();
  await page.getByLabel('Target column').selectOption(longColumn);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(
    page.getByText(
      'Link copied to the clipboard: it holds the settings only, not the data. It names prices.csv; whoever opens it is asked to drop that file.',
    ),
  ).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toContain('file=prices.csv');
  const other = await context.newPage();
  const errors = watchErrors(other);
  await openApp(other, url.slice(url.indexOf('?')));
  await expect(
    other.getByText(
      /This link was made with prices\.csv: drop that file here to use the same data/,
    ),
  ).toBeVisible();
  await expect(other.locator('body')).not.toContainText('too long');
  await expect(other.getByText('1,858 rows × 7 columns').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a region that fails to render shows a message and a way back, never a blank page', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '?testHooks');
  await page.evaluate(() =>
    (globalThis as unknown as { __breakRegions: Set<string> }).__breakRegions.add(
      'Explore the data',
    ),
  );
  await page.getByLabel('Units', { exact: true }).fill('12');
  await expect(
    page.getByRole('heading', { name: 'Explore the data could not be shown' }),
  ).toBeVisible();
  await expect(page.getByText('Test hook broke Explore the data.')).toBeVisible();
  // The rest of the page still works.
  await expect(page.getByRole('heading', { name: 'Tune' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await page.evaluate(() =>
    (globalThis as unknown as { __breakRegions: Set<string> }).__breakRegions.clear(),
  );
  await page.getByRole('button', { name: 'Load the sample data' }).click();
  await expect(page.getByRole('heading', { name: 'Explore the data', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
