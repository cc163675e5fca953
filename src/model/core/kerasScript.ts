/**
 * "Download Keras script": one readable Python file for Keras 3 (TensorFlow backend) that redoes a
 * run from a CSV: the same columns, split, scalers, windows, architecture, optimiser, loss, epochs,
 * batch size and seed; it prints model.summary(), trains, compares RMSE/MAE with persistence, plots
 * real vs predicted (a PNG) and writes predictions.csv in the app's format. The trained weights ride
 * along (base64 float32, Keras order): `--use-browser-weights --epochs 0` predicts with them.
 * Pure: no tfjs, no DOM; the page fills it from model.json's metadata and model.weights.bin.
 */
import type { ModelMetadata } from './modelMetadata';

type Py = string | number | boolean | null | readonly Py[] | { readonly [key: string]: Py };

/** A value as a Python literal (JSON strings are valid Python strings; NaN/Infinity as float()). */
export function pyLiteral(v: Py, indent = ''): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : `float("${v}")`;
  if (typeof v === 'string') return JSON.stringify(v);
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null))
      return `[${v.map((x) => pyLiteral(x)).join(', ')}]`;
    return `[\n${v.map((x) => inner + pyLiteral(x, inner)).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, Py>);
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pyLiteral(x, inner)}`).join(',\n')},\n${indent}}`;
}

/** Standard base64 of bytes, wrapped into Python string pieces of `width` characters. */
export function base64Lines(bytes: Uint8Array, width = 96): string[] {
  const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHA[(n >> 18) & 63] + ALPHA[(n >> 12) & 63];
    s += i + 1 < bytes.length ? ALPHA[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? ALPHA[n & 63] : '=';
  }
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += width) lines.push(s.slice(i, i + width));
  return lines;
}

const CELL_CLASS = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' } as const;
const LOSS = { mse: '"mse"', mae: '"mae"', huber: 'keras.losses.Huber(delta=1.0)' } as const;

/**
 * The Python script of a run: `meta` is model.json's userDefinedMetadata, `weights` the bytes of
 * model.weights.bin (little-endian float32 in Keras weight order). Deterministic text.
 */
export function kerasScript(meta: ModelMetadata, weights: ArrayBuffer | Uint8Array): string {
  const c = meta.config;
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  const b64 = base64Lines(bytes)
    .map((l) => `    "${l}"`)
    .join('\n');
  const settings: Record<string, Py> = {
    TARGET: meta.targetColumn,
    INPUT_COLUMNS: meta.inputColumns,
    DATE_COLUMN: meta.dateColumn,
    SERIES: meta.series ? { column: meta.series.column, name: meta.series.name } : null,
    TRAIN_SPLIT: c.trainSplit,
    TIMESTEPS: meta.timesteps,
    LAYERS: c.layers,
    UNITS: c.units,
    ACTIVATION: c.activation,
    DROPOUT: c.dropout,
    LEARNING_RATE: c.learningRate,
    EPOCHS: c.epochs,
    BATCH_SIZE: c.batchSize,
    PATIENCE: c.patience,
    SEED: c.seed,
    LAYER_NAMES: meta.layerNames,
    APP_PARAMS: meta.params,
  };
  const lines = Object.entries(settings).map(([k, v]) => `${k} = ${pyLiteral(v)}`);
  return `#!/usr/bin/env python3
"""An RNN Playground run (app version ${meta.appVersion}) as a Keras 3 script (TensorFlow backend).

Run:  python this_script.py data.csv [--epochs N] [--use-browser-weights] [--out DIR]
Needs: pip install tensorflow keras pandas scikit-learn matplotlib

It reads the CSV (oldest row first), splits it chronologically, scales each column with a
MinMaxScaler fitted on the train rows, cuts windows, builds the same stacked ${CELL_CLASS[c.cell]} model,
trains it, compares it with persistence ("tomorrow = today") on the test rows, saves a plot and
writes predictions.csv as the app does. --use-browser-weights starts from the weights trained in
the browser; with --epochs 0 it predicts with them unchanged.
"""
import argparse
import base64
import os

