/**
 * A plain static host for the browser tests: serves a build folder under a sub-path, sending the
 * headers of the build's own `_headers` file (as Netlify or Cloudflare Pages would) or, with
 * `{ headers: false }`, none at all (as GitHub Pages or `python -m http.server`), with no SPA
 * fallback and nothing outside the sub-path. `deploy()` changes the service worker's bytes, as a
 * new deploy does.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** `_headers` as [URL pattern, headers] rules; `*` matches any run of characters. */
export function parseHeadersFile(text: string): [RegExp, [string, string][]][] {
  const rules: [RegExp, [string, string][]][] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push([new RegExp(`^${pattern}$`), []]);
    } else {
      const at = line.indexOf(':');
      rules.at(-1)?.[1].push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

export type StaticHost = {
  /** The app's URL, ending in the base path. */
  url: string;
  /** Paths asked for outside the base path (should stay empty). */
  outside: string[];
  /** Serves a byte-different sw.js from now on, as after a new deploy. */
  deploy: (version: string) => void;
  close: () => Promise<void>;
};

/** Serves `root` at http://127.0.0.1:<free port><base>; `headers: false` ignores `_headers`. */
export async function startStaticHost(
  root: string,
  base: string,
  { headers: sendHeaders = true } = {},
): Promise<StaticHost> {
  const rules = sendHeaders ? parseHeadersFile(readFileSync(join(root, '_headers'), 'utf8')) : [];
  const outside: string[] = [];
  let swSuffix = '';
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    if (!path.startsWith(base)) {
      outside.push(path);
      res.writeHead(404).end();
      return;
    }
    const rel = path.slice(base.length) || 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    let body = readFileSync(file);
    if (rel === 'sw.js') body = Buffer.concat([body, Buffer.from(swSuffix)]);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
    };
    for (const [pattern, set] of rules)
      if (pattern.test(path)) for (const [k, v] of set) headers[k] = v;
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    outside,
    deploy: (version) => {
      swSuffix = `\n// deploy ${version}\n`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
