/**
 * The one typed configuration of a run, its defaults, allowed ranges and presets.
 * Every consumer (controls, URL, worker, validation) reads the same table, so a knob is declared once.
 */

export type CellType = 'simpleRNN' | 'lstm' | 'gru';
export type Activation = 'tanh' | 'relu';
export type LossName = 'mse' | 'mae' | 'huber';
export type BackendName = 'webgl' | 'wasm' | 'cpu';
/** `fast`: hand-written BPTT training loop; `layers`: stock tf.layers + model.fit (the reference). */
export type EngineName = 'fast' | 'layers';

export interface TrainConfig {
  /** Name of the column to predict; '' means "pick the default" (Open if present, else the first numeric). */
  targetColumn: string;
  /** Fraction of rows (chronological) used for training, (0, 1). */
  trainSplit: number;
  /** Window length: each sample sees this many past values. */
  timesteps: number;
  cell: CellType;
  /** Number of stacked recurrent layers. */
  layers: number;
  /** Units per recurrent layer. */
  units: number;
  activation: Activation;
  /** Dropout rate after each recurrent layer, [0, 1). */
  dropout: number;
  learningRate: number;
  loss: LossName;
  epochs: number;
  batchSize: number;
  /** Seeds initialisation, dropout and shuffling; same seed, same run. */
  seed: number;
  backend: BackendName;
  engine: EngineName;
}

interface NumberField {
  kind: 'number';
  label: string;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  help: string;
}
interface ChoiceField<T extends string> {
  kind: 'choice';
  label: string;
  options: readonly { value: T; label: string }[];
  help: string;
}
interface TextField {
  kind: 'text';
  label: string;
  help: string;
}

type FieldSpec<V> = [V] extends [number]
  ? NumberField
  : [V] extends [string]
    ? ChoiceField<V> | TextField
    : never;

/** Declarative table of every config field: label (the accessible name of its control), range, help text. */
export const CONFIG_FIELDS: { [K in keyof TrainConfig]: FieldSpec<TrainConfig[K]> } = {
  targetColumn: {
    kind: 'text',
    label: 'Target column',
    help: 'The column the network learns to predict.',
  },
  trainSplit: {
    kind: 'number',
    label: 'Train split',
    min: 0.1,
    max: 0.95,
    step: 0.05,
    integer: false,
    help: 'Share of rows, oldest first, used for training; the rest is the test part.',
  },
  timesteps: {
    kind: 'number',
    label: 'Timesteps',
    min: 1,
    max: 500,
    step: 1,
    integer: true,
    help: 'How many past values each prediction sees.',
  },
  cell: {
    kind: 'choice',
    label: 'Cell type',
    options: [
      { value: 'simpleRNN', label: 'SimpleRNN' },
      { value: 'lstm', label: 'LSTM' },
      { value: 'gru', label: 'GRU' },
    ],
    help: 'The recurrent cell.',
  },
  layers: {
    kind: 'number',
    label: 'Layers',
    min: 1,
    max: 8,
    step: 1,
    integer: true,
    help: 'Stacked recurrent layers.',
  },
  units: {
    kind: 'number',
    label: 'Units',
    min: 1,
    max: 512,
    step: 1,
    integer: true,
    help: 'Hidden units per recurrent layer.',
  },
  activation: {
    kind: 'choice',
    label: 'Activation',
    options: [
      { value: 'tanh', label: 'tanh' },
      { value: 'relu', label: 'ReLU' },
    ],
    help: 'Activation of the recurrent cell.',
  },
  dropout: {
    kind: 'number',
    label: 'Dropout',
    min: 0,
    max: 0.9,
    step: 0.05,
    integer: false,
    help: 'Fraction of each layer output dropped during training.',
  },
  learningRate: {
    kind: 'number',
    label: 'Learning rate',
    min: 1e-5,
    max: 1,
    step: 0.0001,
    integer: false,
    help: 'Adam step size.',
  },
  loss: {
    kind: 'choice',
    label: 'Loss',
    options: [
      { value: 'mse', label: 'MSE' },
      { value: 'mae', label: 'MAE' },
      { value: 'huber', label: 'Huber' },
    ],
    help: 'What training minimises.',
  },
  epochs: {
    kind: 'number',
    label: 'Epochs',
    min: 1,
    max: 1000,
    step: 1,
    integer: true,
    help: 'Passes over the training windows.',
  },
  batchSize: {
    kind: 'number',
    label: 'Batch size',
    min: 1,
    max: 1024,
    step: 1,
    integer: true,
    help: 'Windows per gradient step.',
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    min: 0,
    max: 2 ** 31 - 1,
    step: 1,
    integer: true,
    help: 'Same seed, same initial weights and batch order.',
  },
  backend: {
    kind: 'choice',
    label: 'Backend',
    options: [
      { value: 'webgl', label: 'WebGL (GPU)' },
      { value: 'wasm', label: 'WebAssembly' },
      { value: 'cpu', label: 'CPU (plain JS)' },
    ],
    help: 'Where the maths runs. Falls back automatically if unavailable.',
  },
  engine: {
    kind: 'choice',
    label: 'Engine',
    options: [
      { value: 'fast', label: 'Fast (custom BPTT)' },
      { value: 'layers', label: 'Stock tf.layers' },
    ],
    help: 'Fast hand-written training loop, or the stock TensorFlow.js layers reference.',
  },
};

/** The reference notebook's configuration (shared/REFERENCE.md): 4 × SimpleRNN(50), dropout 0.2, 100 epochs, batch 20. */
export const REFERENCE_CONFIG: TrainConfig = {
  targetColumn: '',
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
  seed: 42,
  backend: 'webgl',
  engine: 'fast',
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
