/**
 * The activation table: for each entry the JS, loop and tfjs forms agree, and each derivative is the
 * function's slope (from its output). The GLSL forms run in the browser checks (bench/checks.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, tanh } from './activations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const XS = Float32Array.from({ length: 81 }, (_, i) => (i - 40) / 8 + 0.0625); // no exact 0

describe.each(Object.values(ACTIVATIONS))('activation $name', (act) => {
  it('applyInPlace and tf equal js elementwise (float32)', () => {
    const a = XS.slice();
    act.applyInPlace(a, 0, a.length);
    const viaTf = tf.tidy(() => act.tf(tf.tensor2d(XS, [9, 9])).dataSync());
    XS.forEach((x, i) => {
      expect(a[i]).toBe(Math.fround(act.js(x)));
      expect(viaTf[i]).toBeCloseTo(act.js(x), 6);
    });
  });

  it('jsGrad(f(x)) is the slope of f at x; gradInPlace and tfGrad agree with it', () => {
    const ys = XS.map((x) => act.js(x));
    const viaTf = tf.tidy(() => act.tfGrad(tf.tensor2d(ys, [9, 9])).dataSync());
    const d = new Float32Array(XS.length).fill(2);
    act.gradInPlace(d, 0, d.length, ys, 0);
    const h = 1e-4;
    XS.forEach((x, i) => {
      const slope = (act.js(x + h) - act.js(x - h)) / (2 * h);
      expect(act.jsGrad(ys[i])).toBeCloseTo(slope, 4);
      expect(viaTf[i]).toBeCloseTo(act.jsGrad(ys[i]), 6);
      expect(d[i]).toBe(Math.fround(2 * act.jsGrad(ys[i])));
    });
  });

  it('writes only [from, to) in place', () => {
    const a = XS.slice();
    act.applyInPlace(a, 10, 20);
    const d = new Float32Array(XS.length).fill(3);
    act.gradInPlace(d, 10, 20, a, 0);
    expect(a.slice(0, 10)).toEqual(XS.slice(0, 10));
    expect(a.slice(20)).toEqual(XS.slice(20));
    expect([...d.slice(0, 10), ...d.slice(20)].every((v) => v === 3)).toBe(true);
  });
});

describe('the JS tanh (one exp)', () => {
  it('equals Math.tanh after rounding to float32, is odd, saturates to ±1 and keeps NaN', () => {
    for (let x = -12; x <= 12; x += 0.001) {
      expect(Math.fround(tanh(x))).toBe(Math.fround(Math.tanh(x)));
    }
    for (let x = -1e-3; x <= 1e-3; x += 1e-6) {
      expect(Math.fround(tanh(x))).toBe(Math.fround(Math.tanh(x)));
    }
    expect(tanh(-0.3)).toBe(-tanh(0.3));
    expect(tanh(50)).toBe(1);
    expect(tanh(-50)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
  });
});

describe('the GLSL forms', () => {
  it('name the helpers they use and keep float and vec4 apart where GLSL needs it', () => {
    expect(ACTIVATIONS.tanh.glsl.helpers('vec4')).toContain('vec4 tanhSafe(vec4 x)');
    expect(ACTIVATIONS.tanh.glsl.f('acc', 'float')).toBe('tanhSafe(acc)');
    expect(ACTIVATIONS.relu.glsl.f('acc', 'vec4')).toBe('max(acc, vec4(0.0))');
    expect(ACTIVATIONS.relu.glsl.grad('acc', 'y', 'float')).toBe('(y > 0.0 ? acc : 0.0)');
  });
});
