"""Optuna side of bench:tune-overhead: one JSON line per N with wall and CPU ms/trial over the last 100 trials."""
import json
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def objective(trial):
    return sum(trial.suggest_float("x%d" % i, -10, 10) ** 2 for i in range(5))


for n in [int(x) for x in sys.argv[1].split(",")]:
    for name, make in (("optuna_tpe", lambda: optuna.samplers.TPESampler(seed=0)),
                       ("optuna_random", lambda: optuna.samplers.RandomSampler(seed=0))):
        stamps, cpu = [], []

        def stamp(s, t):
            stamps.append(time.perf_counter())
            cpu.append(time.process_time())

        study = optuna.create_study(sampler=make())
        t0, c0 = time.perf_counter(), time.process_time()
        study.optimize(objective, n_trials=n, callbacks=[stamp])
        total = time.perf_counter() - t0
        k = min(100, n)
        start = stamps[n - k - 1] if n > k else t0
        cstart = cpu[n - k - 1] if n > k else c0
        print(json.dumps(dict(who=name, n=n, last100=(stamps[-1] - start) / k * 1000,
                              cpuLast100=(cpu[-1] - cstart) / k * 1000, mean=total / n * 1000)), flush=True)
