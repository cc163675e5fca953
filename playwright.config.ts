import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/ensure-chromium.mjs';

/** Fixed port for `vite preview` during browser tests (strict: fails rather than moving). */
export const E2E_PORT = Number(process.env.E2E_PORT) || 4179;
const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;

/**
 * Browser tests against the production build: Playwright builds it and serves it with
 * `vite preview` on 127.0.0.1, then drives a system Chromium found (or installed) by
 * scripts/ensure-chromium.mjs. One worker: the machine has two cores and shader compiles are slow.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  // First WebGL shader compiles in software take tens of seconds.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    baseURL: ORIGIN,
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: ensureChromium(),
          args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'],
        },
      },
    },
  ],
  webServer: {
    // A test build: the same app plus the fault-injection hooks (src/workers/trainer/testHooks.ts).
    command: `RNN_PLAYGROUND_TEST_HOOKS=1 npx vite build --logLevel warn && npx vite preview --host 127.0.0.1 --port ${E2E_PORT} --strictPort`,
    url: ORIGIN,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
