/**
 * The downloaded Keras script, run for real: for a tiny run of each cell trained in Node (cpu), the
 * script is written with the exported weights and run with Python,
 * `script.py data.csv --use-browser-weights --epochs 0`; Keras must count the app's parameters and
 * predict the app's predictions CSV to 1e-4; a long-format file checks the series filter. One cell
 * also trains an epoch (`--epochs 1`). All runs share one Python process (TensorFlow's import alone
 * takes ~10 s).
 *
 * Python: a venv at $KERAS_VENV (default: <tmpdir>/rnn-playground-keras-venv), reused between runs;
 * when it lacks tensorflow-cpu, keras, pandas, scikit-learn or matplotlib they are installed into it
 * (from the local index file:///opt/pypi/simple when present, else the configured pip index). Where
 * Python, venv (Debian: python3-venv) or the packages are missing, the test is skipped with the
 * reason printed. SKIP_KERAS_TEST=1 skips it on purpose.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kerasScript } from '../../model/core/kerasScript';
import type { ModelMetadata } from '../../model/core/modelMetadata';
import { exportedRun, parsePredictions, type ExportedRun } from '../../../test/exportRun';
// @ts-expect-error: a plain .mjs helper without types (shared with bench/keras_seed.py's runner)
import { findPython as findPythonMjs, run as runCommand } from '../../../scripts/kerasPython.mjs';

/** The venv's python with the packages, or the reason there is none (scripts/kerasPython.mjs). */
const findPython = findPythonMjs as () => { python: string } | { reason: string };

const run = (cmd: string, args: string[]) => runCommand(cmd, args) as { ok: boolean; out: string };

/** Each case: a cell, and whether the file is long format (the script keeps one series' rows). */
const CASES = {
  simpleRNN: ['simpleRNN', false],
  lstm: ['lstm', false],
  gru: ['gru', false],
  'long-format-gru': ['gru', true],
} as const;
const CELLS = Object.keys(CASES) as (keyof typeof CASES)[];
const dir = mkdtempSync(join(tmpdir(), 'keras-script-'));
let python: string | null = null;
let output = '';
const runs: Partial<Record<(typeof CELLS)[number], ExportedRun>> = {};

beforeAll(async () => {
  const found = findPython();
  if ('reason' in found) {
    console.warn(`SKIPPED the Keras script test: ${found.reason}`);
    return;
  }
  python = found.python;
  await tf.setBackend('cpu');
  const driver = ['import ast, runpy, sys, time'];
  for (const cell of CELLS) {
    const r = await exportedRun(CASES[cell][0], {}, CASES[cell][1]);
    runs[cell] = r;
    const meta = JSON.parse(r.modelJson).userDefinedMetadata as ModelMetadata;
    writeFileSync(join(dir, `${cell}.py`), kerasScript(meta, r.weights));
    const csv = join(dir, `${cell}.csv`);
    writeFileSync(csv, r.csv);
    const args = (out: string, more: string[]) =>
      JSON.stringify([`${cell}.py`, csv, '--out', join(dir, out), ...more]);
    const file = JSON.stringify(join(dir, `${cell}.py`));
    driver.push(
      `ast.parse(open(${file}).read())`,
      `print("=== ${cell}", flush=True)`,
      `sys.argv = ${args(cell, ['--use-browser-weights', '--epochs', '0'])}`,
      `runpy.run_path(${file}, run_name="__main__")`,
    );
    if (cell === 'simpleRNN')
      driver.push(
        `print("=== train", flush=True)`,
        `sys.argv = ${args('train', ['--epochs', '1'])}`,
        `runpy.run_path(${file}, run_name="__main__")`,
      );
  }
  writeFileSync(join(dir, 'driver.py'), driver.join('\n') + '\n');
  const started = performance.now();
  const r = run(python, [join(dir, 'driver.py')]);
  output = r.out;
  console.log(
    `Keras scripts ran in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`,
  );
  if (!r.ok) throw new Error(`The scripts failed:\n${r.out.slice(-3000)}`);
}, 900_000);

describe('Download Keras script, run with Python', () => {
  it.for(CELLS)(
    "%s: Keras counts the app's parameters and predicts its CSV to 1e-4",
    (cell, ctx) => {
      if (!python) return ctx.skip();
      const r = runs[cell]!;
      const section = output.split(`=== ${cell}\n`)[1].split('===')[0];
      const count = /Trainable parameters: (\d+) \(the app counted (\d+)\)/.exec(section);
      expect(count && [Number(count[1]), Number(count[2])]).toEqual([r.params, r.params]);
      const total = /Total params: ([\d,]+)/.exec(section)?.[1].replace(/,/g, '');
      expect(Number(total)).toBe(r.params);
      const keras = parsePredictions(readFileSync(join(dir, cell, 'predictions.csv'), 'utf8'));
      const app = parsePredictions(r.predictions);
      expect(keras.keys).toEqual(app.keys);
      const deviation = Math.max(...keras.predicted.map((v, i) => Math.abs(v - app.predicted[i])));
      console.log(
        `${cell}: ${r.params} parameters, max prediction deviation ${deviation.toExponential(2)}`,
      );
      expect(deviation).toBeLessThan(1e-4);
    },
  );

  it('trains an epoch from the seed and writes the plot', (ctx) => {
    if (!python) return ctx.skip();
    const section = output.split('=== train\n')[1].split('===')[0];
    expect(section).toMatch(/loss: [\d.]+ - val_loss: [\d.]+/);
    expect(section).toMatch(/model: RMSE [\d.e+-]+ {2}MAE/);
    expect(section).toMatch(/persistence: RMSE/);
    expect(existsSync(join(dir, 'train', 'prediction.png'))).toBe(true);
    expect(
      parsePredictions(readFileSync(join(dir, 'train', 'predictions.csv'), 'utf8')).predicted,
    ).toHaveLength(18);
  });
});
