/**
 * The networks bench/webgpuCheck.ts trains on the WebGPU engine and the references: tiny, since
 * software WebGPU is slow, but covering 1–4 layers, k ≥ 1 inputs, with and without dropout, both
 * activations, every loss, units above a workgroup, and each cell.
 */
import type { TrainConfig } from '../src/model/core/config';
import { CONFIG } from './core';

export interface Case {
  name: string;
  config: TrainConfig;
  inputs: number;
  /** Rows of the three batches. */
  sizes: [number, number, number];
}

const base: TrainConfig = { ...CONFIG, engine: 'fast', cell: 'simpleRNN' };
export const CASES: Case[] = [
  { name: 'reference 4×50 tanh, dropout 0.2, T 40', config: base, inputs: 1, sizes: [20, 20, 13] },
  {
    name: '2×7 relu, dropout 0.3, mae, 3 inputs, T 9',
    config: {
      ...base,
      layers: 2,
      units: 7,
      activation: 'relu',
      dropout: 0.3,
      loss: 'mae',
      timesteps: 9,
      batchSize: 6,
      learningRate: 0.01,
    },
    inputs: 3,
    sizes: [6, 6, 4],
  },
  {
    name: '1×33 tanh, huber, no dropout, T 12',
    config: {
      ...base,
      layers: 1,
      units: 33,
      dropout: 0,
      loss: 'huber',
      timesteps: 12,
      batchSize: 5,
    },
    inputs: 1,
    sizes: [5, 5, 2],
  },
  {
    name: '2×300 tanh, dropout 0.1, T 5 (units above a workgroup)',
    config: { ...base, layers: 2, units: 300, dropout: 0.1, timesteps: 5, batchSize: 3 },
    inputs: 2,
    sizes: [3, 3, 1],
  },
  {
    name: 'LSTM 4×6 tanh, dropout 0.2, 2 inputs, T 7',
    config: { ...base, cell: 'lstm', layers: 4, units: 6, timesteps: 7, batchSize: 4 },
    inputs: 2,
    sizes: [4, 4, 3],
  },
  {
    name: 'LSTM 1×9 relu, huber, no dropout, T 6',
    config: {
      ...base,
      cell: 'lstm',
      layers: 1,
      units: 9,
      activation: 'relu',
      dropout: 0,
      loss: 'huber',
      timesteps: 6,
      batchSize: 3,
      learningRate: 0.01,
    },
    inputs: 1,
    sizes: [3, 3, 2],
  },
  {
    name: 'LSTM 2×260 tanh, dropout 0.1, T 3 (units above a workgroup)',
    config: {
      ...base,
      cell: 'lstm',
      layers: 2,
      units: 260,
      dropout: 0.1,
      timesteps: 3,
      batchSize: 2,
    },
    inputs: 1,
    sizes: [2, 2, 1],
  },
  {
    name: 'GRU 3×7 tanh, dropout 0.3, mae, 3 inputs, T 6',
    config: {
      ...base,
      cell: 'gru',
      layers: 3,
      units: 7,
      dropout: 0.3,
      loss: 'mae',
      timesteps: 6,
      batchSize: 4,
    },
    inputs: 3,
    sizes: [4, 4, 2],
  },
  {
    name: 'GRU 1×10 relu, no dropout, T 8',
    config: {
      ...base,
      cell: 'gru',
      layers: 1,
      units: 10,
      activation: 'relu',
      dropout: 0,
      timesteps: 8,
      batchSize: 3,
      learningRate: 0.01,
    },
    inputs: 1,
    sizes: [3, 3, 1],
  },
  {
    name: 'GRU 4×270 tanh, dropout 0.1, 2 inputs, T 3 (units above a workgroup)',
    config: {
      ...base,
      cell: 'gru',
      layers: 4,
      units: 270,
      dropout: 0.1,
      timesteps: 3,
      batchSize: 2,
    },
    inputs: 2,
    sizes: [2, 2, 1],
  },
];
