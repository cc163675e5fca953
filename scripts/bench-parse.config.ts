/**
 * `npx playwright test --config scripts/bench-parse.config.ts`: times loading a generated 50 MB CSV
 * through the real UI (production build) and the longest main-thread tasks while loading and on
 * Train. Not part of `npm test` (it takes about a minute). Set E2E_PORT to avoid port clashes.
 */
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'bench-parse.spec.ts',
  timeout: 300_000,
  reporter: [['list']],
  // The build and preview server run from the project root, not from scripts/.
  webServer: { ...(base.webServer as object), cwd: fileURLToPath(new URL('..', import.meta.url)) },
});
