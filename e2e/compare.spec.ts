import { expect, test } from '@playwright/test';
import { cell } from './helpers';

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
  const firstRmse = await cell(page, 'Test metrics', 'RMSE', 'Model');
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
  // The note names the first run's RMSE as its table showed it, and its verdict is what the two
  // RMSEs say (as shown: equal when they read the same, else the lower one is better).
  const [, shown, verdict] =
    /RMSE (\d[\d,]*(?:\.\d+)?) — this run is (better|worse|as good)\.$/.exec(text) ?? ['', '', ''];
  expect(shown).toBe(firstRmse);
  const secondRmse = await cell(page, 'Test metrics', 'RMSE', 'Model');
  const value = (t: string) => Number(t.replace(/,/g, ''));
  expect(value(firstRmse) > 0 && value(secondRmse) > 0).toBe(true);
  const expected =
    secondRmse === firstRmse
      ? 'as good'
      : value(secondRmse) < value(firstRmse)
        ? 'better'
        : 'worse';
  console.log(`RMSE ${firstRmse} → ${secondRmse}: ${verdict}`);
  expect(verdict).toBe(expected);
  await expect(loss.getByText('Previous run (held-out)')).toBeVisible();
  await expect(loss).toHaveAttribute('data-previous-points', '1');
  // The Test metrics table keeps its columns, with the Linear baseline beside persistence.
  const heads = page.getByRole('table', { name: 'Test metrics' }).locator('thead th');
  for (const [i, name] of ['Metric', 'Model', 'Persistence baseline', 'Linear'].entries()) {
    await expect(heads.nth(i)).toHaveText(name);
  }
});
