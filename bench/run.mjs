#!/usr/bin/env node
/**
 * `npm run bench`: stock tf.layers + model.fit vs the fast engine on the reference configuration.
 * Default: headless Chromium, inside a Web Worker, backends webgpu, webgl, wasm and cpu.
 *   --node                 run in Node instead (cpu and wasm)
 *   --backends cpu,wasm    which backends
 *   --batches N            batches per measurement (default 5)
 *   --reps N               measurements per engine, median reported (default 3)
 *   --warmup N             untimed warm-up measurements (default 1)
 *   --engines stock,fast   which engines
 *   --flags '{"WEBGL_PACK":false}'  tf.env() flags set in the worker first (browser only)
 *   --cell lstm            another cell (simpleRNN, lstm, gru) in the reference setup
 *   --breakdown            also time the fast path's parts (browser only; for tuning)
 *   --check-only           only the kernel checks (bench/checks.ts), no measurement
 *   --isolated             serve the bench page cross-origin isolated (COOP/COEP): wasm threads
 *   --keras                also time the notebook's own stack: bench/keras_seed.py (Keras 3, TF CPU)
 *   --json                 print JSON only (for tools)
 */
import { runNode } from './node.mjs';
import { runBrowser } from './browser.mjs';
import { findPython, run as runCommand } from '../scripts/kerasPython.mjs';

