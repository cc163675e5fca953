import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, TINY } from './helpers';

/**
 * The downloads that carry a run elsewhere: model.json's metadata (target, scalers, columns) and
 * the Keras script (its settings and the base64 weights), after a tiny run on cpu.
 */
test('Download model has metadata; Download Keras script saves a .py with the config and weights', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=3&${TINY}`);
  const status = page.getByRole('status');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(status).toContainText(/done|finished/i);
  const files: Record<string, Buffer> = {};
  page.on('download', async (d) => {
    files[d.suggestedFilename()] = readFileSync((await d.path()) ?? '');
  });

  await page.getByRole('button', { name: 'Download model', exact: true }).click();
  await expect.poll(() => Object.keys(files).sort()).toEqual(['model.json', 'model.weights.bin']);
  const meta = JSON.parse(files['model.json'].toString('utf8')).userDefinedMetadata;
  expect(meta).toMatchObject({
    generator: 'RNN Playground',
    targetColumn: 'Value',
    inputColumns: ['Value'],
    dateColumn: 'Date',
    timesteps: 5,
    rows: 600,
    trainRows: 480,
    layerNames: ['simple_rnn', 'dense'],
    params: 29,
  });
  expect(meta.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  expect(meta.scalers).toHaveLength(1);
  expect(meta.scalers[0]).toMatchObject({ column: 'Value' });
  expect(meta.scalers[0].dataMax).toBeGreaterThan(meta.scalers[0].dataMin);

  await page.getByRole('button', { name: 'Download Keras script' }).click();
  await expect.poll(() => Object.keys(files)).toContain('rnn_playground_Value.py');
  const script = files['rnn_playground_Value.py'].toString('utf8');
  expect(script).toMatch(/^#!\/usr\/bin\/env python3/);
  expect(script).toContain('TARGET = "Value"');
  expect(script).toContain('TIMESTEPS = 5');
  expect(script).toContain('EPOCHS = 3');
  expect(script).toContain('CELL = keras.layers.SimpleRNN');
  expect(script).toContain('APP_PARAMS = 29');
  const b64 = /BROWSER_WEIGHTS = \(\n([\s\S]*?)\n\)/.exec(script)![1].replace(/[\s"]/g, '');
  // 29 float32 weights: 116 bytes, 156 base64 characters; the same bytes as model.weights.bin.
  expect(Buffer.from(b64, 'base64').byteLength).toBe(29 * 4);
  expect(Buffer.from(b64, 'base64').equals(files['model.weights.bin'])).toBe(true);
});
