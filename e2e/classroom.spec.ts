import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, statusLine, TINY } from './helpers';

/** Classroom mode: the projector layout, its first screen, its type sizes, and accessibility. */

const RUN = `?sample=sine&epochs=3&layers=2&${TINY}`;

async function trained(page: Page, query: string) {
  await openApp(page, query);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('done');
  await expect(page.getByRole('figure', { name: 'Gradient flow' })).toBeVisible();
}

const serious = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

test('the button switches it on and off, the link keeps it, and it opens the inside view', async ({
  page,
}) => {
  await openApp(page, RUN);
  const button = page.getByRole('button', { name: 'Classroom mode' });
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/classroom=1/);
  const inside = page.getByRole('region', { name: 'Inside the network' });
  await expect(inside.getByRole('button', { name: 'Inside the network' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Classroom mode' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Classroom mode' }).click();
  await expect(page).not.toHaveURL(/classroom=1/);
});

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  test(`at ${width}×${height} the live charts and the lesson's figures fit the first screen`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await trained(page, `${RUN}&classroom=1`);
    await page.evaluate(() => window.scrollTo(0, 0));
    // The plots (not only their captions) of the essentials sit above the fold.
    for (const name of [
      'Training loss',
      'Predictions vs actual',
      'Input influence',
      'Gradient flow',
    ]) {
      const plot = page
        .getByRole('figure', { name, exact: true })
        .locator('.recharts-wrapper > svg')
        .first();
      const box = (await plot.boundingBox())!;
      expect(box.y, name).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, name).toBeLessThanOrEqual(height);
    }
    for (const name of ['Train', 'Step', 'Pause']) {
      const b = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(b.y + b.height).toBeLessThanOrEqual(height);
    }
    // Chart text at least 18 px, data lines at least 3 px.
    const sizes = await page.evaluate(() => ({
      text: Array.from(
        document.querySelectorAll(
          '.recharts-cartesian-axis-tick-value, .recharts-legend-item-text',
        ),
      ).map((e) => parseFloat(getComputedStyle(e).fontSize)),
      lines: Array.from(document.querySelectorAll('.recharts-line-curve')).map((e) =>
        parseFloat(getComputedStyle(e).strokeWidth),
      ),
    }));
    expect(sizes.text.length).toBeGreaterThan(10);
    expect(Math.min(...sizes.text)).toBeGreaterThanOrEqual(18);
    expect(sizes.lines.length).toBeGreaterThan(4);
    expect(Math.min(...sizes.lines)).toBeGreaterThanOrEqual(3);
    // No sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
  });
}

test('axe finds no serious or critical violation, normal and classroom, inside view open', async ({
  page,
}) => {
  await trained(page, `${RUN}&classroom=1`);
  for (const name of ['Hidden state', 'Weights', 'Equations']) {
    await page
      .getByRole('figure', { name, exact: true })
      .getByRole('button', { name: 'Show data' })
      .click();
  }
  expect(await serious(page)).toEqual([]);
  await page.getByRole('button', { name: 'Classroom mode' }).click();
  await expect(page.getByRole('figure', { name: 'Equations' })).toBeVisible();
  await page.keyboard.press('?');
  expect(await serious(page)).toEqual([]);
});
