/**
 * The recursive forecast on cpu with a tiny engine: step 1 is engine.predict of the last window,
 * step 2 is engine.predict of the window slid by step 1's output; the Monte Carlo band is ordered and
 * the same for the same seed; no tensors are left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { configOf, randomWeights } from '../../../test/engine';
import { bandOf } from '../core/forecast';
import { createFastEngine } from './fast/engine';
import { forecastScaled } from './forecast';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const T = 5;
const WINDOW = Float32Array.from([0.1, 0.3, 0.2, 0.5, 0.4]);

function tinyEngine(dropout: number) {
  const config = configOf(2, 4, 'tanh', { dropout, timesteps: T });
  const weights = randomWeights(config, 7);
  const engine = createFastEngine(config, T, weights, 1);
  weights.forEach((w) => w.dispose());
  return { config, engine };
}

function predictOne(engine: ReturnType<typeof tinyEngine>['engine'], window: Float32Array): number {
  return tf.tidy(() => engine.predict(tf.tensor3d(window, [1, T, 1])).dataSync()[0]);
}

describe('forecastScaled', () => {
  it('predicts one step at a time, each step reading the previous guess', async () => {
    const { config, engine } = tinyEngine(0);
    const before = tf.memory().numTensors;
    const { paths, b } = await forecastScaled(engine, config, WINDOW, {
      steps: 3,
      samples: 30,
      seed: 1,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(b).toBe(1);
    expect(paths.length).toBe(3);
    const first = predictOne(engine, WINDOW);
    expect(paths[0]).toBeCloseTo(first, 5);
    const slid = Float32Array.from([...WINDOW.slice(1), first]);
    const second = predictOne(engine, slid);
    expect(paths[1]).toBeCloseTo(second, 5);
    const third = predictOne(engine, Float32Array.from([...slid.slice(1), second]));
    expect(paths[2]).toBeCloseTo(third, 5);
    engine.dispose();
  });

  it('draws a seeded Monte Carlo band with dropout on: Low ≤ median ≤ High', async () => {
    const { config, engine } = tinyEngine(0.3);
    const opts = { steps: 20, samples: 30, seed: 3 };
    const a = await forecastScaled(engine, config, WINDOW, opts);
    const again = await forecastScaled(engine, config, WINDOW, opts);
    const other = await forecastScaled(engine, config, WINDOW, { ...opts, seed: 4 });
    expect(a.b).toBe(30);
    expect(Array.from(again.paths)).toEqual(Array.from(a.paths));
    expect(Array.from(other.paths)).not.toEqual(Array.from(a.paths));
    const band = bandOf(a.paths, 20, a.b);
    let spread = 0;
    for (let s = 0; s < 20; s++) {
      expect(band.low[s]).toBeLessThanOrEqual(band.forecast[s]);
      expect(band.forecast[s]).toBeLessThanOrEqual(band.high[s]);
      spread += band.high[s] - band.low[s];
    }
    // Dropout makes the samples differ: a band, not a line.
    expect(spread).toBeGreaterThan(0);
    engine.dispose();
  });
});
