/**
 * A Vite dev server for the benchmark page (bench/bench.html) on 127.0.0.1 at a random free port, shared
 * by the bench (bench/browser.mjs) and the kernel checks in the browser tests (e2e/kernels.spec.ts).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts the server; resolves once it listens. `url` is its base URL with a trailing slash (the bench
 * page is `${url}bench/bench.html`); `close()` stops it. `isolated`: send COOP/COEP.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startBenchServer({ isolated = false } = {}) {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    clearScreen: false,
    // Its own pre-bundle cache: the app's dev server (another include list) would otherwise
    // re-optimise node_modules/.vite under a running session and make it reload.
    cacheDir: 'node_modules/.vite-bench',
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      ws: false,
      watch: null,
      // Cross-origin isolation (COOP + COEP): SharedArrayBuffer, so tfjs-wasm loads its threaded
      // binary and runs XNNPACK's products on a thread pool (`--isolated`).
      headers: isolated
        ? {
            'Cross-Origin-Opener-Policy': 'same-origin',
            'Cross-Origin-Embedder-Policy': 'require-corp',
          }
        : {},
      preTransformRequests: false,
      // node_modules may be a symlink out of the project (a git worktree sharing one install); the
      // worker's wasm `?url` imports are served from its real path, which Vite refuses by default.
      fs: { allow: [ROOT, realpathSync(new URL('../node_modules', import.meta.url))] },
    },
    worker: { format: 'es' },
    optimizeDeps: {
      entries: ['bench/bench.html'],
      noDiscovery: true,
      include: [
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-webgl',
        '@tensorflow/tfjs-backend-wasm',
        '@tensorflow/tfjs-layers',
      ],
    },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('the bench dev server has no local URL');
  }
  return { url, close: () => server.close() };
}
