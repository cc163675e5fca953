/**
 * The WebGPU engine: the fast path's SimpleRNN, LSTM or GRU stack trained by WGSL of our own
 * (shaders.ts, gatedShader.ts) in two
 * compute dispatches, one upload and one queue submit per batch; weights, Adam's moments, the
 * activations and the losses stay on the GPU. A loss handle reads back the losses of every batch
 * queued so far together with the weights (one copy, one mapAsync): the training loop asks once per
 * progress report. The weights read then are the host copy that `getWeights` returns (as of the last
 * read-back; the loop reads back at every epoch's end, pause and stop). `predict` runs the forward
 * kernel on the GPU and returns a handle read back on demand.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../../core/config';
import { deriveSeed, DROPOUT_STREAM } from '../../core/rng';
import type { BatchLoss, CommandCounts, TrainingEngine } from '../contract';
import { biasCorrections } from '../fast/adam';
import { weightShapes } from '../fast/stack';
import type { GpuContext } from './device';
import { gatedShader } from './gatedShader';
import { HEADER, layout, PARAM_WG, RING, streamState } from './layout';
import { shapeOf } from './limits';
import { trainShader } from './shaders';

/**
 * The WebGPU engine, plus what the equivalence checks read. Its `commands()` counts the training
 * step's own dispatches, submits and uploads per batch; each read-back (one copy, one submit, one
 * mapAsync) serves every batch queued before it, so `readbacks` per batch is a fraction.
 */
export interface WebgpuEngine extends TrainingEngine {
  /** The gradients of the last batch covered by the last read-back (Keras order, flat), or null. */
  lastGradients(): Float32Array | null;
}

/**
 * Builds the engine on `ctx`'s device from `weights` (Keras order and layout; copied). `seed` drives
 * the dropout masks, drawn in the kernel from the stream ../masks.ts draws on the host.
 */
