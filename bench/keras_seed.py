#!/usr/bin/env python3
"""The reference notebook's own stack on this machine: the benchmark's configuration in Keras 3 with
TensorFlow CPU, on the same data, timed per batch (`npm run bench -- --keras` runs it; see README).

Same data as bench/core.ts windowsFromCsv: public/samples/sp500.csv, the first 80 % of rows, the Open
column min-max scaled on that part, windows of 40 steps -> the next value (1,446 windows, 73 batches of
20). Same model: 4 x SimpleRNN(50, tanh) (or LSTM / GRU with --cell), each returning sequences but the
last, each followed by Dropout(0.2), then Dense(1); Adam(0.001), MSE, batch 20, shuffled, seed 42.

It times whole epochs of model.fit (after --warmup untimed epochs, which include tracing and graph
building) and prints ms per batch = epoch time / batches: the median over --epochs epochs. TensorFlow uses
every core unless --threads is given. The last line is JSON for tools.
"""
import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cell", default="simpleRNN", choices=["simpleRNN", "lstm", "gru"])
    p.add_argument("--epochs", type=int, default=3, help="timed epochs (median reported)")
    p.add_argument("--warmup", type=int, default=1, help="untimed epochs first")
    p.add_argument("--threads", type=int, default=0, help="TensorFlow intra/inter-op threads (0: all)")
    p.add_argument("--csv", default=os.path.join(HERE, "..", "public", "samples", "sp500.csv"))
    return p.parse_args()


def windows(path, timesteps=40):
    import numpy as np
    import pandas as pd

    values = pd.read_csv(path)["Open"].to_numpy(dtype="float64")
    train = values[: int(0.8 * len(values))]
    lo, span = train.min(), (train.max() - train.min()) or 1.0
    scaled = (train - lo) / span
    n = len(scaled) - timesteps
    x = np.stack([scaled[i : i + timesteps] for i in range(n)]).astype("float32")[..., None]
    y = scaled[timesteps:].astype("float32")[:, None]
    return x, y


def main():
    args = parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    keras.utils.set_random_seed(42)
    x, y = windows(args.csv)
    layer = {"simpleRNN": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}[
        args.cell
    ]
    extra = {"reset_after": False} if args.cell == "gru" else {}
    model = keras.Sequential([keras.Input((x.shape[1], 1))])
    for i in range(4):
        model.add(layer(50, activation="tanh", return_sequences=i < 3, **extra))
        model.add(keras.layers.Dropout(0.2))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer=keras.optimizers.Adam(0.001), loss="mse")
    batch = 20
    batches = -(-len(x) // batch)

    times = []

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t0 = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            times.append(time.perf_counter() - self.t0)

    model.fit(x, y, batch_size=batch, epochs=args.warmup + args.epochs, shuffle=True, verbose=0,
              callbacks=[Timer()])
    timed = [t * 1000 / batches for t in times[args.warmup :]]
    ms = statistics.median(timed)
    threads = args.threads or os.cpu_count()
    print(f"keras {keras.__version__} / tensorflow {tf.__version__} (CPU, {threads} threads), "
          f"{args.cell}: {ms:.1f} ms/batch (median of {len(timed)} epochs of {batches} batches: "
          f"{', '.join(f'{t:.1f}' for t in timed)})")
    print(json.dumps({"cell": args.cell, "msPerBatch": ms, "epochs": timed, "threads": threads,
                      "keras": keras.__version__, "tensorflow": tf.__version__}))


if __name__ == "__main__":
    sys.exit(main())
