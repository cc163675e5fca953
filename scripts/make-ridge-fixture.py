#!/usr/bin/env python3
"""Reference numbers for the Linear baseline (src/model/core/baselines.test.ts) from scikit-learn.

Any Python with numpy, pandas and scikit-learn:
    python3 scripts/make-ridge-fixture.py
Writes test/fixtures/ridge.json. It prepares public/samples/sp500.csv's Open column as the app does
(first int(0.8 n) rows train, MinMaxScaler fitted on them, the series scaled and stored as float32,
windows of 40 rows), fits Ridge(alpha=1e-6 * n_train) on the train windows and records its
coefficients, intercept and test predictions in original units, and how many test values lie
outside the training range.
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.metrics import mean_squared_error
from sklearn.preprocessing import MinMaxScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
T = 40
SPLIT = 0.8

open_ = pd.read_csv(os.path.join(ROOT, "public", "samples", "sp500.csv"))["Open"].to_numpy(float)
n = len(open_)
split = int(SPLIT * n)
scaler = MinMaxScaler((0, 1)).fit(open_[:split].reshape(-1, 1))
scaled = scaler.transform(open_.reshape(-1, 1)).ravel().astype(np.float32).astype(np.float64)
X_train = np.stack([scaled[i - T : i] for i in range(T, split)])
y_train = scaled[T:split]
X_test = np.stack([scaled[i - T : i] for i in range(split, n)])
lam = 1e-6 * len(X_train)
ridge = Ridge(alpha=lam, fit_intercept=True, solver="cholesky").fit(X_train, y_train)
pred = scaler.inverse_transform(ridge.predict(X_test).reshape(-1, 1)).ravel()
actual = open_[split:]
out = {
    "timesteps": T,
    "trainSplit": SPLIT,
    "nTrain": len(X_train),
    "lambda": lam,
    "coef": ridge.coef_.tolist(),
    "intercept": float(ridge.intercept_),
    "testPredictions": pred.tolist(),
    "testRmse": float(np.sqrt(mean_squared_error(actual, pred))),
    "persistenceRmse": float(np.sqrt(mean_squared_error(actual, open_[split - 1 : n - 1]))),
    "testAboveTrainMax": int((actual > open_[:split].max()).sum()),
    "testBelowTrainMin": int((actual < open_[:split].min()).sum()),
    "nTest": len(actual),
}
with open(os.path.join(ROOT, "test", "fixtures", "ridge.json"), "w") as f:
    json.dump(out, f, indent=1)
print({k: v for k, v in out.items() if not isinstance(v, list)})
