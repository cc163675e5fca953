/**
 * A Python with TensorFlow CPU, Keras 3, pandas, scikit-learn and matplotlib, for the Keras-script test
 * (src/workers/trainer/kerasScript.python.test.ts) and the bench's Keras figure (bench/keras_seed.py):
 * a venv at $KERAS_VENV (default <tmpdir>/rnn-playground-keras-venv), made and filled on first use from
 * the local package index (file:///opt/pypi/simple) when present, else pip's configured index.
 * Returns `{ python }` or `{ reason }` saying what is missing: never a fake.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGES = ['tensorflow-cpu', 'keras', 'pandas', 'scikit-learn', 'matplotlib'];
const IMPORTS = 'import tensorflow, keras, pandas, sklearn, matplotlib';
const LOCAL_INDEX = '/opt/pypi/simple';

/** Runs a command; `ok` and its whole output. */
export function run(cmd, args, timeout = 600_000) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? '',
    out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ?? ''}`,
  };
}

/** @returns {{ python: string } | { reason: string }} */
export function findPython() {
  if (process.env.SKIP_KERAS_TEST === '1') return { reason: 'SKIP_KERAS_TEST=1' };
  const venv = process.env.KERAS_VENV ?? join(tmpdir(), 'rnn-playground-keras-venv');
  const python = join(venv, 'bin', 'python');
  if (existsSync(python) && run(python, ['-c', IMPORTS]).ok) return { python };
  const base = ['python3', 'python'].find((p) => run(p, ['--version']).ok);
  if (!base) return { reason: 'no python3 on PATH' };
  if (!existsSync(python)) {
    const made = run(base, ['-m', 'venv', venv]);
    if (!made.ok)
      return { reason: `python3 -m venv failed (python3-venv?): ${made.out.slice(-300)}` };
  }
  const index = existsSync(LOCAL_INDEX) ? ['--index-url', `file://${LOCAL_INDEX}`] : [];
  const pip = run(python, ['-m', 'pip', 'install', '-q', ...index, ...PACKAGES]);
  if (!pip.ok)
    return { reason: `pip install ${PACKAGES.join(' ')} failed: ${pip.out.slice(-400)}` };
  return run(python, ['-c', IMPORTS]).ok
    ? { python }
    : { reason: 'packages installed but not importable' };
}
