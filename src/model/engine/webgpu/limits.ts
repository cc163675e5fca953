/**
 * What the WebGPU engine is compiled for (`shapeOf`) and whether it can train a configuration on a
 * device (`webgpuRefusal`): the fast path, and buffers and workgroup memory within the device's
 * limits. A refused run moves to WebGL with the reason as its notice (workers/trainer/backendSwitch.ts).
 */
import type { TrainConfig } from '../../core/config';
import { gatedSharedFloats } from './gatedShader';
import { layout, rowThreads, type WgslShape } from './layout';

/** The shape the kernels are compiled for. */
export function shapeOf(
  config: TrainConfig,
  timesteps: number,
  inputs: number,
  epsilon: number,
): WgslShape {
  return {
    cell: config.cell,
    layers: config.layers,
    units: config.units,
    inputs,
    timesteps,
    maxBatch: config.batchSize,
    activation: config.activation,
    loss: config.loss,
    dropout: config.dropout,
    learningRate: config.learningRate,
    epsilon,
  };
}

/**
 * Null when the WebGPU engine can train `config` on `device`, else why not (a sentence): the fast
 * path only (SimpleRNN, LSTM and GRU), and the buffers and the per-row workgroup memory must fit the
 * device's limits.
 */
export function webgpuRefusal(
  config: TrainConfig,
  timesteps: number,
  inputs: number,
  device: GPUDevice,
): string | null {
  if (config.engine !== 'fast') return 'the WebGPU engine runs the fast path only';
  const lay = layout(shapeOf(config, timesteps, inputs, 0));
  const lim = device.limits;
  const biggest = 4 * Math.max(lay.act, lay.input, 3 * lay.params, lay.misc);
  const u = config.units;
  const floats =
    config.cell === 'simpleRNN' ? 3 * u + rowThreads(u) + 1 : gatedSharedFloats(config.cell, u);
  if (biggest > lim.maxStorageBufferBindingSize || biggest > lim.maxBufferSize) {
    return 'this network and batch need more GPU memory per buffer than WebGPU offers here';
  }
  if (4 * floats > lim.maxComputeWorkgroupStorageSize) return 'too many units for WebGPU here';
  if (config.batchSize > lim.maxComputeWorkgroupsPerDimension) return 'the batch is too large';
  return null;
}
