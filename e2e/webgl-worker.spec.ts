import { expect, test } from '@playwright/test';
import type { WebglProbeResult } from '../src/workers/probe';

/** The probe worker's fixed URL in the production build (see vite.config.ts and probe.ts). */
const PROBE_URL = '/assets/webgl-probe.js';

// Proves TensorFlow.js's WebGL backend runs inside a Web Worker in this Chromium: the production
// build's probe worker (src/workers/probe.worker.ts) sets the 'webgl' backend, multiplies matrices
// on it and reports back. It is started from the app's own origin, under the app's CSP.
test('tfjs WebGL backend runs in a Web Worker (OffscreenCanvas)', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  // The probe costs nothing at page load.
  expect(requested.filter((u) => u.includes('webgl-probe'))).toEqual([]);

  const result = await page.evaluate(
    (url) =>
      new Promise<WebglProbeResult>((resolve, reject) => {
        const w = new Worker(url, { type: 'module' });
        w.onmessage = (e: MessageEvent<WebglProbeResult>) => {
          w.terminate();
          resolve(e.data);
        };
        w.onerror = (e) => reject(new Error(`probe worker error: ${e.message}`));
      }),
    PROBE_URL,
  );
  console.log(
    `WebGL probe: backend=${result.backend} WebGL${result.webglVersion} ` +
      `renderer="${result.renderer}" offscreen=${result.isOffscreen} in ${result.ms} ms`,
  );

  expect(result.error).toBeUndefined();
  expect(result.inWorker).toBe(true);
  expect(result.backend).toBe('webgl');
  expect(result.webglVersion).toBe(2);
  expect(result.isOffscreen).toBe(true);
  expect(result.renderer).not.toBe('');
  expect(result.result).toEqual([19, 22, 43, 50]);

  // Sum of A·B for the probe's 64×64 matrices A[i][k] = (i % 7) − 3, B[k][j] = (k % 5) − 2,
  // recomputed here from that formula. All terms are small integers, so float32 is exact.
  const n = 64;
  let expected = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) expected += ((i % 7) - 3) * ((k % 5) - 2);
  expect(result.bigSum).toBe(expected);
});
