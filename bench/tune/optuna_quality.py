"""Optuna side of `npm run bench:tune-quality`: best value per (objective, sampler, seed).

Uses the anchor's objectives (shared/anchors/optuna/objectives.py) so both sides optimise the
same functions. Usage: python optuna_quality.py OUT.json [--trials 100] [--seeds 10]
"""
import json
import os
import sys
import time

import optuna

shared = os.environ.get("TUNELAB_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
sys.path.insert(0, os.path.join(shared, "anchors", "optuna"))
from objectives import OBJECTIVES, make_objective  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.WARNING)


def main():
    out = sys.argv[1]
    trials = int(sys.argv[sys.argv.index("--trials") + 1]) if "--trials" in sys.argv else 100
    seeds = int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 10
    samplers = {
        "optuna_tpe": lambda s: optuna.samplers.TPESampler(seed=s),
        "optuna_random": lambda s: optuna.samplers.RandomSampler(seed=s),
    }
    rows = []
    for key in OBJECTIVES:
        for name, make in samplers.items():
            for seed in range(seeds):
                study = optuna.create_study(sampler=make(seed))
                t0 = time.perf_counter()
                study.optimize(make_objective(key), n_trials=trials)
                rows.append(dict(objective=key, sampler=name, seed=seed, best=study.best_value,
                                 seconds=time.perf_counter() - t0))
                print(key, name, seed, study.best_value, file=sys.stderr)
    with open(out, "w") as f:
        json.dump(dict(optuna=optuna.__version__, trials=trials, rows=rows), f, indent=1)


main()
