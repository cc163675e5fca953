/**
 * The WebGPU engine (src/model/engine/webgpu/) against the references, where it runs: in a Web
 * Worker with WebGPU (bench/webgpu.html; e2e/webgpu.spec.ts reads the report). Per case, the same
 * seeded weights, batches and dropout masks on the WebGPU engine and on the stock tf.layers engine
 * (tfjs cpu backend): the losses of three batches (the last one shorter) and the weights after them;
 * the gradients of the first batch against the fast path's own (stack.ts on the cpu kernels, which
 * the Node tests check against tf.layers); every dropout mask of the three batches as the kernel
 * draws it against masks.ts's (exact); and the commands per batch. Not part of the app.
 */
import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed, DROPOUT_STREAM, createRng } from '../src/model/core/rng';
import { createEngine } from '../src/model/engine/index';
import { initialWeights } from '../src/model/engine/init';
import { createMaskSource } from '../src/model/engine/masks';
import { createCell } from '../src/model/engine/fast/engine';
import { kernelsFor } from '../src/model/engine/fast/kernels/index';
import { lossAndGradients, weightsFromList } from '../src/model/engine/fast/stack';
import type { GpuContext } from '../src/model/engine/webgpu/device';
import { createWebgpuEngine } from '../src/model/engine/webgpu/engine';
import { HEADER, streamState, type WgslShape } from '../src/model/engine/webgpu/layout';
import { maskCheckShader } from '../src/model/engine/webgpu/shaders';
import { deviation } from './checks';
import type { WebgpuCaseReport } from './protocol';
import { CASES, type Case } from './webgpuCases';

/** The masks of batches of `sizes` rows as the WGSL draws them, flat per batch. */
async function kernelMasks(ctx: GpuContext, shape: WgslShape, seed: number, sizes: number[]) {
  const { device } = ctx;
  const module = device.createShaderModule({ code: maskCheckShader(shape) });
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module, entryPoint: 'main' },
  });
  const out: Float32Array[] = [];
  let drawn = 0;
  for (const b of sizes) {
    const n = (shape.layers - 1) * shape.timesteps * b * shape.units + b * shape.units;
    const header = new Uint32Array(HEADER);
    header[0] = b;
    header[1] = streamState(deriveSeed(seed, DROPOUT_STREAM), drawn);
    drawn += n;
    const inp = device.createBuffer({
      size: 4 * HEADER,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    const res = device.createBuffer({
      size: 4 * n,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    });
    const read = device.createBuffer({
      size: 4 * n,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(inp, 0, header);
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [inp, res].map((buffer, binding) => ({ binding, resource: { buffer } })),
      }),
    );
    pass.dispatchWorkgroups(Math.ceil(n / 64));
    pass.end();
    enc.copyBufferToBuffer(res, 0, read, 0, 4 * n);
    device.queue.submit([enc.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    out.push(new Float32Array(read.getMappedRange().slice(0)));
    [inp, res, read].forEach((x) => x.destroy());
  }
  return out;
}

async function runCase(ctx: GpuContext, c: Case): Promise<WebgpuCaseReport> {
  const { config, inputs: k, sizes } = c;
  const T = config.timesteps;
  const seed = 42;
  const weights = initialWeights(config, k, 7);
  const stock = createEngine({ ...config, engine: 'layers' }, T, seed, weights, k);
  const gpu = createWebgpuEngine(ctx, config, T, weights, seed, k);
  const rng = createRng(99);
  const losses: [number[], number[]] = [[], []];
  let grads = 0;
  for (const [n, b] of sizes.entries()) {
    const x = tf.tensor3d(
      Float32Array.from({ length: b * T * k }, () => rng.uniform()),
      [b, T, k],
    );
    const y = tf.tensor2d(
      Float32Array.from({ length: b }, () => rng.uniform()),
      [b, 1],
    );
    const gLoss = gpu.trainBatch(x, y);
    const sLoss = stock.trainBatch(x, y);
    losses[0].push((await gLoss.data())[0]);
    losses[1].push((await sLoss.data())[0]);
    sLoss.dispose();
    if (n === 0) {
      // The fast path's gradients of the first batch, same weights and masks.
      const stack = {
        cell: createCell(config.cell, config.activation),
        kernels: kernelsFor('cpu'),
      };
      const spec = {
        rate: config.dropout,
        layers: config.layers,
        units: config.units,
        timesteps: T,
      };
      const ref = tf.tidy(() => {
        const masks = createMaskSource(seed, spec)(b);
        const out = lossAndGradients(stack, weightsFromList(weights), x, y, config.loss, masks);
        return out.grads.map((g) => g.dataSync() as Float32Array);
      });
      const got = gpu.lastGradients() ?? new Float32Array();
      let at = 0;
      grads = deviation(
        ref.map((r) => {
          const part = got.subarray(at, at + r.length);
          at += r.length;
          return [part, r];
        }),
      );
    }
    tf.dispose([x, y]);
  }
  const gw = gpu.getWeights();
  const sw = stock.getWeights();
  // Inference on the GPU against the fast path on the host, same (read-back) weights; more rows than
  // one batch, so the engine predicts in chunks.
  const n = 2 * config.batchSize + 3;
  const xp = tf.tensor3d(
    Float32Array.from({ length: n * T * k }, () => rng.uniform()),
    [n, T, k],
  );
  const host = createEngine(config, T, seed, gw, k);
  const want = host.predict(xp);
  const got = gpu.predict(xp);
  const predict = deviation([[await got.data(), await want.data()]]);
  [got, want, host].forEach((x) => x.dispose());
  xp.dispose();
  let weightsDev = 0;
  gw.forEach((w, i) => {
    const [a, b] = [w.dataSync(), sw[i].dataSync()];
    for (let j = 0; j < a.length; j++) weightsDev = Math.max(weightsDev, Math.abs(a[j] - b[j]));
  });
  const commands = gpu.commands!();
  tf.dispose([...gw, ...sw, ...weights]);
  stock.dispose();
  gpu.dispose();
  let maskMismatches = 0;
  let maskElements = 0;
  if (config.dropout > 0) {
    const shape = { ...config, inputs: k, maxBatch: config.batchSize, epsilon: 1e-7 };
    const got = await kernelMasks(ctx, shape, seed, sizes);
    const source = createMaskSource(seed, {
      rate: config.dropout,
      layers: config.layers,
      units: config.units,
      timesteps: T,
    });
    sizes.forEach((b, n) => {
      const want = source(b) ?? [];
      const flat = new Float32Array(got[n].length);
      let at = 0;
      for (const m of want) {
        flat.set(m.dataSync(), at);
        at += m.size;
      }
      tf.dispose(want);
      maskElements += flat.length;
      for (let j = 0; j < flat.length; j++) if (flat[j] !== got[n][j]) maskMismatches++;
    });
  }
  return {
    name: c.name,
    loss: deviation([[losses[0].slice(0, 1), losses[1].slice(0, 1)]]),
    laterLoss: deviation([[losses[0].slice(1), losses[1].slice(1)]]),
    grads,
    predict,
    weights: weightsDev,
    learningRate: config.learningRate,
    maskMismatches,
    maskElements,
    commands,
  };
}

/** Every case of the `cells` (all when null), in order. */
export async function webgpuChecks(
  ctx: GpuContext,
  cells: string[] | null,
): Promise<WebgpuCaseReport[]> {
  const out: WebgpuCaseReport[] = [];
  for (const c of CASES)
    if (!cells || cells.includes(c.config.cell)) out.push(await runCase(ctx, c));
  return out;
}
