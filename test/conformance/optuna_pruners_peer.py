"""Python Optuna side of test/conformance/optuna-pruners.test.ts.

Usage: python optuna_pruners_peer.py <seed> <n_trials> <steps>

Draws noisy learning curves (the anchor's model: fast learners look good early, slow ones end
better) with a few NaN reports, runs every pruner configuration below over them in trial order,
and prints one JSON object: the curves, and per configuration the step at which Optuna stopped
each trial (the last step when it ran to the end).
"""

import json
import math
import sys
import warnings

import numpy as np
import optuna
from optuna import pruners

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)

# name -> (direction, factory); tunelab's test builds the same configurations by name.
CONFIGS = {
    "median": ("minimize", lambda: pruners.MedianPruner()),
    "median-warmup": ("minimize", lambda: pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=10,
                                                               interval_steps=5, n_min_trials=4)),
    "median-maximize": ("maximize", lambda: pruners.MedianPruner()),
    "percentile-25": ("minimize", lambda: pruners.PercentilePruner(25.0)),
    "threshold": ("minimize", lambda: pruners.ThresholdPruner(upper=1.2, n_warmup_steps=5)),
    "patient-median": ("minimize", lambda: pruners.PatientPruner(pruners.MedianPruner(), patience=3,
                                                                  min_delta=0.01)),
    "sha-auto": ("minimize", lambda: pruners.SuccessiveHalvingPruner()),
    "sha-explicit": ("minimize", lambda: pruners.SuccessiveHalvingPruner(
        min_resource=5, reduction_factor=3, min_early_stopping_rate=1)),
    "sha-maximize": ("maximize", lambda: pruners.SuccessiveHalvingPruner(min_resource=2)),
    "hyperband": ("minimize", lambda: pruners.HyperbandPruner()),
    "hyperband-explicit": ("minimize", lambda: pruners.HyperbandPruner(
        min_resource=2, max_resource=60, reduction_factor=3)),
}


def curves(seed, n_trials, steps):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_trials):
        lr = 10 ** rng.uniform(-4, 0)
        dropout = rng.uniform(0, 0.6)
        a = 0.1 + 0.12 * (math.log10(lr) + 2.5) ** 2 + 1.5 * (dropout - 0.2) ** 2
        tau = min(max(6 * math.sqrt(0.01 / lr) * (1 + dropout), 1), 80)
        noise = rng.normal(0, 0.02, size=steps)
        c = [a + (2.5 - a) * math.exp(-t / tau) + float(noise[t - 1]) for t in range(1, steps + 1)]
        if rng.uniform() < 0.05:
            c[int(rng.integers(steps - 1))] = float("nan")  # never the final value
        out.append(c)
    return out


def run(name, data, steps):
    direction, make = CONFIGS[name]
    sign = 1 if direction == "minimize" else -1
    study = optuna.create_study(study_name=f"pruners-{name}", direction=direction, pruner=make(),
                                sampler=optuna.samplers.RandomSampler(seed=0))
    stops = []

    def objective(trial):
        c = data[trial.number]
        for t in range(1, steps + 1):
            trial.report(sign * c[t - 1], t)
            if trial.should_prune():
                stops.append(t)
                raise optuna.TrialPruned()
        stops.append(steps)
        return sign * c[-1]

    study.optimize(objective, n_trials=len(data))
    return {"direction": direction, "stops": stops}


def main():
    seed, n_trials, steps = (int(a) for a in sys.argv[1:4])
    data = curves(seed, n_trials, steps)
    # NaN is not JSON: send it as null.
    print(json.dumps({
        "curves": [[None if math.isnan(v) else v for v in c] for c in data],
        "configs": {name: run(name, data, steps) for name in CONFIGS},
    }))


if __name__ == "__main__":
    main()
