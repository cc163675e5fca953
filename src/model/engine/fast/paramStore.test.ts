/** Both parameter stores against tf.train.adam, step for step. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../../../test/engine';
import { createRng } from '../../core/rng';
import { adamOps } from './adam';
import { cpuKernels } from './kernels/cpu';
import { opsKernels } from './kernels/ops';
import { createArrayStore, createParamStore, createTensorStore } from './paramStore';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the parameter stores (flat Adam)', () => {
  it('both stores follow tf.train.adam step for step', () => {
    const shapes = [[3, 4], [4], [2, 1]];
    const rng = createRng(8);
    const rand = (shape: number[]): tf.Tensor =>
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
        shape,
      );
    const initial = shapes.map(rand);
    const gradSteps = Array.from({ length: 5 }, () => shapes.map(rand));
    const vars = initial.map((w) => tf.variable(w));
    const adam = tf.train.adam(0.01);
    for (const grads of gradSteps) {
      adam.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] })));
    }
    const stores = {
      array: createArrayStore(shapes, initial, 0.01),
      tensor: createTensorStore(shapes, initial, 0.01, adamOps),
    };
    for (const [kind, store] of Object.entries(stores)) {
      for (const grads of gradSteps) tf.tidy(() => store.step(grads));
      const got = store.read();
      got.forEach((w, i) => expectClose(w, vars[i], 1e-6, `${kind} store, weight ${i}`));
      tf.dispose(got);
      store.dispose();
    }
    adam.dispose();
    tf.dispose([...vars, ...initial, ...gradSteps.flat()]);
  });

  it('createParamStore keeps host arrays for the cpu kernels and device tensors for the tfjs ops', () => {
    const initial = [tf.ones([2, 3]), tf.zeros([3])];
    const shapes = initial.map((t) => t.shape);
    const before = tf.memory().numTensors;
    const host = createParamStore(shapes, initial, 0.01, cpuKernels);
    expect(tf.memory().numTensors).toBe(before);
    host.dispose();
    const device = createParamStore(shapes, initial, 0.01, opsKernels);
    expect(tf.memory().numTensors).toBe(before + 3); // w, m, v
    device.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(initial);
  });
});
