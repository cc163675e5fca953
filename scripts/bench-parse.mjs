#!/usr/bin/env node
/**
 * Times the CSV pipeline in Node on a generated file shaped like the Kaggle stock files
 * (Date,Open,High,Low,Close,Volume,OpenInt; minute timestamps, oldest first).
 *   node --expose-gc scripts/bench-parse.mjs     959,005 rows (about 50 MB), 3 runs, median
 *   node scripts/bench-parse.mjs --rows 100000 --reps 5
 *   node scripts/bench-parse.mjs --order shuffled|newest   also time the reorder paths
 *   node scripts/bench-parse.mjs --file some.csv           time an existing file instead
 *   node scripts/bench-parse.mjs --root ../old-checkout    time another checkout's src/model
 * Prints parseDataset (all cells kept, and only 10 rows' cells as the parse worker asks),
 * describeDataset and prepare (reference settings) times in ms, and how long refusing a 5 MB file
 * of one line takes.
 * The data is written to a temporary directory, which is removed afterwards.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'vite';

const HERE = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(argv) {
  const opts = { rows: 959_005, reps: 3, order: 'oldest', file: null, root: HERE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') opts.rows = Number(argv[++i]);
    else if (a === '--reps') opts.reps = Number(argv[++i]);
    else if (a === '--order') opts.order = argv[++i];
    else if (a === '--file') opts.file = argv[++i];
    else if (a === '--root') opts.root = argv[++i];
    else throw new Error(`Unknown option ${a}`);
  }
  return opts;
}

/** A seeded random walk, one row a minute from 2020-01-01T00:00 (also used by bench-parse.spec.ts). */
export function makeCsv(rows, order) {
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lines = new Array(rows);
  let price = 1000;
  const t0 = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    price = Math.max(1, price + (rand() - 0.5) * 3);
    const date = new Date(t0 + i * 60_000).toISOString().slice(0, 16);
    const o = price.toFixed(4);
    const h = (price + 1).toFixed(4);
    const l = (price - 1).toFixed(4);
    const c = (price + 0.5).toFixed(4);
    lines[i] = `${date},${o},${h},${l},${c},${Math.floor(rand() * 100_000)},0`;
  }
  if (order === 'newest') lines.reverse();
  if (order === 'shuffled') {
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
  }
  return `Date,Open,High,Low,Close,Volume,OpenInt\n${lines.join('\n')}\n`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let dir = null;
  let path = opts.file;
  if (!path) {
    dir = await mkdtemp(join(tmpdir(), 'bench-parse-'));
    path = join(dir, 'stocks.csv');
    await writeFile(path, makeCsv(opts.rows, opts.order));
  }
  const vite = await createServer({
    root: opts.root,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const { parseDataset } = await vite.ssrLoadModule('/src/model/data/dataset.ts');
    const { describeDataset } = await vite.ssrLoadModule('/src/model/data/stats.ts');
    const { prepare, checkDataConfig } = await vite.ssrLoadModule('/src/model/data/prep.ts');
    const text = await readFile(path, 'utf8');
    console.log(
      `file: ${(text.length / 1024 / 1024).toFixed(1)} MB, order ${opts.file ? 'as is' : opts.order}, node ${process.version}`,
    );
    const times = {
      parseDataset: [],
      'parseDataset(head)': [],
      describeDataset: [],
      prepare: [],
    };
    let ds = null;
    // With `node --expose-gc`, each step starts from a collected heap (steadier figures).
    const gc = globalThis.gc ?? (() => {});
    for (let r = 0; r < opts.reps; r++) {
      gc();
      let t = performance.now();
      ds = parseDataset(text, 'stocks.csv');
      times.parseDataset.push(performance.now() - t);
      // What the parse worker runs: cell text kept for the 10 preview rows only.
      ds = null;
      gc();
      t = performance.now();
      ds = parseDataset(text, 'stocks.csv', { cellRows: 10 });
      times['parseDataset(head)'].push(performance.now() - t);
      t = performance.now();
      describeDataset(ds);
      times.describeDataset.push(performance.now() - t);
      t = performance.now();
      const cfg = { targetColumn: '', trainSplit: 0.8, timesteps: 40 };
      prepare(ds.numeric[checkDataConfig(ds, cfg)], cfg);
      times.prepare.push(performance.now() - t);
    }
    console.log(
      `rows ${ds.rowCount}, columns ${ds.columns.map((c) => `${c.name}:${c.kind}`).join(' ')}, warnings ${ds.warnings.length}`,
    );
    // How long a 5 MB file with no line break takes to be refused (this was a
    // wall-clock limit in src/model/data/dataset.test.ts, which a shared machine cannot keep).
    const line = '1,'.repeat(2.5 * 1024 * 1024);
    times['refuse 5 MB line'] = [];
    for (let r = 0; r < opts.reps; r++) {
      const t = performance.now();
      try {
        parseDataset(line, 'big.csv');
        throw new Error('a 5 MB single line was accepted');
      } catch (e) {
        if (!/single 5\.0 MB line/.test(String(e))) throw e;
      }
      times['refuse 5 MB line'].push(performance.now() - t);
    }
    for (const [k, v] of Object.entries(times)) {
      console.log(
        `${k.padEnd(19)} median ${median(v).toFixed(0)} ms  (runs: ${v.map((x) => x.toFixed(0)).join(', ')})`,
      );
    }
  } finally {
    await vite.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
