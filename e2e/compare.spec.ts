import { expect, test } from '@playwright/test';

/**
 * "Change one knob, train again, compare": the second run is shown beside the first one's
 * held-out loss (a grey dotted line in the loss chart) and test RMSE (one sentence under the verdict).
 */

/** One epoch of a tiny network on the cpu backend: a second or two per run. */
const TINY =
  '?sample=sine&backend=cpu&layers=1&units=4&dropout=0&timesteps=5&lr=0.01&epochs=1&batch=16';

test('train, change Units, train again: the previous run is named, charted and compared', async ({
  page,
}) => {
  await page.goto(`/${TINY}`);
  const status = page.getByRole('status');
  await expect(status).toContainText('Ready to train');
  const loss = page.getByRole('figure', { name: 'Training loss' });
  const train = page.getByRole('button', { name: 'Train', exact: true });

  await train.click();
  await expect(status).toContainText('done');
  // A first run has nothing to compare with.
  await expect(page.locator('.previous-run')).toHaveCount(0);
  await expect(loss).toHaveAttribute('data-previous-points', '0');
  await expect(loss.getByText('Previous run (held-out)')).toHaveCount(0);

  await page.getByLabel('Units', { exact: true }).fill('8');
  await train.click();
  await expect(status).toContainText('done');

  const note = page.locator('.previous-run');
  await expect(note).toContainText('Previous run (units 4 → 8): RMSE ');
  // Once this run is done, its verdict is final (no "so far").
  await expect(note).toContainText(/this run is (better|worse|as good)\.$/);
  const text = (await note.textContent()) ?? '';
  const rmse = Number(/RMSE (\d[\d,]*(?:\.\d+)?)/.exec(text)?.[1].replace(/,/g, ''));
  expect(Number.isFinite(rmse) && rmse > 0).toBe(true);
  await expect(loss.getByText('Previous run (held-out)')).toBeVisible();
  await expect(loss).toHaveAttribute('data-previous-points', '1');
  // The Test metrics table keeps its columns, with the Linear baseline beside persistence.
  const heads = page.getByRole('table', { name: 'Test metrics' }).locator('thead th');
  for (const [i, name] of ['Metric', 'Model', 'Persistence baseline', 'Linear'].entries()) {
    await expect(heads.nth(i)).toHaveText(name);
  }
});
