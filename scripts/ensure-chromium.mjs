#!/usr/bin/env node
// Finds a system Chromium for the browser tests, or installs Debian's `chromium` when it may.
// Run: node scripts/ensure-chromium.mjs   (npm run test:e2e runs it first; playwright.config.ts
// imports findChromium() from here so both agree on the browser.)
// Lookup order: $CHROMIUM_PATH, then well-known paths, then the PATH. When none is found and we
// are root with apt-get, runs `apt-get update && apt-get install -y chromium`; otherwise exits 1
// saying what to install. ENSURE_CHROMIUM_NO_INSTALL=1 never installs (acts as non-root);
// ENSURE_CHROMIUM_CANDIDATES=a:b:c replaces the built-in list and skips the PATH (for testing).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Launch flags for headless Chromium on a machine with no outside network (tests and bench): without
 * the background-networking ones Chromium keeps dialling Google's services and gets refused.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Paths tried after $CHROMIUM_PATH, in order. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Executable names searched on the PATH after the fixed candidates. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * @param {string} p
 * @returns {boolean} whether p is an executable regular file
 */
function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Looks for a Chromium executable; never installs anything.
 * @returns {{ path: string | null, problem: string | null }} `problem` explains a bad $CHROMIUM_PATH.
 */
export function findChromium() {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    return isExecutable(env)
      ? { path: env, problem: null }
      : { path: null, problem: `CHROMIUM_PATH=${env} is not an executable file.` };
  }
  const override = process.env.ENSURE_CHROMIUM_CANDIDATES;
  const fixed = override ? override.split(delimiter).filter(Boolean) : CHROMIUM_CANDIDATES;
  const onPath = override
    ? []
    : (process.env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
  const found = [...fixed, ...onPath].find(isExecutable);
  return { path: found ?? null, problem: null };
}

/** @returns {boolean} */
function canInstall() {
  if (process.env.ENSURE_CHROMIUM_NO_INSTALL === '1') return false;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** @param {string} cmd */
function run(cmd) {
  console.log(`[ensure-chromium] $ ${cmd}`);
  const r = spawnSync('sh', ['-c', cmd], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

const HOW_TO =
  'The browser tests need Chromium. Install it with:\n' +
  '    sudo apt-get install chromium        (Debian; on Ubuntu: chromium-browser, or Google Chrome)\n' +
  'or point the tests at any Chromium/Chrome binary:\n' +
  '    CHROMIUM_PATH=/path/to/chrome npm test';

/**
 * Finds Chromium, installing Debian's package when allowed.
 * @returns {string} the executable path
 * @throws {Error} with install instructions when none is available
 */
export function ensureChromium() {
  const first = findChromium();
  if (first.path) return first.path;
  if (first.problem) throw new Error(`${first.problem}\n${HOW_TO}`);
  if (!canInstall()) {
    throw new Error(
      `No Chromium found (looked at $CHROMIUM_PATH, ${CHROMIUM_CANDIDATES[0]}, … and the PATH).\n${HOW_TO}`,
    );
  }
  console.log(
    "[ensure-chromium] no Chromium found; installing Debian's chromium with apt-get (running as root)",
  );
  if (
    !run('apt-get update') ||
    !run('apt-get install -y --no-install-recommends chromium fonts-liberation')
  ) {
    throw new Error(`apt-get could not install chromium.\n${HOW_TO}`);
  }
  const again = findChromium();
  if (!again.path)
    throw new Error(`chromium was installed but not found at the usual paths.\n${HOW_TO}`);
  return again.path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(`[ensure-chromium] using ${ensureChromium()}`);
  } catch (err) {
    console.error(`[ensure-chromium] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
