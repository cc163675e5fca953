import { expect, test } from '@playwright/test';

/** Classroom hardware: a phone-width window and keyboard-only use of the whole page. */

test('a phone-width window has no sideways scroll, before and after a run', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/?sample=sine&backend=cpu&layers=1&units=4&timesteps=5&dropout=0&epochs=2');
  const status = page.getByRole('status').filter({ hasText: 'Backend' });
  await expect(status).toContainText('Ready to train');
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  expect(await width()).toBeLessThanOrEqual(375);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText('done');
  expect(await width()).toBeLessThanOrEqual(375);
});

test('Tab reaches every control, and each chart is a single visible tab stop', async ({ page }) => {
  await page.goto('/?sample=sine');
  await expect(page.getByRole('status').filter({ hasText: 'Backend' })).toContainText('Ready');
  const stops: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return 'body';
      const r = e.getBoundingClientRect();
      const label = e.getAttribute('aria-label') ?? e.id ?? '';
      return `${e.tagName.toLowerCase()}${r.width > 0 && r.height > 0 ? '' : ' (invisible)'}:${label || e.textContent?.trim().slice(0, 20)}`;
    });
    if (stop === 'body') break;
    stops.push(stop);
  }
  expect(stops.filter((s) => s.includes('(invisible)'))).toEqual([]);
  expect(stops.filter((s) => s.startsWith('g'))).toEqual([]);
  expect(stops.filter((s) => s.startsWith('svg'))).toHaveLength(3);
  for (const name of ['cfg-units', 'cfg-seed', 'Train']) {
    expect(stops.some((s) => s.includes(name))).toBe(true);
  }
});