import numpy as np
import pandas as pd

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import matplotlib  # noqa: E402

matplotlib.use("Agg")  # write a PNG, no window
import matplotlib.pyplot as plt  # noqa: E402
from sklearn.preprocessing import MinMaxScaler  # noqa: E402

# The run's settings, as configured in the app.
${lines.join('\n')}
CELL = keras.layers.${CELL_CLASS[c.cell]}
LOSS = ${LOSS[c.loss]}
# The app's full configuration, for the record (the constants above are what the script uses):
CONFIG = ${pyLiteral(c as unknown as Py)}

# The trained weights from the browser: float32, little-endian, Keras order (per recurrent layer
# kernel, recurrent_kernel, bias; then the Dense kernel and bias).
BROWSER_WEIGHTS = (
${b64}
)


def load_columns(path):
    """The input columns (target first) as float64 [n, k], rows oldest first; the date labels."""
    frame = pd.read_csv(path, sep=None, engine="python")  # sniffs , ; or tab, exact floats
    if SERIES is not None:  # a long-format file: the rows of the one series trained on
        frame = frame[frame[SERIES["column"]].astype(str).str.strip() == SERIES["name"]]
    labels = None
    if DATE_COLUMN is not None:
        axis = frame[DATE_COLUMN]
        if pd.api.types.is_integer_dtype(axis):  # a year column
            order, labels = np.argsort(axis.to_numpy(), kind="stable"), axis.astype(str)
        else:
            when = pd.to_datetime(axis, format="mixed", utc=True)
            order, labels = np.argsort(when.to_numpy(), kind="stable"), date_labels(when)
        frame, labels = frame.iloc[order], labels.iloc[order].to_list()
    values = frame[INPUT_COLUMNS].apply(pd.to_numeric, errors="coerce")
    # Gaps: linear between neighbours, the nearest value at either end.
    values = values.interpolate(method="linear", limit_direction="both")
    return values.to_numpy(dtype=np.float64), labels


def date_labels(when):
    """Dates as the app writes them: the year, YYYY-MM-DD, or full ISO time in UTC."""
    if ((when.dt.month == 1) & (when.dt.day == 1) & (when.dt.normalize() == when)).all():
        return when.dt.strftime("%Y")
    if (when.dt.normalize() == when).all():
        return when.dt.strftime("%Y-%m-%d")
    return when.dt.strftime("%Y-%m-%dT%H:%M:%S.%f").str[:-3] + "Z"


def windows(scaled, start, end):
    """Windows [rows, TIMESTEPS, k] of the rows before each target row in [start, end)."""
    x = np.stack([scaled[i - TIMESTEPS : i] for i in range(start, end)])
    return x, scaled[start:end, 0]


def build_model(k):
    model = keras.Sequential([keras.Input((TIMESTEPS, k))])
    names = iter(LAYER_NAMES)
    for layer in range(LAYERS):
        extra = {"reset_after": False} if CELL is keras.layers.GRU else {}  # as TensorFlow.js
        model.add(
            CELL(
                UNITS,
                activation=ACTIVATION,
                return_sequences=layer < LAYERS - 1,
                name=next(names),
                **extra,
            )
        )
        if DROPOUT > 0:
            model.add(keras.layers.Dropout(DROPOUT, name=next(names)))
    model.add(keras.layers.Dense(1, name=next(names)))
    model.compile(optimizer=keras.optimizers.Adam(LEARNING_RATE), loss=LOSS)
    return model


def set_browser_weights(model):
    flat = np.frombuffer(base64.b64decode("".join(BROWSER_WEIGHTS)), dtype="<f4")
    weights, offset = [], 0
    for w in model.get_weights():
        weights.append(flat[offset : offset + w.size].reshape(w.shape))
        offset += w.size
    assert offset == flat.size, f"{flat.size} browser weights, the model has {offset}"
    model.set_weights(weights)


