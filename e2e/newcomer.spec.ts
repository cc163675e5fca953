import { expect, test, type Page } from '@playwright/test';
import { openApp, statusLine, TINY } from './helpers';

/** What a first-time student runs into: the run controls on a phone, focus, data tables, the log axis. */

const SINE = `?sample=sine&${TINY}`;

async function trainToEnd(page: Page, epochs: number) {
  await openApp(page, `${SINE}&epochs=${epochs}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done');
}

test('at 375 px the run controls and status stay on screen wherever the page is scrolled', async ({
  page,
}) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await trainToEnd(page, 3);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const inView = async () => {
    for (const el of [train, statusLine(page)]) {
      const box = (await el.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(812);
    }
  };
  for (const y of [0, 600, 1500, 3000, 100_000]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await inView();
  }
  // Nothing scrolls sideways because of the bar.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('focus moves on, not to the body, when Train or Stop disables itself', async ({ page }) => {
  await openApp(page, `${SINE}&epochs=500`);
  const active = () =>
    page.evaluate(() => {
      const e = document.activeElement;
      return !e || e === document.body ? 'body' : (e.textContent ?? e.tagName);
    });
  await page.getByRole('button', { name: 'Train', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  expect(await active()).not.toBe('body');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(statusLine(page)).toContainText('stopped');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  expect(await active()).toMatch(/^(Train|Reset)$/);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('button', { name: 'Reset' })).toBeDisabled();
  expect(await active()).not.toBe('body');
});

test('each chart is a named figure whose "Show data" opens a named table', async ({ page }) => {
  await trainToEnd(page, 4);
  const loss = page.getByRole('figure', { name: 'Training loss' });
  const toggle = loss.getByRole('button', { name: 'Show data' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('table', { name: 'Training loss data' })).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const table = page.getByRole('table', { name: 'Training loss data' });
  await expect(table.locator('thead th')).toHaveText(['Epoch', 'Train', 'Held-out']);
  await expect(table.locator('tbody tr')).toHaveCount(4);
  const losses = await table.locator('tbody td').allTextContents();
  for (const v of losses) expect(Number(v)).toBeGreaterThan(0);

  const preds = page.getByRole('figure', { name: 'Predictions vs actual' });
  await preds.getByRole('button', { name: 'Show data' }).click();
  const rows = page.getByRole('table', { name: 'Predictions vs actual data' });
  await expect(rows.locator('thead th')).toHaveText([
    'Date',
    'Actual',
    'Prediction',
    'Persistence',
  ]);
  expect(await rows.locator('tbody tr').count()).toBe(
    Number(await preds.getAttribute('data-points')),
  );
  await expect(rows.locator('tbody tr').first().locator('th')).toHaveText(/^\d{4}-\d\d-\d\d$/);
  // Closing takes the table out of the page again.
  await preds.getByRole('button', { name: 'Show data' }).click();
  await expect(rows).toHaveCount(0);
});

test('the log-scale loss axis holds every point, and the per-batch line reaches the last epoch', async ({
  page,
}) => {
  await trainToEnd(page, 6);
  const loss = page.getByRole('figure', { name: 'Training loss' });
  await loss.getByLabel('Log scale').check();
  const drawn = await loss.evaluate((fig) => {
    const grid = fig.querySelector('.recharts-cartesian-grid')!.getBoundingClientRect();
    const ys: number[] = [];
    const xs: number[] = [];
    for (const path of fig.querySelectorAll<SVGPathElement>('path.recharts-line-curve')) {
      const m = path.getScreenCTM()!;
      const d = path.getAttribute('d') ?? '';
      const lineXs: number[] = [];
      for (const [, x, y] of d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)) {
        const p = new DOMPoint(Number(x), Number(y)).matrixTransform(m);
        ys.push(p.y);
        lineXs.push(p.x);
      }
      xs.push(Math.max(...lineXs));
    }
    return { top: grid.top, bottom: grid.bottom, right: grid.right, ys, xs };
  });
  expect(drawn.ys.length).toBeGreaterThan(10);
  // Inside, not on the edge, where the clip path would cut the dots in half.
  for (const y of drawn.ys) {
    expect(y).toBeGreaterThan(drawn.top + 3);
    expect(y).toBeLessThan(drawn.bottom - 3);
  }
  // Per-batch, train and held-out all end at the right edge (epoch 6 of 6).
  expect(drawn.xs).toHaveLength(3);
  for (const x of drawn.xs) expect(Math.abs(x - drawn.right)).toBeLessThan(2);
});
