import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

/** The "What is an RNN?" panel: the unrolled picture follows the configuration. */

const picture = (page: Page) =>
  page
    .getByRole('region', { name: 'What is an RNN?' })
    .getByRole('img', { name: /input steps? feeds?/ });

test('the picture names the current T, layers and units, and follows the Timesteps field', async ({
  page,
}) => {
  await openApp(page, '?sample=sine&backend=cpu&timesteps=40&layers=4&units=50&cell=simpleRNN');
  const region = page.getByRole('region', { name: 'What is an RNN?' });
  await expect(region.getByRole('heading', { name: 'What is an RNN?' })).toBeVisible();
  await expect(region.getByRole('figure', { name: 'Unrolled network' })).toBeVisible();
  await expect(picture(page)).toHaveAttribute(
    'aria-label',
    '40 input steps feed 4 layers of 50 SimpleRNN units; the last state of the top layer feeds a Dense layer that predicts the next value.',
  );
  await expect(region.locator('svg')).toContainText('T = 40 steps');
  await expect(region.locator('svg')).toContainText('t−39');

  await page.getByLabel('Timesteps', { exact: true }).fill('12');
  await expect(picture(page)).toHaveAttribute('aria-label', /^12 input steps feed 4 layers of 50/);
  await expect(region.locator('svg')).toContainText('T = 12 steps');
  await expect(region.locator('svg')).toContainText('t−11');

  await page.getByLabel('Units', { exact: true }).fill('8');
  await page.getByLabel('Cell type').selectOption('lstm');
  await expect(picture(page)).toHaveAttribute(
    'aria-label',
    /12 input steps feed 4 layers of 8 LSTM units/,
  );
  await expect(region.locator('svg')).toContainText('cell state c');
});

test('the panel collapses and opens from its heading button', async ({ page }) => {
  await openApp(page, '?sample=sine&backend=cpu');
  const region = page.getByRole('region', { name: 'What is an RNN?' });
  const toggle = region.getByRole('button', { name: 'What is an RNN?' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(picture(page)).toBeHidden();
  await toggle.press('Enter');
  await expect(picture(page)).toBeVisible();
});

test('at 375 px the picture fits and its text stays at least 14 px', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openApp(page, '?sample=sine&backend=cpu&timesteps=500&layers=8&units=512');
  const svg = picture(page);
  await svg.scrollIntoViewIfNeeded();
  const fit = await svg.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const panel = el.closest('section')!.getBoundingClientRect();
    const texts = Array.from(el.querySelectorAll('text'));
    const scale = box.width / (el as SVGSVGElement).viewBox.baseVal.width;
    return {
      page: document.documentElement.scrollWidth,
      right: box.right,
      panelRight: panel.right,
      smallestPx: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale)),
      textRight: Math.max(...texts.map((t) => t.getBoundingClientRect().right)),
    };
  });
  expect(fit.page).toBeLessThanOrEqual(375);
  expect(fit.right).toBeLessThanOrEqual(fit.panelRight);
  expect(fit.textRight).toBeLessThanOrEqual(fit.right + 0.5);
  expect(fit.smallestPx).toBeGreaterThanOrEqual(13.9);
});
