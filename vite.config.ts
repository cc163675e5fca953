import { defineConfig, configDefaults } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

/**
 * The Content-Security-Policy of the production build: only same-origin scripts, workers and
 * wasm. 'wasm-unsafe-eval' lets tfjs-backend-wasm compile its same-origin .wasm; blob: workers
 * are what its threaded build spawns; 'unsafe-inline' styles are recharts' inline style attributes.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Injects the CSP as a <meta> tag right after <meta charset> in the built index.html only (the
 * dev server needs an inline React-refresh preamble that this policy would block). A meta policy
 * covers only what follows it, hence before every script and stylesheet.
 */
function cspMeta(): Plugin {
  const anchor = /<meta charset="UTF-8"\s*\/?>/i;
  return {
    name: 'rnn-playground:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      if (!anchor.test(html))
        throw new Error('csp-meta: index.html has no <meta charset="UTF-8" />');
      return html.replace(
        anchor,
        (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  // Fault-injection hooks (src/workers/trainer/testHooks.ts) exist only in the browser tests' build,
  // which sets RNN_PLAYGROUND_TEST_HOOKS=1 (playwright.config.ts); everywhere else they compile away.
  // __APP_VERSION__ is package.json's version, written into exported models and scripts.
  define: {
    __TEST_HOOKS__: JSON.stringify(process.env.RNN_PLAYGROUND_TEST_HOOKS === '1'),
    __APP_VERSION__: JSON.stringify(version),
  },
  worker: {
    format: 'es',
    // src/workers/<name>/worker.ts → assets/<name>-worker-<hash>.js: each worker keeps its name.
    rolldownOptions: {
      output: {
        entryFileNames: (chunk) =>
          `assets/${/workers\/(\w+)\/worker\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1] ?? '[name]'}-worker-[hash].js`,
      },
    },
  },
  // The workers import these; listing them pre-bundles them when the dev server starts, instead of
  // discovering them when the first worker loads and reloading the page mid-session.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm',
      'papaparse',
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  // `vite preview` also sends the policy as a header, so workers (which do not inherit a page's
  // meta CSP) run under it in the browser tests too.
  preview: { headers: { 'Content-Security-Policy': CSP } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: [...configDefaults.exclude, 'e2e/**', 'bench/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
