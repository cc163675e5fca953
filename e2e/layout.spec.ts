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
  // Every control a keyboard user should reach: focusable, enabled, rendered, in the tab order;
  // each gets a probe number. Radios count per group (Tab enters a group once).
  const controls = await page.evaluate(() => {
    const found: string[] = [];
    const groups = new Set<string>();
    const all = document.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, summary, [tabindex]',
    );
    all.forEach((e, i) => {
      const disabled = (e as HTMLButtonElement).disabled === true;
      if (disabled || e.tabIndex < 0 || e.getClientRects().length === 0) return;
      if (e instanceof HTMLInputElement && e.type === 'radio') {
        if (groups.has(e.name)) return;
        groups.add(e.name);
      }
      e.dataset.tabProbe = String(i);
      const label = e.getAttribute('aria-label') ?? e.id ?? '';
      found.push(`${i} ${e.tagName.toLowerCase()}:${label || e.textContent?.trim().slice(0, 20)}`);
    });
    return found;
  });
  const stops: string[] = [];
  const reached = new Set<string>();
  // Until focus leaves the page; 400 stops is far more than the page has, so a trap fails here.
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const r = e.getBoundingClientRect();
      const label = e.getAttribute('aria-label') ?? e.id ?? '';
      // A radio stands for its group, whichever of its buttons takes the focus.
      const group =
        e instanceof HTMLInputElement && e.type === 'radio'
          ? document.querySelector<HTMLElement>(
              `input[type="radio"][name="${e.name}"][data-tab-probe]`,
            )
          : null;
      return {
        probe: (group ?? e).dataset.tabProbe ?? null,
        text: `${e.tagName.toLowerCase()}${r.width > 0 && r.height > 0 ? '' : ' (invisible)'}:${label || e.textContent?.trim().slice(0, 20)}`,
      };
    });
    if (!stop) break;
    expect(i, 'Tab never left the page').toBeLessThan(399);
    stops.push(stop.text);
    if (stop.probe) reached.add(stop.probe);
  }
  console.log(`${stops.length} tab stops, ${controls.length} controls`);
  expect(stops.filter((s) => s.includes('(invisible)'))).toEqual([]);
  expect(stops.filter((s) => s.startsWith('g'))).toEqual([]);
  expect(stops.filter((s) => s.startsWith('svg'))).toHaveLength(3);
  expect(controls.length).toBeGreaterThan(20);
  expect(controls.filter((c) => !reached.has(c.split(' ')[0]))).toEqual([]);
});