export function createWebgpuEngine(
  ctx: GpuContext,
  config: TrainConfig,
  timesteps: number,
  weights: tf.Tensor[],
  seed: number,
  inputs = 1,
): WebgpuEngine {
  const { device } = ctx;
  const shape = shapeOf(config, timesteps, inputs, tf.backend().epsilon());
  const lay = layout(shape);
  const P = lay.params;
  const shapes = weightShapes(lay.gates, config.layers, config.units, inputs);
  const code = config.cell === 'simpleRNN' ? trainShader(shape) : gatedShader(shape);
  const module = device.createShaderModule({ code });
  const bindLayout = device.createBindGroupLayout({
    entries: [0, 1, 2, 3, 4].map((binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: binding === 0 ? ('read-only-storage' as const) : ('storage' as const) },
    })),
  });
  const pipeLayout = device.createPipelineLayout({ bindGroupLayouts: [bindLayout] });
  const pipeline = (entryPoint: string) =>
    device.createComputePipeline({ layout: pipeLayout, compute: { module, entryPoint } });
  const rows = pipeline('rows');
  const params = pipeline('params');
  const forward = pipeline('predict');
  const S = GPUBufferUsage.STORAGE;
  const buffer = (floats: number, usage: number) =>
    device.createBuffer({ size: 4 * Math.max(1, floats), usage });
  const inp = buffer(lay.input, S | GPUBufferUsage.COPY_DST);
  const w = buffer(P, S | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC);
  const opt = buffer(3 * P, S | GPUBufferUsage.COPY_SRC);
  const act = buffer(lay.act, S);
  const misc = buffer(lay.misc, S | GPUBufferUsage.COPY_SRC);
  const staging = buffer(RING + 2 * P, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const owned = [inp, w, opt, act, misc, staging];
  const bindGroup = device.createBindGroup({
    layout: bindLayout,
    entries: [inp, w, opt, act, misc].map((b, binding) => ({ binding, resource: { buffer: b } })),
  });

  const counts = { batches: 0, dispatches: 0, submits: 0, uploads: 0, readbacks: 0 };
  const upload = new Uint32Array(lay.input);
  const uploadF = new Float32Array(upload.buffer);
  const yAt = HEADER + shape.maxBatch * timesteps * inputs;
  const streamSeed = deriveSeed(seed, DROPOUT_STREAM);
  let drawn = 0;
  let step = 0;

  // The host copy of the weights (from the last read-back or setWeights).
  let mirror = new Float32Array(P);
  let gradients: Float32Array | null = null;
  let version = 0;
  const toTensors = (flat: Float32Array): tf.Tensor[] => {
    let at = 0;
    return shapes.map((s) => {
      const n = s.reduce((a, b) => a * b, 1);
      const t = tf.tensor(flat.slice(at, at + n), s);
      at += n;
      return t;
    });
  };
  const write = (ws: tf.Tensor[]): void => {
    const flat = new Float32Array(P);
    let at = 0;
    for (const x of ws) {
      flat.set(x.dataSync() as Float32Array, at);
      at += x.size;
    }
    device.queue.writeBuffer(w, 0, flat);
    mirror = flat;
    version++;
  };
  write(weights);

  // A read that fails because the device was lost (e.g. a GPU reset) fails only once `device.lost`
  // has settled, so a watcher of the device (../backend.ts watchContextLoss) hears of the loss first.
  const afterLoss = (e: unknown): Promise<never> =>
    Promise.race([device.lost, new Promise((r) => setTimeout(r, 1000))]).then(() => {
      throw e;
    });

  // Read-backs, one at a time through the single staging buffer.
  let chain: Promise<unknown> = Promise.resolve();
  let reading: { upTo: number; result: Promise<Float32Array> } | null = null;
  const readBack = (): { upTo: number; result: Promise<Float32Array> } => {
    const upTo = counts.batches;
    const atVersion = version;
    const result = chain
      .then(async () => {
        const enc = device.createCommandEncoder();
        enc.copyBufferToBuffer(misc, 4 * lay.ring, staging, 0, 4 * RING);
        enc.copyBufferToBuffer(w, 0, staging, 4 * RING, 4 * P);
        enc.copyBufferToBuffer(opt, 8 * P, staging, 4 * (RING + P), 4 * P);
        device.queue.submit([enc.finish()]);
        counts.readbacks++;
        await staging.mapAsync(GPUMapMode.READ);
        const all = new Float32Array(staging.getMappedRange().slice(0));
        staging.unmap();
        if (version === atVersion) {
          mirror = all.slice(RING, RING + P);
          version++;
        }
        if (upTo > 0) gradients = all.slice(RING + P);
        return all.slice(0, RING);
      })
      .catch(afterLoss);
    chain = result.catch(() => undefined);
    reading = { upTo, result };
    return reading;
  };
  const lossOf = async (seq: number): Promise<Float32Array> => {
    const read = reading && reading.upTo > seq ? reading : readBack();
    const ring = await read.result;
    if (read.upTo - seq > RING)
      throw new Error(`A batch loss was read back too late (> ${RING} batches).`);
    return Float32Array.of(ring[seq % RING]);
  };

  const checkInput = (x: tf.Tensor3D): void => {
    if (x.shape[1] !== timesteps || x.shape[2] !== inputs) {
      throw new Error(`Expected x of shape [b, ${timesteps}, ${inputs}], got [${x.shape}].`);
    }
  };
  const paramGroups = Math.ceil((P + 1) / PARAM_WG);

  return {
    name: 'fast',
    trainBatch(x, y): BatchLoss {
      checkInput(x);
      const b = x.shape[0];
      if (b > shape.maxBatch)
        throw new Error(`Batch of ${b} rows; the engine holds ${shape.maxBatch}.`);
      const seq = counts.batches;
      step++;
      const [c1, c2] = biasCorrections(step);
      upload[0] = b;
      upload[1] = streamState(streamSeed, drawn);
      uploadF[2] = c1;
      uploadF[3] = c2;
      upload[4] = seq % RING;
      uploadF.set(x.dataSync() as Float32Array, HEADER);
      uploadF.set(y.dataSync() as Float32Array, yAt);
      device.queue.writeBuffer(inp, 0, upload);
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setBindGroup(0, bindGroup);
      pass.setPipeline(rows);
      pass.dispatchWorkgroups(b);
      pass.setPipeline(params);
      pass.dispatchWorkgroups(paramGroups);
      pass.end();
      device.queue.submit([enc.finish()]);
      if (config.dropout > 0)
        drawn += (config.layers - 1) * timesteps * b * config.units + b * config.units;
      counts.batches++;
      counts.dispatches += 2;
      counts.submits++;
      counts.uploads++;
      return { data: () => lossOf(seq), dispose() {} };
    },
    predict(x): BatchLoss {
      checkInput(x);
      const n = x.shape[0];
      const values = x.dataSync() as Float32Array;
      const out = buffer(n, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
      const row = timesteps * inputs;
      // In chunks of the batch the buffers hold: one upload, dispatch and copy-out each.
      for (let from = 0; from < n; from += shape.maxBatch) {
        const b = Math.min(shape.maxBatch, n - from);
        const words = new Uint32Array(HEADER + b * row);
        words[0] = b;
        new Float32Array(words.buffer).set(values.subarray(from * row, (from + b) * row), HEADER);
        device.queue.writeBuffer(inp, 0, words);
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setBindGroup(0, bindGroup);
        pass.setPipeline(forward);
        pass.dispatchWorkgroups(b);
        pass.end();
        enc.copyBufferToBuffer(misc, 4 * lay.lossTerms, out, 4 * from, 4 * b);
        device.queue.submit([enc.finish()]);
      }
      let read: Promise<Float32Array> | null = null;
      return {
        data: () =>
          (read ??= out.mapAsync(GPUMapMode.READ).then(() => {
            const y = new Float32Array(out.getMappedRange().slice(0, 4 * n));
            out.destroy();
            return y;
          }, afterLoss)),
        dispose() {
          if (!read) out.destroy();
        },
      };
    },
    getWeights: () => toTensors(mirror),
    setWeights(ws) {
      if (ws.length !== shapes.length || ws.some((t, i) => t.shape.join() !== shapes[i].join())) {
        throw new Error(
          `Expected ${shapes.length} weight tensors of shapes ${JSON.stringify(shapes)}.`,
        );
      }
      write(ws);
    },
    commands(): CommandCounts {
      const n = Math.max(1, counts.batches);
      return {
        kind: 'dispatches',
        perBatch: counts.dispatches / n,
        submits: counts.submits / n,
        uploads: counts.uploads / n,
        readbacks: counts.readbacks / n,
      };
    },
    lastGradients: () => gradients,
    dispose() {
      owned.forEach((b) => b.destroy());
    },
  };
}
