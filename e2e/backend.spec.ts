import { expect, test } from '@playwright/test';
import { expectNoBadNumbers, openApp, statusLine, type Hooks } from './helpers';

/**
 * The backend choice in the app: Auto (the default) decides in the worker before the first Train and
 * says why on the backend line; here every GPU path is software (SwiftShader's WebGL and its WebGPU
 * fallback adapter, playwright.config.ts's --enable-unsafe-webgpu), so it must pick WebAssembly. Then
 * the WebGPU engine trains a SimpleRNN and an LSTM run end to end in the app, and a run beyond the
 * device's limits (an LSTM too wide for its workgroup memory) moves to WebGL with a notice. The GPU commands per batch show on the backend line. A lost WebGPU device
 * (the test hook destroys it) ends as a lost WebGL context does: training continues on WebAssembly
 * from the last epoch's weights.
 */
const SMALL = 'layers=2&units=8&dropout=0.2&timesteps=5&batch=32&lr=0.01';

test('Auto picks WebAssembly over software GPUs, and says why before Train', async ({ page }) => {
  await openApp(page, `?sample=sine&epochs=1&${SMALL}`);
  const select = page.getByLabel('Backend', { exact: true });
  await expect(select).toHaveValue('auto');
  await expect(select.locator('option')).toHaveText([
    'Auto',
    'WebGPU',
    'WebGL',
    'WebAssembly',
    'CPU',
  ]);
  const line = page.locator('.backend-line');
  await expect(line).toContainText('Auto chose WebAssembly', { timeout: 60_000 });
  await expect(line).toContainText(/renders in software|WebGL is not available/);
  await expect(line).toContainText(/adapter is software|WebGPU is not available/);
  await expect(line).toContainText('Backend: wasm');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('Backend: wasm · done', { timeout: 120_000 });
  console.log(await line.textContent());
});

test('WebGPU trains a SimpleRNN stack in the app, 2 GPU dispatches per batch', async ({ page }) => {
  await openApp(page, `?sample=sine&epochs=2&backend=webgpu&${SMALL}&forecast=10`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('Backend: webgpu · done', { timeout: 120_000 });
  const line = page.locator('.backend-line');
  await expect(line).toContainText('WebGPU, google swiftshader (software)');
  await expect(line).toContainText('2 GPU dispatches per batch');
  console.log(await line.textContent());
  await expect(page.locator('.hint.warn')).toHaveCount(0);
  // The forecast and the inside view read the weights back from the GPU (the engine's host copy).
  const forecast = page.getByRole('figure', { name: 'Forecast' });
  await forecast.getByRole('button', { name: 'Show data' }).click();
  await expect(page.getByRole('table', { name: 'Forecast data' }).locator('tbody tr')).toHaveCount(
    10,
  );
  const inside = page.getByRole('region', { name: 'Inside the network' });
  const toggle = inside.getByRole('button', { name: 'Inside the network' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(inside).toContainText(/\d+ batches trained/);
  await expectNoBadNumbers(page);
});

test('WebGPU trains an LSTM stack in the app, 2 GPU dispatches per batch as SimpleRNN', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=1&backend=webgpu&cell=lstm&${SMALL}&forecast=10`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusLine(page)).toContainText('Backend: webgpu · done', { timeout: 120_000 });
  const line = page.locator('.backend-line');
  await expect(line).toContainText('WGSL engine: SimpleRNN, LSTM, GRU');
  await expect(line).toContainText('2 GPU dispatches per batch');
  console.log(await line.textContent());
  await expect(page.locator('.hint.warn')).toHaveCount(0);
  // The forecast and the inside view (the LSTM's cell states) from the weights read back.
  const forecast = page.getByRole('figure', { name: 'Forecast' });
  await forecast.getByRole('button', { name: 'Show data' }).click();
  await expect(page.getByRole('table', { name: 'Forecast data' }).locator('tbody tr')).toHaveCount(
    10,
  );
  const inside = page.getByRole('region', { name: 'Inside the network' });
  const toggle = inside.getByRole('button', { name: 'Inside the network' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(inside).toContainText(/\d+ batches trained/);
  await expectNoBadNumbers(page);
});

test('an LSTM too wide for WebGPU moves to WebGL with a notice and counts its draws', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // 320 units: h, c and dZ of four gates, twice, need more than WebGPU's 16 KiB of workgroup memory.
  const wide = 'layers=1&units=320&dropout=0&timesteps=5&batch=32&lr=0.01';
  await openApp(page, `?sample=sine&epochs=1&backend=webgpu&cell=lstm&${wide}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.hint.warn')).toContainText(
    'WebGPU: too many units for WebGPU here; using WebGL instead.',
    { timeout: 60_000 },
  );
  await expect(statusLine(page)).toContainText('Backend: webgl · done', { timeout: 200_000 });
  const line = page.locator('.backend-line');
  await expect(line).toContainText(/\d+ WebGL draws per batch/);
  // LSTM runs whole batches in its own shaders (webgl/batchLstm.ts): 16 draws for T = 5, L = 1 at
  // an even batch; the line read 35 on average here, which includes batches the whole-batch path
  // does not take (128 with the gated wavefront alone, 601 with tfjs ops per step).
  await expect(line).toContainText('fast kernels: SimpleRNN, LSTM, GRU');
  const draws = Number(/(\d+) WebGL draws per batch/.exec((await line.textContent()) ?? '')?.[1]);
  expect(draws).toBeLessThan(60);
  console.log(await line.textContent());
});

test('a lost WebGPU device mid-run moves training to WebAssembly from the last epoch', async ({
  page,
}) => {
  // 200 epochs: on a quiet machine the status can pass ten epochs between two looks, so the loss is
  // asked for anywhere in the first three quarters of the run.
  await openApp(page, `?sample=sine&epochs=200&backend=webgpu&${SMALL}&testHooks`);
  const status = statusLine(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText(/Epoch ([1-9]|[1-9]\d|1[0-4]\d) \/ 200/, { timeout: 60_000 });
  await page.evaluate(() =>
    (globalThis as unknown as { __trainerTestHooks: Hooks }).__trainerTestHooks.loseContext(),
  );
  await expect(page.locator('.notices').getByText(/Switched from webgpu to wasm/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(status).toHaveText(/Epoch 200 \/ 200 · loss [\d.e+-]+ · Backend: wasm · done/, {
    timeout: 120_000,
  });
  await expectNoBadNumbers(page);
});
