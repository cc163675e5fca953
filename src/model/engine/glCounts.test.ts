import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import type { BatchLoss, TrainingEngine } from './contract';
import { countedOnWebgl } from './counted';
import { countWebglCommands, webglTotals } from './glCounts';

/** A stand-in WebGL context: the counted methods, doing nothing. */
function fakeGl() {
  const calls: string[] = [];
  const gl = Object.fromEntries(
    [
      'drawElements',
      'drawArrays',
      'flush',
      'texSubImage2D',
      'texImage2D',
      'readPixels',
      'getBufferSubData',
    ].map((name) => [name, (..._args: unknown[]) => void calls.push(name)]),
  );
  return { gl: gl as unknown as WebGL2RenderingContext, calls };
}

describe('WebGL command counts', () => {
  it('counts draws, flushes, uploads (not allocations) and read-backs, wrapping a context once', () => {
    const { gl, calls } = fakeGl();
    const before = webglTotals();
    countWebglCommands(gl);
    countWebglCommands(gl); // a second call must not count twice
    gl.drawElements(gl.TRIANGLES, 6, gl.UNSIGNED_SHORT, 0);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.flush();
    gl.texSubImage2D(0, 0, 0, 0, 1, 1, 0, 0, new Float32Array(4));
    gl.texImage2D(0, 0, 0, 1, 1, 0, 0, 0, null); // allocation only
    gl.texImage2D(0, 0, 0, 1, 1, 0, 0, 0, new Float32Array(4));
    gl.readPixels(0, 0, 1, 1, 0, 0, new Float32Array(4));
    const after = webglTotals();
    expect(after.draws - before.draws).toBe(2);
    expect(after.submits - before.submits).toBe(1);
    expect(after.uploads - before.uploads).toBe(2);
    expect(after.readbacks - before.readbacks).toBe(1);
    expect(calls).toHaveLength(7); // every call still reaches the context
  });

  it('gives an engine its draws per batch: those issued inside trainBatch', async () => {
    const { gl } = fakeGl();
    countWebglCommands(gl);
    const inner: TrainingEngine<tf.Scalar> = {
      name: 'fast',
      trainBatch() {
        for (let i = 0; i < 5; i++) gl.drawArrays(gl.TRIANGLES, 0, 3);
        gl.texSubImage2D(0, 0, 0, 0, 1, 1, 0, 0, new Float32Array(4));
        return tf.scalar(1);
      },
      predict: (x) => tf.zeros([x.shape[0], 1]),
      getWeights: () => [],
      setWeights() {},
      dispose() {},
    };
    const engine = countedOnWebgl(inner);
    const x = tf.zeros([2, 3, 1]) as tf.Tensor3D;
    const y = tf.zeros([2, 1]) as tf.Tensor2D;
    const losses: BatchLoss[] = [engine.trainBatch(x, y), engine.trainBatch(x, y)];
    gl.drawArrays(gl.TRIANGLES, 0, 3); // outside a batch: not counted
    gl.readPixels(0, 0, 1, 1, 0, 0, new Float32Array(4));
    expect(engine.commands?.()).toEqual({
      kind: 'draws',
      perBatch: 5,
      submits: 0,
      uploads: 1,
      readbacks: 0.5,
    });
    tf.dispose([x, y, ...(losses as tf.Scalar[])]);
  });
});
