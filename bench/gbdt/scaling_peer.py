"""XGBoost side of bench/gbdt/scaling.bench.ts: the anchors' scaling recipe (resample + noise),
reference preprocessing, 200 rounds of hist, nthread 1. Prints JSON: train wall and CPU seconds.

Usage: python scaling_peer.py <train.csv> <rows> [rounds (default 200)]
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler

DROP = ["Id", "Alley", "PoolQC", "Fence", "MiscFeature", "SalePrice"]


def synth(X, y, n, seed=0):
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(X), size=n)
    cols = {}
    for c in X.columns:
        v = X[c].to_numpy()[idx]
        if not pd.api.types.is_numeric_dtype(X[c]):
            v = v.copy()
            swap = rng.random(n) < 0.05
            v[swap] = X[c].to_numpy()[rng.integers(0, len(X), size=int(swap.sum()))]
            cols[c] = v
        else:
            v = v.astype(np.float64)
            sd = np.nanstd(X[c].to_numpy(dtype=np.float64))
            v = v + rng.normal(0.0, 0.05 * sd if sd > 0 else 0.0, size=n)
            if pd.api.types.is_integer_dtype(X[c].dtype):
                v = np.round(v)
            cols[c] = v
    return pd.DataFrame(cols, columns=X.columns), y[idx] + rng.normal(0.0, 0.05, size=n)


def main():
    df = pd.read_csv(sys.argv[1])
    n = int(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    y = np.log1p(df["SalePrice"].to_numpy(dtype=np.float64))
    X, ys = synth(df.drop(columns=DROP), y, n)
    cat = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
    num = [c for c in X.columns if c not in cat]
    out = pd.DataFrame(MinMaxScaler().fit_transform(SimpleImputer(strategy="most_frequent").fit_transform(X[num])), columns=num)
    for c in cat:
        out[c] = X[c].fillna("None").astype(str).astype("category")
    dm = xgb.DMatrix(out, label=ys, enable_categorical=True, nthread=1)
    params = {"objective": "reg:squarederror", "tree_method": "hist", "max_depth": 6, "eta": 0.05,
              "subsample": 0.8, "reg_lambda": 1.0, "seed": 0, "nthread": 1}
    c0, t0 = time.process_time(), time.perf_counter()
    xgb.train(params, dm, num_boost_round=rounds)
    json.dump({"version": xgb.__version__, "wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0}, sys.stdout)


if __name__ == "__main__":
    main()