function parseArgs(argv) {
  const opts = {
    node: false,
    json: false,
    batches: 5,
    reps: 3,
    warmup: 1,
    backends: null,
    engines: ['stock', 'fast'],
    flags: {},
    breakdown: false,
    checkOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--node') opts.node = true;
    else if (a === '--json') opts.json = true;
    else if (a === '--breakdown') opts.breakdown = true;
    else if (a === '--keras') opts.keras = true;
    else if (a === '--isolated') opts.isolated = true;
    else if (a === '--check-only') opts.checkOnly = true;
    else if (a === '--cell') opts.cell = value();
    else if (a === '--batches') opts.batches = Number(value());
    else if (a === '--reps') opts.reps = Number(value());
    else if (a === '--warmup') opts.warmup = Number(value());
    else if (a === '--backends') opts.backends = value().split(',');
    else if (a === '--engines') opts.engines = value().split(',');
    else if (a === '--flags') opts.flags = JSON.parse(value());
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: node bench/run.mjs [--node] [--backends webgpu,webgl,wasm,cpu] [--batches 5] [--reps 3] [--warmup 1] [--engines stock,fast] [--cell lstm] [--breakdown] [--check-only] [--isolated] [--keras] [--json]',
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  opts.backends ??= opts.node ? ['cpu', 'wasm'] : ['webgpu', 'webgl', 'wasm', 'cpu'];
  for (const n of ['batches', 'reps']) if (!(opts[n] >= 1)) throw new Error(`--${n} must be ≥ 1`);
  return opts;
}

function table(result) {
  const lines = [];
  const pad = (s, n) => String(s).padStart(n);
  lines.push(
    `${result.env}; 4 × ${opts.cell ?? 'simpleRNN'}(50), T = 40, batch 20; ${result.windows} training windows → ${result.batchesPerEpoch} batches per epoch`,
  );
  lines.push(
    `${'backend'.padEnd(8)}${pad('stock ms/batch', 16)}${pad('fast ms/batch', 15)}${pad('stock s/epoch', 15)}${pad('fast s/epoch', 14)}${pad('speed-up', 10)}${pad('fast GFLOP/s', 14)}${pad('GPU commands/batch stock → fast', 33)}`,
  );
  const gflops = (r) =>
    r && result.flopsPerBatch ? (result.flopsPerBatch / (r.msPerBatch * 1e6)).toFixed(1) : '-';
  const backends = [...new Set(result.rows.map((r) => r.backend))];
  for (const b of backends) {
    const s = result.rows.find((r) => r.backend === b && r.engine === 'stock');
    const f = result.rows.find((r) => r.backend === b && r.engine === 'fast');
    const fmt = (r, k, d) => (r ? r[k].toFixed(d) : '-');
    const ratio = s && f ? `${(s.msPerBatch / f.msPerBatch).toFixed(1)}×` : '-';
    const cmds = (r) =>
      r?.commands ? `${Math.round(r.commands.perBatch)} ${r.commands.kind}` : '-';
    const gpu = s?.commands || f?.commands ? `${cmds(s)} → ${cmds(f)}` : '-';
    lines.push(
      `${b.padEnd(8)}${pad(fmt(s, 'msPerBatch', 1), 16)}${pad(fmt(f, 'msPerBatch', 1), 15)}${pad(s ? (s.msPerEpoch / 1000).toFixed(2) : '-', 15)}${pad(f ? (f.msPerEpoch / 1000).toFixed(2) : '-', 14)}${pad(ratio, 10)}${pad(gflops(f), 14)}${pad(gpu, 33)}`,
    );
  }
  if (result.flopsPerBatch)
    lines.push(
      `GFLOP/s: ${(result.flopsPerBatch / 1e6).toFixed(1)} MFLOP per batch (products only) ÷ ms; peak of this core: ${result.peakGflops ? `${result.peakGflops.toFixed(1)} GFLOP/s (the fast path's wasm-SIMD product, 256³, best of 5)` : 'n/a (no WebAssembly SIMD)'}`,
    );
  for (const r of result.inspect ?? [])
    lines.push(
      `inspect ${r.backend}: ${r.ms.toFixed(1)} ms (${r.cell}, window + gradient batch of ${r.batch})`,
    );
  for (const r of result.forecast ?? [])
    lines.push(
      `forecast ${r.backend}: ${r.ms.toFixed(1)} ms (${r.cell}, ${r.steps} steps, ${r.mcSamples} Monte Carlo samples per step)`,
    );
  if (result.keras) {
    const k = result.keras;
    if (k.msPerBatch === undefined) lines.push(`Keras: not measured (${k.reason})`);
    else {
      const best = result.rows
        .filter((r) => r.engine === 'fast')
        .sort((a, b) => a.msPerBatch - b.msPerBatch)[0];
      lines.push(
        `Keras ${k.keras} / TensorFlow ${k.tensorflow} CPU (${k.threads} threads), same model and data: ${k.msPerBatch.toFixed(1)} ms/batch${best ? `; fast ${best.backend} (1 thread) is ${(k.msPerBatch / best.msPerBatch).toFixed(1)}× that speed` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

/** bench/keras_seed.py with the run's cell, or why it could not run. */
function kerasFigure(cell) {
  const found = findPython();
  if (!('python' in found)) return { reason: found.reason };
  const script = new URL('./keras_seed.py', import.meta.url).pathname;
  const r = runCommand(found.python, [script, '--cell', cell ?? 'simpleRNN']);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (!r.ok || !last.startsWith('{'))
    return { reason: `keras_seed.py failed: ${r.out.slice(-300)}` };
  return JSON.parse(last);
}

const opts = parseArgs(process.argv.slice(2));
const log = opts.json ? () => {} : (m) => console.error(m);
const t0 = Date.now();
const result = opts.node ? await runNode({ ...opts, log }) : await runBrowser({ ...opts, log });
if (opts.keras && !opts.checkOnly) {
  log('keras: timing bench/keras_seed.py (Keras 3, TensorFlow CPU) on the same model and data');
  result.keras = kerasFigure(opts.cell);
}
result.options = {
  cell: opts.cell ?? 'simpleRNN',
  batches: opts.batches,
  reps: opts.reps,
  warmup: opts.warmup,
  mode: opts.node ? 'node' : 'browser-worker',
  isolated: Boolean(opts.isolated),
};
for (const r of result.rows)
  r.ratio =
    r.engine === 'fast'
      ? (result.rows.find((s) => s.backend === r.backend && s.engine === 'stock')?.msPerBatch ??
          NaN) / r.msPerBatch
      : undefined;
if (opts.json) console.log(JSON.stringify(result, null, 2));
else if (opts.checkOnly) {
  for (const c of result.checks)
    console.log(
      `${c.backend.padEnd(8)} kernels ${c.kernels.toExponential(1)}  Adam ${c.adam.toExponential(1)}${c.activations === undefined ? '' : `  GLSL activations ${c.activations.toExponential(1)}`}${c.wholeBatch === undefined ? '' : `  whole batch ${c.wholeBatch.toExponential(1)} (Adam ${c.wholeBatchAdam.toExponential(1)}; draws ${c.draws.map((d) => d.draws[0]).join(', ')})`}`,
    );
} else {
  console.log(table(result));
  console.log(
    `(median of ${opts.reps} × ${opts.batches} batches after ${opts.warmup} warm-up; total ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
}
