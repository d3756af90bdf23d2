"""Optuna side of bench:tune-pruning: the anchor's learning-curve objective
(shared/anchors/optuna/pruning.py) with the paired streams of bench/tune/pruning-streams.ts
(same start-up trials, same step noise), for each pruner and seed; one JSON line per run.
The first line is a fingerprint of the streams and the first seed, which the TypeScript side checks.

    python optuna_pruning.py [n_seeds] [pruners] [seed_offset] [curves]   # seeds seed_offset..seed_offset+n_seeds-1

curves "parallel" gives every curve the same time constant (10 steps), so that the ranking at any
step is the final ranking; "anchor" (the default) keeps the anchor's crossing curves."""
import json
import math
import os
import sys

shared = os.environ.get("TUNELAB_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
sys.path.insert(0, os.path.join(shared, "anchors", "optuna"))
import optuna  # noqa: E402
from pruning import NOISE_SD, STEPS, clean_value, curve_params, make_pruner  # noqa: E402

N_TRIALS = 100
N_STARTUP = 10
MASK = (1 << 64) - 1


def splitmix64(key):
    z = (key + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def uniform(seed, trial, slot):
    key = (seed * 1_000_003 + trial) * 4099 + slot
    return ((splitmix64(key) >> 11) + 0.5) / 2**53


def step_noise(seed, trial, steps):
    out = []
    for t in range(1, steps + 1):
        u1, u2 = uniform(seed, trial, 2 * t), uniform(seed, trial, 2 * t + 1)
        out.append(math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return out


def startup_params(seed, trial):
    return {
        "lr": 10 ** (-4 + 4 * uniform(seed, trial, 0)),
        "dropout": 0.6 * uniform(seed, trial, 1),
        "width": min(1024, max(16, round(2 ** (4 + 6 * uniform(seed, trial, 4090))))),
        "optimizer": ["sgd", "rmsprop", "adam"][math.floor(3 * uniform(seed, trial, 4091))],
    }


def run_one(pruner_name, seed):
    steps_used = [0]
    clean_final = {}

    def objective(trial):
        lr = trial.suggest_float("lr", 1e-4, 1.0, log=True)
        dropout = trial.suggest_float("dropout", 0.0, 0.6)
        width = trial.suggest_int("width", 16, 1024, log=True)
        opt = trial.suggest_categorical("optimizer", ["sgd", "rmsprop", "adam"])
        a, tau = curve_params(lr, dropout, width, opt)
        if curves == "parallel":
            tau = 10.0
        noise = step_noise(seed, trial.number, STEPS)
        clean_final[trial.number] = clean_value(a, tau, STEPS)
        v = None
        for t in range(1, STEPS + 1):
            v = clean_value(a, tau, t) + NOISE_SD * noise[t - 1]
            steps_used[0] += 1
            trial.report(v, t)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return v

    study = optuna.create_study(study_name=f"pruning-{seed}", direction="minimize",
                                sampler=optuna.samplers.TPESampler(seed=seed), pruner=make_pruner(pruner_name))
    for n in range(N_STARTUP):
        study.enqueue_trial(startup_params(seed, n))
    trajectory = []  # [steps consumed, best value so far] after each trial
    best = [None]

    def record(study, trial):
        if trial.state == optuna.trial.TrialState.COMPLETE and (best[0] is None or trial.value < best[0]):
            best[0] = trial.value
        trajectory.append([steps_used[0], best[0]])

    study.optimize(objective, n_trials=N_TRIALS, callbacks=[record])
    return {
        "pruner": pruner_name, "seed": seed, "total_steps": steps_used[0],
        "n_pruned": sum(t.state == optuna.trial.TrialState.PRUNED for t in study.trials),
        "best_final_value": study.best_value, "best_trial_clean_final": clean_final[study.best_trial.number],
        "trajectory": trajectory,
    }


optuna.logging.set_verbosity(optuna.logging.WARNING)
seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
pruners = sys.argv[2].split(",") if len(sys.argv) > 2 else ["nop", "median", "successive_halving", "hyperband"]
seed_offset = int(sys.argv[3]) if len(sys.argv) > 3 else 0
curves = sys.argv[4] if len(sys.argv) > 4 else "anchor"
if curves not in ("anchor", "parallel"):
    sys.exit(f"curves must be anchor or parallel, got {curves!r}")
print(json.dumps({"fingerprint": [sum(step_noise(3, 7, STEPS)), startup_params(3, 7)], "seed_offset": seed_offset,
                  "curves": curves}), flush=True)
for pruner in pruners:
    for seed in range(seed_offset, seed_offset + seeds):
        print(json.dumps(run_one(pruner, seed)), flush=True)
