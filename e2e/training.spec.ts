import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { cell, openApp } from './helpers';

/**
 * Training through the UI as a new user does it: live loss chart, pause and resume, metrics,
 * the downloads, and a run on WebGL. Tiny configurations keep it fast.
 */

/** A tiny network that trains in a second or two on the cpu backend. */
const TINY = 'backend=cpu&layers=1&units=4&dropout=0&timesteps=5&lr=0.01';

test('train a tiny model on cpu: live loss chart, pause and resume, metrics, predictions CSV', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=120&${TINY}&batch=8`);
  const status = page.getByRole('status');
  const loss = page.getByRole('figure', { name: 'Training loss' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText(/Epoch \d+ \/ 120 · loss [\d.]+ · Backend: cpu/);
  // Controls that shape the run are locked while it runs.
  await expect(page.getByLabel('Units', { exact: true })).toBeDisabled();
  const before = Number(await loss.getAttribute('data-points'));
  await expect
    .poll(async () => Number(await loss.getAttribute('data-points')))
    .toBeGreaterThan(before);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText('paused');
  const pausedAt = await status.textContent();
  await page.waitForTimeout(700);
  await expect(status).toHaveText(pausedAt ?? '');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText('done', { timeout: 120_000 });
  await expect(status).toContainText('Epoch 120 / 120');
  await expect(page.getByLabel('Units', { exact: true })).toBeEnabled();

  for (const row of ['RMSE', 'MAE', 'MAPE', 'R²']) {
    for (const col of ['Model', 'Persistence baseline']) {
      expect(Number.isFinite(parseFloat(await cell(page, 'Test metrics', row, col)))).toBe(true);
    }
  }
  const modelRmse = parseFloat(await cell(page, 'Test metrics', 'RMSE', 'Model'));
  const baseRmse = Math.min(
    parseFloat(await cell(page, 'Test metrics', 'RMSE', 'Persistence baseline')),
    parseFloat(await cell(page, 'Test metrics', 'RMSE', 'Linear')),
  );
  expect(modelRmse).toBeGreaterThan(0);
  // The one-line verdict agrees with the table (against the best baseline) and is final.
  await expect(page.locator('.verdict')).toContainText(
    modelRmse < baseRmse
      ? 'The model beats the best baseline'
      : 'Not better than the best baseline,',
  );
  await expect(page.locator('.verdict')).not.toContainText('yet');
  expect(Number(await loss.getAttribute('data-points'))).toBeGreaterThan(120);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download predictions' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const csv = readFileSync((await download.path()) ?? '', 'utf8')
    .trim()
    .split('\n');
  // sine.csv: 600 rows, train split 0.8 → 480 train rows, 120 test rows, one prediction each.
  expect(csv[0]).toBe('date,actual,predicted');
  expect(csv.length - 1).toBe(120);
  expect(
    csv.slice(1).every((l) =>
      l
        .split(',')
        .slice(1)
        .every((v) => Number.isFinite(Number(v))),
    ),
  ).toBe(true);
});

test('stop mid-run, then download the model as model.json + model.weights.bin', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=500&${TINY}&batch=16`);
  const status = page.getByRole('status');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText(/Epoch (?:[2-9]|\d{2,}) \/ 500/);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText('stopped');
  const downloads: string[] = [];
  const files: Record<string, Buffer> = {};
  page.on('download', async (d) => {
    downloads.push(d.suggestedFilename());
    files[d.suggestedFilename()] = readFileSync((await d.path()) ?? '');
  });
  await page.getByRole('button', { name: 'Download model' }).click();
  await expect.poll(() => Object.keys(files).sort()).toEqual(['model.json', 'model.weights.bin']);
  const json = JSON.parse(files['model.json'].toString('utf8')) as {
    weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[];
  };
  expect(json.weightsManifest[0].paths).toEqual(['model.weights.bin']);
  const floats = json.weightsManifest[0].weights.reduce(
    (s, w) => s + w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  // 1 × SimpleRNN(4) on 1 input: 4·(4+1+1) = 24, Dense: 5 → 29 float32 values.
  expect(floats).toBe(29);
  expect(files['model.weights.bin'].byteLength).toBe(29 * 4);
  // Reset clears the run; the data and settings stay.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(status).toContainText('Ready to train');
  await expect(page.getByRole('figure', { name: 'Training loss' })).toHaveAttribute(
    'data-points',
    '0',
  );
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('500');
});

test('trains on WebGL', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(
    page,
    `?sample=sine&epochs=2&${TINY.replace('backend=cpu', 'backend=webgl')}&batch=32`,
  );
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('done', { timeout: 200_000 });
  await expect(page.getByRole('status')).toContainText('Backend: webgl');
  // WebGL here is SwiftShader (software): the app says WebAssembly is faster and offers the switch.
  const renderer = (await page.locator('.backend-line').textContent()) ?? '';
  const hint = page.locator('.software-gl');
  if (/swiftshader|llvmpipe|softpipe|software/i.test(renderer)) {
    await expect(hint).toContainText('WebAssembly trains faster here');
    await hint.getByRole('button', { name: 'Use WebAssembly' }).click();
    await expect(page.getByLabel('Backend')).toHaveValue('wasm');
    await expect(hint).toHaveCount(0);
  } else {
    await expect(hint).toHaveCount(0);
  }
});
