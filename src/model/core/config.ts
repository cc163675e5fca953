/**
 * The one typed configuration of a run, its defaults, allowed ranges and presets.
 * Every consumer (controls, URL, worker, validation) reads the same table, so a knob is declared once.
 */

export type CellType = 'simpleRNN' | 'lstm' | 'gru';
export type Activation = 'tanh' | 'relu';
export type LossName = 'mse' | 'mae' | 'huber';
import { BACKEND_FIELD, type BackendSetting } from './backendChoice';
export type { BackendName, BackendSetting } from './backendChoice';
/** `fast`: hand-written BPTT training loop; `layers`: stock tf.layers + model.fit (the reference). */
export type EngineName = 'fast' | 'layers';

export interface TrainConfig {
  /** Name of the column to predict; '' means "pick the default" (Open if present, else the first numeric). */
  targetColumn: string;
  /**
   * Extra numeric columns the network reads beside the target (its inputs are the target first,
   * then these in the file's column order); empty: the target alone, as the reference notebook.
   */
  inputColumns: string[];
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
  /**
   * Early stopping: epochs without a lower held-out loss before training stops; the best epoch's
   * weights are then restored (Keras EarlyStopping(patience, restore_best_weights=True)). 0 = off.
   */
  patience: number;
  /** Seeds initialisation, dropout and shuffling; same seed, same run. */
  seed: number;
  backend: BackendSetting;
  engine: EngineName;
  /** Steps forecast past the last row after training, 0…365; a view setting (keeps the run). */
  forecastSteps: number;
}

/** Where a knob sits in the Tune panel. `target` is the column picker above the groups. */
export type FieldGroup = 'target' | 'data' | 'network' | 'training';

interface FieldBase {
  /** The accessible name of its control. */
  label: string;
  /** Its query parameter in a shared link: short and stable, since links depend on it. */
  url: string;
  group: FieldGroup;
  help: string;
}
interface NumberField extends FieldBase, Record<'min' | 'max' | 'step', number> {
  kind: 'number';
  integer: boolean;
}
interface ChoiceField<T extends string> extends FieldBase {
  kind: 'choice';
  options: readonly { value: T; label: string }[];
}
type TextField = FieldBase & { kind: 'text' };
/** A set of the dataset's column names (checkboxes); the URL holds it as a JSON array. */
type ColumnsField = FieldBase & { kind: 'columns' };

type FieldSpec<V> = [V] extends [number]
  ? NumberField
  : [V] extends [string]
    ? ChoiceField<V> | TextField
    : [V] extends [string[]]
      ? ColumnsField
      : never;

/**
 * The one table of knobs: each field's label, URL name, panel group, range or options, and help.
 * Controls, the URL, validation and the "what changed" label all read it, in this order; adding a
 * knob is one entry here (and its default in REFERENCE_CONFIG).
 */