def js_number(v):
    """A number as JavaScript's String(v) writes it (3012.5, 3012, 1e-7), empty if not finite."""
    if not np.isfinite(v):
        return ""
    v = float(v)
    if v == int(v) and abs(v) < 1e21:
        return str(int(v))
    if 1e-7 <= abs(v) < 1e21:
        return np.format_float_positional(v, unique=True, trim="-")
    mantissa, exponent = repr(v).split("e")
    return f"{mantissa}e{'+' if int(exponent) > 0 else '-'}{abs(int(exponent))}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="the CSV file the app trained on")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"default {EPOCHS}")
    parser.add_argument("--use-browser-weights", action="store_true",
                        help="start from the weights trained in the browser")
    parser.add_argument("--out", default=".", help="folder for predictions.csv and the plot")
    args = parser.parse_args()
    keras.utils.set_random_seed(SEED)

    values, labels = load_columns(args.csv)
    n, k = values.shape
    split = int(np.floor(TRAIN_SPLIT * n + 1e-9))  # int(0.8 * n), float error absorbed
    scalers = [MinMaxScaler(feature_range=(0, 1)).fit(values[:split, j : j + 1]) for j in range(k)]
    scaled = np.column_stack(
        [s.transform(values[:, j : j + 1])[:, 0] for j, s in enumerate(scalers)]
    ).astype(np.float32)
    x_train, y_train = windows(scaled, TIMESTEPS, split)
    x_test, y_test = windows(scaled, split, n)  # test windows reach back into the train rows
    print(f"{n} rows: {split} train ({len(x_train)} windows), {n - split} test")

    model = build_model(k)
    model.summary()
    params = model.count_params()
    print(f"Trainable parameters: {params} (the app counted {APP_PARAMS})")
    if args.use_browser_weights:
        set_browser_weights(model)
    if args.epochs > 0:
        stop = [keras.callbacks.EarlyStopping(patience=PATIENCE, restore_best_weights=True)]
        model.fit(x_train, y_train, epochs=args.epochs, batch_size=BATCH_SIZE, shuffle=True,
                  validation_data=(x_test, y_test), callbacks=stop if PATIENCE else [], verbose=2)

    scaled_pred = model.predict(x_test, batch_size=256, verbose=0)[:, :1].astype(np.float64)
    predicted = scalers[0].inverse_transform(scaled_pred)[:, 0].astype(np.float32)
    actual, previous = values[split:, 0], values[split - 1 : n - 1, 0]
    for name, guess in (("model", predicted), ("persistence", previous)):
        error = guess - actual
        rmse, mae = np.sqrt(np.mean(error**2)), np.mean(np.abs(error))
        print(f"{name:>12}: RMSE {rmse:.6g}  MAE {mae:.6g}  ({TARGET}, test rows)")

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "predictions.csv"), "w", newline="") as f:
        f.write("date,actual,predicted\\n" if labels else "actual,predicted\\n")
        for i in range(n - split):
            row = f"{js_number(actual[i])},{js_number(float(f'{predicted[i]:.7g}'))}"
            f.write(f"{labels[split + i]},{row}\\n" if labels else f"{row}\\n")
    plt.figure(figsize=(10, 5))
    plt.plot(actual, color="red", label=f"Real {TARGET}")
    plt.plot(predicted, color="blue", label=f"Predicted {TARGET}")
    plt.title(f"{TARGET}: real vs predicted (test rows)")
    plt.xlabel("test row")
    plt.ylabel(TARGET)
    plt.legend()
    plt.savefig(os.path.join(args.out, "prediction.png"), dpi=100)
    print(f"Wrote {os.path.join(args.out, 'predictions.csv')} and prediction.png")


if __name__ == "__main__":
    main()
`;
}
