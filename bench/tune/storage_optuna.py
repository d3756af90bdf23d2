"""Optuna side of `npm run bench:tune-storage`: per-trial throughput of RDBStorage.

Usage: python storage_optuna.py single <sqlite|postgresql-url> <tpe|random> <n_trials>
       python storage_optuna.py worker <url> <study> <tpe|random> <n_trials> <seed>
Prints one JSON line. The objective is the anchor's instant one (sum of squares of 5 floats).
"""

import json
import sys
import time
import warnings


def objective(trial):
    return sum(trial.suggest_float("x%d" % i, -10.0, 10.0) ** 2 for i in range(5))


def sampler_for(name, seed):
    import optuna

    return optuna.samplers.TPESampler(seed=seed) if name == "tpe" else optuna.samplers.RandomSampler(seed=seed)


def main():
    import optuna

    warnings.filterwarnings("ignore")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    mode = sys.argv[1]
    if mode == "single":
        url, sampler, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
        study = optuna.create_study(storage=url, study_name="bench", sampler=sampler_for(sampler, 0))
        t0 = time.perf_counter()
        study.optimize(objective, n_trials=n)
        dt = time.perf_counter() - t0
        print(json.dumps({"trials": n, "seconds": dt, "optuna": optuna.__version__}))
    elif mode == "worker":
        url, name, sampler, n, seed = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
        study = optuna.load_study(study_name=name, storage=url, sampler=sampler_for(sampler, seed))
        print("READY", flush=True)
        sys.stdin.readline()
        t0 = time.time()
        study.optimize(objective, n_trials=n)
        print(json.dumps({"start": t0, "end": time.time()}), flush=True)


if __name__ == "__main__":
    main()
