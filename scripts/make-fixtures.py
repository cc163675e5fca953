#!/usr/bin/python3
"""Computes reference numbers for src/model tests with pandas and scikit-learn.

Run with Debian's interpreter (it has python3-pandas and python3-sklearn):
    /usr/bin/python3 scripts/make-fixtures.py
Writes test/fixtures/pandas.json and sklearn.json (then formats them with prettier).
The JSON is committed; tests read it, so this script is not needed at test time. NaN is written
as null. Inputs: public/samples/{sp500,sine}.csv and the hand-made CSVs in test/fixtures/.
"""
import json
import math
import os
import subprocess

import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "test", "fixtures")
# The app's missing markers: pandas' defaults plus "-" (pandas' own list is case-sensitive,
# ours is not, so the case variants used in the fixtures are listed too).
NA = ["-", "n/a", "NULL", "null", "NA", "NaN", "N/A"]
FILES = {
    "sp500": os.path.join(ROOT, "public", "samples", "sp500.csv"),
    "sine": os.path.join(ROOT, "public", "samples", "sine.csv"),
    "gaps": os.path.join(FIX, "gaps.csv"),
    "constant": os.path.join(FIX, "constant.csv"),
    "newest_first": os.path.join(FIX, "newest_first.csv"),
    "thousands": os.path.join(FIX, "thousands.csv"),
}


def clean(v):
    """JSON-safe scalar: NaN -> None, numpy -> Python."""
    if isinstance(v, (np.floating, float)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer, int)):
        return int(v)
    return v


def describe(df):
    out = {}
    for col in df.select_dtypes("number").columns:
        d = df[col].describe()
        out[col] = {
            "count": clean(d["count"]),
            "mean": clean(d["mean"]),
            "std": clean(d["std"]),
            "min": clean(d["min"]),
            "q25": clean(d["25%"]),
            "q50": clean(d["50%"]),
            "q75": clean(d["75%"]),
            "max": clean(d["max"]),
        }
    return out


def pandas_fixtures():
    out = {}
    for key, path in FILES.items():
        df = pd.read_csv(path, na_values=NA, thousands=",")
        out[key] = {
            "file": os.path.relpath(path, ROOT),
            "shape": list(df.shape),
            "isna": {c: int(n) for c, n in df.isna().sum().items()},
            "describe": describe(df),
            "head": [[clean(v) for v in row] for row in df.head().itertuples(index=False)],
            "columns": list(df.columns),
        }
    return out


def scaler_case(series, split):
    series = np.asarray(series, dtype=float)
    n_train = int(split * len(series))
    sc = MinMaxScaler(feature_range=(0, 1)).fit(series[:n_train].reshape(-1, 1))
    test = series[n_train:].reshape(-1, 1)
    return {
        "series": series.tolist(),
        "split": split,
        "nTrain": n_train,
        "dataMin": float(sc.data_min_[0]),
        "dataMax": float(sc.data_max_[0]),
        "scale": float(sc.scale_[0]),
        "min": float(sc.min_[0]),
        "trainScaled": sc.transform(series[:n_train].reshape(-1, 1)).ravel().tolist(),
        "testScaled": sc.transform(test).ravel().tolist(),
    }


def sklearn_fixtures():
    sp = pd.read_csv(FILES["sp500"])
    return {
        "small": scaler_case([3, 1, 4, 1, 5, 9, 2, 6, 5, 3.5], 0.8),
        "constant": scaler_case([7.25] * 10, 0.8),
        "sp500Open": {
            k: v
            for k, v in scaler_case(sp["Open"].to_numpy(), 0.8).items()
            if k not in ("series", "trainScaled")
        },
    }


def main():
    for name, data in (("pandas.json", pandas_fixtures()), ("sklearn.json", sklearn_fixtures())):
        with open(os.path.join(FIX, name), "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
        print("wrote", os.path.join(FIX, name))
    # Keep the committed JSON in the repository's prettier style (skipped when npx is missing).
    try:
        subprocess.run(["npx", "prettier", "--write", "test/fixtures/*.json"], cwd=ROOT, check=False)
    except FileNotFoundError:
        print("npx not found: run `npx prettier --write test/fixtures` yourself")


if __name__ == "__main__":
    main()
