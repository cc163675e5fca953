/** Shared helpers of the browser tests that drive the UI with tiny configurations. */
import { expect, type Page } from '@playwright/test';
import type { FromWorker } from '../src/workers/trainer/protocol';

/** A model that trains in a second on the cpu backend. */
export const TINY = 'backend=cpu&layers=1&units=4&dropout=0&timesteps=5&batch=64&lr=0.01';

/** What the test build's hooks expose (src/workers/trainer/testHooks.ts). */
export type Hooks = { events: FromWorker[]; loseContext: () => void; crash: () => void };

/** Opens the app with a query string and waits until it can train. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(statusLine(page)).toContainText('Ready to train');
}

/** The role="status" line that names the backend. */
export function statusLine(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Backend' });
}

export function csvFile(name: string, text: string) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text) };
}

/** A dated CSV of `n` rows: `value` from `f(i)`, plus any extra header/cells. */
export function series(n: number, f: (i: number) => string, header = 'date,value'): string {
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
  return [header, ...Array.from({ length: n }, (_, i) => `${day(i)},${f(i)}`)].join('\n') + '\n';
}

/** The visible text of the page holds no NaN, Infinity or undefined. */
export async function expectNoBadNumbers(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\bNaN\b|Infinity|undefined/);
}

/**
 * Every cell of the Test metrics table is a finite number: 4 metrics × (Model, Persistence
 * baseline, Linear, and Seasonal naive when the series has a clear period).
 */
export async function expectFiniteMetrics(page: Page): Promise<void> {
  const table = page.getByRole('table', { name: 'Test metrics' });
  await expect(table.locator('thead th', { hasText: 'Linear' })).toHaveCount(1);
  const columns = (await table.locator('thead th').count()) - 1;
  expect(columns === 3 || columns === 4, `${columns} value columns`).toBe(true);
  const cells = table.locator('tbody td');
  await expect(cells).toHaveCount(4 * columns);
  for (const text of await cells.allTextContents()) {
    expect(Number.isFinite(Number.parseFloat(text.replace(/[,%\s]/g, ''))), text).toBe(true);
  }
}

/** Cell text of a captioned table, by row header and column header. */
export async function cell(
  page: Page,
  caption: string,
  row: string,
  column: string,
): Promise<string> {
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
