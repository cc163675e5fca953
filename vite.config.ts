import { defineConfig, configDefaults } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};
import { VitePWA } from 'vite-plugin-pwa';
import {
  apacheHtaccess,
  basePath,
  netlifyHeaders,
  nginxConf,
  securityHeaders,
  vercelJson,
} from './scripts/hosting.ts';

/** The URL path the app is served under: `BASE_PATH=/rnn-playground/ npm run build` for a sub-path. */
const BASE = basePath(process.env.BASE_PATH);

/**
 * The Content-Security-Policy of the production build: only same-origin scripts, workers and
 * wasm. 'wasm-unsafe-eval' lets tfjs-backend-wasm compile its same-origin .wasm; blob: workers
 * are how the app starts its own two (src/workers/spawn.ts: so they inherit this policy on any
 * host); 'unsafe-inline' styles are recharts' inline style attributes.
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

/** Writes the hosts' header files (scripts/hosting.ts) into the build, with this build's CSP and base. */
function hostHeaderFiles(): Plugin {
  return {
    name: 'rnn-playground:host-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: netlifyHeaders(CSP, BASE) });
      this.emitFile({ type: 'asset', fileName: '.htaccess', source: apacheHtaccess(CSP) });
      this.emitFile({ type: 'asset', fileName: 'vercel.json', source: vercelJson(CSP, BASE) });
      this.emitFile({ type: 'asset', fileName: 'nginx.conf', source: nginxConf(CSP, BASE) });
    },
  };
}

/**
 * The service worker (Workbox via vite-plugin-pwa): precaches the whole build (page, workers, the
 * wasm binaries, samples, icons) so that after one visit the app opens and trains offline. Prompt
 * mode: a new deploy waits until the page's Reload (components/UpdateNotice.tsx) lets it take over.
 * The page registers it from its bundle (no inline script, which the CSP forbids); off in `dev`.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  devOptions: { enabled: false },
  // The icons are in globPatterns already; listing them twice would precache them twice.
  includeManifestIcons: false,
  manifest: {
    name: 'RNN Playground',
    short_name: 'RNN Playground',
    description:
      'Train a recurrent neural network on your own CSV time series, live, in your browser.',
    theme_color: '#0b3c5d',
    background_color: '#ffffff',
    display: 'standalone',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,csv,svg,png}'],
    // The trainer worker carries tfjs and the wasm binaries are a few MB each; all must be cached.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
  },
});

export default defineConfig({
  base: BASE,
  plugins: [react(), cspMeta(), hostHeaderFiles(), pwa],
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
  // `vite preview` also sends the policy (and the other headers a host should send) as headers, as
  // a host with the build's header files does (e2e/production.spec.ts covers a host with none).
  preview: { headers: securityHeaders(CSP) },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'e2e/**', 'bench/**'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
