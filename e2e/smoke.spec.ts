import { expect, test } from '@playwright/test';

// Deliberately UI-agnostic: the flow tests live in ui.spec.ts. This one only guards "the built app
// boots cleanly": right title, something rendered into #root, no console error, no page error.
test('the production build loads without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle('RNN Playground');
  await expect(page.locator('#root > *').first()).toBeVisible();
  // Let first-open work (sample load, effects) settle before judging the console.
  await page.waitForLoadState('networkidle');
  expect(errors).toEqual([]);
});
