/**
 * Starts a module worker so that it runs under the page's Content-Security-Policy wherever the app
 * is hosted. A worker started from its script's URL gets only the policy of that script's own
 * response headers: on a static host that sends none (GitHub Pages, `python -m http.server`) the
 * page has its <meta> policy and the workers, which read the user's data, have none. A worker
 * started from a blob: URL inherits its creator's policy (HTML's policy container, CSP3 §"Initialize
 * a Worker's policy"), meta policy included. So each worker starts from a one-line same-origin
 * blob script that imports the real, bundled worker by its absolute URL; the import is checked
 * against the inherited `script-src 'self'` and, like the blob's own origin, is the page's origin.
 * The service worker (vite.config.ts) still serves the bundle offline: a blob worker is
 * controlled by its creator's service worker.
 */

/** One blob URL per worker script, kept for respawns after a crash (a few bytes each). */
const blobUrls = new Map<string, string>();

/**
 * A blob: URL whose module script imports `scriptUrl` (resolved against the page). Exported for
 * tests; `new Worker(bootstrapUrl(url), { type: 'module' })` is what `spawnWorker` does.
 */
export function bootstrapSource(scriptUrl: string, base: string): string {
  return `import ${JSON.stringify(new URL(scriptUrl, base).href)};\n`;
}

/** A module worker running `scriptUrl` (a Vite `?worker&url` import) under the page's policy. */
export function spawnWorker(scriptUrl: string, name: string): Worker {
  let url = blobUrls.get(scriptUrl);
  if (!url) {
    const source = bootstrapSource(scriptUrl, location.href);
    url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    blobUrls.set(scriptUrl, url);
  }
  return new Worker(url, { type: 'module', name });
}