export const CONFIG_FIELDS = {
  targetColumn: {
    kind: 'text',
    label: 'Target column',
    url: 'target',
    group: 'target',
    help: 'The column the network learns to predict.',
  },
  inputColumns: {
    kind: 'columns',
    label: 'Input columns',
    url: 'inputs',
    group: 'target',
    help: 'The columns the network reads at each time step; the target is always one of them.',
  },
  trainSplit: {
    kind: 'number',
    label: 'Train split',
    url: 'split',
    group: 'data',
    min: 0.1,
    max: 0.95,
    step: 0.05,
    integer: false,
    help: 'Share of rows, oldest first, used for training; the rest is the test part.',
  },
  timesteps: {
    kind: 'number',
    label: 'Timesteps',
    url: 'timesteps',
    group: 'data',
    min: 1,
    max: 500,
    step: 1,
    integer: true,
    help: 'How many past values each prediction sees.',
  },
  cell: {
    kind: 'choice',
    label: 'Cell type',
    url: 'cell',
    group: 'network',
    options: [
      { value: 'simpleRNN', label: 'SimpleRNN' },
      { value: 'lstm', label: 'LSTM' },
      { value: 'gru', label: 'GRU' },
    ],
    help: 'The recurrent cell.',
  },
  activation: {
    kind: 'choice',
    label: 'Activation',
    url: 'activation',
    group: 'network',
    options: [
      { value: 'tanh', label: 'tanh' },
      { value: 'relu', label: 'ReLU' },
    ],
    help: 'Activation of the recurrent cell.',
  },
  layers: {
    kind: 'number',
    label: 'Layers',
    url: 'layers',
    group: 'network',
    min: 1,
    max: 8,
    step: 1,
    integer: true,
    help: 'Stacked recurrent layers.',
  },
  units: {
    kind: 'number',
    label: 'Units',
    url: 'units',
    group: 'network',
    min: 1,
    max: 512,
    step: 1,
    integer: true,
    help: 'Hidden units per recurrent layer.',
  },
  dropout: {
    kind: 'number',
    label: 'Dropout',
    url: 'dropout',
    group: 'network',
    min: 0,
    max: 0.9,
    step: 0.05,
    integer: false,
    help: 'Fraction of each layer output dropped during training.',
  },
  epochs: {
    kind: 'number',
    label: 'Epochs',
    url: 'epochs',
    group: 'training',
    min: 1,
    max: 1000,
    step: 1,
    integer: true,
    help: 'Passes over the training windows.',
  },
  batchSize: {
    kind: 'number',
    label: 'Batch size',
    url: 'batch',
    group: 'training',
    min: 1,
    max: 1024,
    step: 1,
    integer: true,
    help: 'Windows per gradient step.',
  },
  patience: {
    kind: 'number',
    label: 'Early stopping',
    url: 'patience',
    group: 'training',
    min: 0,
    max: 100,
    step: 1,
    integer: true,
    help: 'Patience: stop after this many epochs without a lower held-out loss and keep the best epoch’s weights. 0 = off.',
  },
  learningRate: {
    kind: 'number',
    label: 'Learning rate',
    url: 'lr',
    group: 'training',
    min: 1e-5,
    max: 1,
    step: 0.0001,
    integer: false,
    help: 'Adam step size.',
  },
  loss: {
    kind: 'choice',
    label: 'Loss',
    url: 'loss',
    group: 'training',
    options: [
      { value: 'mse', label: 'MSE' },
      { value: 'mae', label: 'MAE' },
      { value: 'huber', label: 'Huber' },
    ],
    help: 'What training minimises.',
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    url: 'seed',
    group: 'training',
    min: 0,
    max: 2 ** 31 - 1,
    step: 1,
    integer: true,
    help: 'Same seed, same initial weights and batch order.',
  },
  backend: BACKEND_FIELD,
  engine: {
    kind: 'choice',
    label: 'Engine',
    url: 'engine',
    group: 'training',
    options: [
      { value: 'fast', label: 'Fast (custom BPTT)' },
      { value: 'layers', label: 'Stock tf.layers' },
    ],
    help: 'Fast hand-written training loop, or the stock TensorFlow.js layers reference.',
  },
  forecastSteps: {
    kind: 'number',
    label: 'Forecast steps',
    url: 'forecast',
    group: 'data',
    min: 0,
    max: 365,
    step: 1,
    integer: true,
    help: 'How many steps past the last row the trained model forecasts, one step at a time. Changing it keeps the trained model.',
  },
} as const satisfies { [K in keyof TrainConfig]: FieldSpec<TrainConfig[K]> };

/** The config keys, in table order. */
export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as (keyof TrainConfig)[];

/** Keys of the numeric knobs. */
export type NumericKey = {
  [K in keyof TrainConfig]: (typeof CONFIG_FIELDS)[K]['kind'] extends 'number' ? K : never;
}[keyof TrainConfig];
/** Keys of the knobs chosen from a list. */
export type ChoiceKey = {
  [K in keyof TrainConfig]: (typeof CONFIG_FIELDS)[K]['kind'] extends 'choice' ? K : never;
}[keyof TrainConfig];

/** The label of a config value for people: a choice's option label, else the value itself. */
export function valueLabel<K extends keyof TrainConfig>(key: K, value: TrainConfig[K]): string {
  const spec: { kind: string; options?: readonly { value: string; label: string }[] } =
    CONFIG_FIELDS[key];
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'target only';
  return spec.options?.find((o) => o.value === value)?.label ?? String(value);
}
