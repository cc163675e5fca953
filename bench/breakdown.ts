/**
 * Where a fast-path batch spends its time on the active backend (`npm run bench -- --breakdown`):
 * forward, gradients, a whole step, the Adam store, the dropout masks, and tfjs's kernel counts.
 * For tuning; the bench's figures come from core.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createMaskSource } from '../src/model/engine/masks';
import { createCell, createFastEngine } from '../src/model/engine/fast/engine';
import { kernelsFor } from '../src/model/engine/fast/kernels/index';
import { createParamStore } from '../src/model/engine/fast/paramStore';
import { lossAndGradients, weightsFromList } from '../src/model/engine/fast/stack';
import { initialWeights } from '../src/model/engine/init';
import { BATCH, CONFIG, TIMESTEPS, median, type BenchData } from './core';

/** Where a fast-path batch spends its time on this backend (ms, median of `reps`): for tuning. */
export async function breakdown(
  data: BenchData,
  reps = 5,
): Promise<Record<string, number | string>> {
  const weights = initialWeights(CONFIG, 1, CONFIG.seed);
  const engine = createFastEngine(CONFIG, TIMESTEPS, weights, CONFIG.seed);
  const w = weightsFromList(weights);
  const x = tf.tensor3d(data.x.subarray(0, BATCH * TIMESTEPS), [BATCH, TIMESTEPS, 1]);
  const y = tf.tensor2d(data.y.subarray(0, BATCH), [BATCH, 1]);
  const time = async (f: () => tf.Tensor): Promise<number> => {
    const samples: number[] = [];
    for (let i = 0; i < reps + 1; i++) {
      const t0 = performance.now();
      const out = f();
      await out.data();
      out.dispose();
      if (i > 0) samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  const stack = {
    cell: createCell(CONFIG.cell, CONFIG.activation),
    kernels: kernelsFor(tf.getBackend()),
  };
  const result: Record<string, number | string> = {
    forward: await time(() => engine.predict(x)),
    gradients: await time(() =>
      tf.tidy(() => {
        const r = lossAndGradients(stack, w, x, y, CONFIG.loss, null);
        return tf.addN(r.grads.map((g) => tf.sum(g)));
      }),
    ),
    trainBatch: await time(() => engine.trainBatch(x, y)),
    noop: await time(() => tf.tidy(() => tf.add(x, 1))),
  };
  const shapes = weights.map((t) => t.shape);
  const store = createParamStore(shapes, weights, 1e-3, stack.kernels);
  result.viewsAndAdam = await time(() =>
    tf.tidy(() => {
      const views = store.views();
      store.step(views);
      return tf.addN(store.views().map((v) => tf.sum(v)));
    }),
  );
  store.dispose();
  const drawMasks = createMaskSource(CONFIG.seed, {
    rate: CONFIG.dropout,
    layers: CONFIG.layers,
    units: CONFIG.units,
    timesteps: TIMESTEPS,
  });
  result.masks = await time(() =>
    tf.tidy(() => tf.addN((drawMasks(BATCH) ?? []).map((m) => tf.sum(m)))),
  );
  const profile = await tf.profile(() => engine.trainBatch(x, y).dispose());
  const counts = new Map<string, number>();
  const kernelMs = new Map<string, number>();
  for (const kr of profile.kernels) {
    counts.set(kr.name, (counts.get(kr.name) ?? 0) + 1);
    const ms = typeof kr.kernelTimeMs === 'number' ? kr.kernelTimeMs : 0;
    kernelMs.set(kr.name, (kernelMs.get(kr.name) ?? 0) + ms);
  }
  const top = [...counts].sort((p, q) => q[1] - p[1]).slice(0, 12);
  Object.assign(result, {
    kernels: profile.kernels.length,
    top: top.map(([n, c]) => `${n}×${c}`).join(' '),
    // Time inside the kernels (the backend's own timer), ms by kernel name: the rest is dispatch.
    topMs: [...kernelMs]
      .sort((p, q) => q[1] - p[1])
      .slice(0, 6)
      .map(([n, ms]) => `${n} ${ms.toFixed(2)}`)
      .join(', '),
  });
  engine.dispose();
  tf.dispose([...weights, x, y]);
  return result;
}
