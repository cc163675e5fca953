/**
 * Another origin for the policy tests: a local server that answers anyone (CORS `*`), so only the
 * Content-Security-Policy can keep the page and its workers off it, and which records every
 * request that reached it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Worker } from '@playwright/test';

export type OtherOrigin = { url: string; reached: string[]; close: () => Promise<void> };

export async function startOtherOrigin(): Promise<OtherOrigin> {
  const reached: string[] = [];
  const server = createServer((req, res) => {
    reached.push(req.url ?? '');
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end('secret');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    reached,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Fetches `url` in a page or worker: 'reached: <body>' or 'blocked: <error>'. */
export async function tryFetch(where: Page | Worker, url: string): Promise<string> {
  const attempt = (u: string) =>
    fetch(u).then(
      async (r) => `reached: ${await r.text()}`,
      (e: unknown) => `blocked: ${String(e)}`,
    );
  // Two calls: Page.evaluate and Worker.evaluate have signatures TypeScript cannot unite.
  return 'workers' in where ? where.evaluate(attempt, url) : where.evaluate(attempt, url);
}

/**
 * The page's workers by name: the app names its blob-started workers; a worker started from its
 * own URL (older builds) is known by its script's file name, `parse-worker-<hash>.js`.
 */
export async function workersByName(page: Page): Promise<Map<string, Worker>> {
  const named = new Map<string, Worker>();
  for (const w of page.workers()) {
    const name = await w.evaluate(() => (self as unknown as { name: string }).name);
    named.set(name || (/(\w+)-worker-/.exec(w.url())?.[1] ?? w.url()), w);
  }
  return named;
}

/** What the page and both workers get when they fetch `other`: each must be blocked. */
export async function fetchesFromEverywhere(page: Page, other: OtherOrigin) {
  const named = await workersByName(page);
  const inWorker = async (name: string) => {
    const w = named.get(name);
    return w ? tryFetch(w, `${other.url}${name}`) : `no ${name} worker`;
  };
  return {
    page: await tryFetch(page, `${other.url}page`),
    parse: await inWorker('parse'),
    trainer: await inWorker('trainer'),
  };
}
