/** The ready-made configurations: the reference notebook's, a quick demo, and the default. */
import type { TrainConfig } from './config';

/**
 * The reference notebook's configuration (a classic Keras tutorial: a stacked SimpleRNN on a stock's
 * daily Open price): 4 × SimpleRNN(50), dropout 0.2, 100 epochs, batch 20.
 */
export const REFERENCE_CONFIG: TrainConfig = {
  targetColumn: '',
  inputColumns: [],
  trainSplit: 0.8,
  timesteps: 40,
  cell: 'simpleRNN',
  layers: 4,
  units: 50,
  activation: 'tanh',
  dropout: 0.2,
  learningRate: 0.001,
  loss: 'mse',
  epochs: 100,
  batchSize: 20,
  patience: 0,
  seed: 42,
  backend: 'auto',
  engine: 'fast',
  forecastSteps: 30,
};

/** Small enough to train in seconds on a weak laptop. */
export const QUICK_DEMO_CONFIG: TrainConfig = {
  ...REFERENCE_CONFIG,
  timesteps: 20,
  layers: 1,
  units: 16,
  dropout: 0,
  learningRate: 0.01,
  epochs: 15,
  batchSize: 32,
};

export const PRESETS = [
  { id: 'reference', label: 'Reference notebook', config: REFERENCE_CONFIG },
  { id: 'quick', label: 'Quick demo', config: QUICK_DEMO_CONFIG },
] as const;

export const DEFAULT_CONFIG: TrainConfig = REFERENCE_CONFIG;
