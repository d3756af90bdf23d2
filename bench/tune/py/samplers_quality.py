"""Optuna side of tunelab's sampler benchmarks (bench/tune/samplers-quality.ts, bench/tune/multi-objective.ts).

Runs Optuna's TPESampler and GPSampler (100 trials), CmaEsSampler (200 trials, continuous functions)
on the anchor suite, and NSGAIISampler and TPESampler (MOTPE; 200 trials) on ZDT1, ZDT2 (30 dims)
and a 2-objective mixed space, for seeds 0..N-1, and writes the results as JSON (cached: the TypeScript benchmark reads them).

    $TUNELAB_VENV/bin/python bench/tune/py/samplers_quality.py --seeds 10 --out bench/results/optuna-samplers.json

The anchor objectives are imported from $TUNELAB_SHARED/anchors/optuna/objectives.py.
Optuna's GPSampler needs torch and its CmaEsSampler needs cmaes in the venv
(`pip install torch cmaes`; a CPU torch wheel is enough). Set OMP_NUM_THREADS=1 on a shared
machine. `--only gp --seed-start 5 --out ...` splits the slow GP runs over processes; the TS
benchmarks merge optuna-samplers.json, optuna-gp.json, optuna-gp-b.json and optuna-motpe.json
(`--only motpe --out bench/results/optuna-motpe.json`).
"""

import argparse
import datetime
import json
import math
import os
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("TUNELAB_SHARED", os.path.join(HERE, "..", "..", "..", "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "anchors", "optuna"))

SINGLE = [("tpe", 100), ("gp", 100), ("cmaes", 200)]
MO_PROBLEMS = ["zdt1", "zdt2", "mixed2"]
MO_TRIALS = 200
MO_REF = {"zdt1": [11.0, 11.0], "zdt2": [11.0, 11.0], "mixed2": [100.0, 100.0]}
_OFF1 = {"a": 1.0, "b": 0.5, "c": 0.0, "d": 2.0}
_OFF2 = {"a": 0.0, "b": 0.5, "c": 1.0, "d": 2.0}


def zdt(kind):
    def objective(trial):
        x = [trial.suggest_float("x%d" % i, 0.0, 1.0) for i in range(30)]
        f1 = x[0]
        g = 1.0 + 9.0 * sum(x[1:]) / 29.0
        h = 1.0 - math.sqrt(f1 / g) if kind == 1 else 1.0 - (f1 / g) ** 2
        return f1, g * h
    return objective


def mixed2(trial):
    x = trial.suggest_float("x", -5.0, 5.0)
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    depth = trial.suggest_int("depth", 1, 20)
    kind = trial.suggest_categorical("kind", ["a", "b", "c", "d"])
    u, v = x - 1.3, math.log10(lr) + 2.0
    f1 = u * u + v * v + 0.5 * u * v + 0.05 * (depth - 7) ** 2 + _OFF1[kind]
    p, q = x + 1.3, math.log10(lr) + 4.0
    f2 = p * p + q * q + 0.05 * (depth - 12) ** 2 + _OFF2[kind]
    return f1, f2


def run_single(optuna, objectives, sampler_name, n, fkey, seed):
    s = optuna.samplers
    sampler = {"tpe": lambda: s.TPESampler(seed=seed), "gp": lambda: s.GPSampler(seed=seed),
               "cmaes": lambda: s.CmaEsSampler(seed=seed)}[sampler_name]()
    spec = objectives.OBJECTIVES[fkey]
    t0 = time.perf_counter()
    study = optuna.create_study(direction="minimize", sampler=sampler)
    study.optimize(objectives.make_objective(fkey), n_trials=n)
    wall = time.perf_counter() - t0
    best, hist = math.inf, {}
    for i, t in enumerate(study.trials, 1):
        best = min(best, t.value)
        if i % 10 == 0:
            hist[str(i)] = best
    return {"sampler": sampler_name, "function": fkey, "seed": seed, "n_trials": n,
            "best_value": study.best_value, "regret": study.best_value - spec["optimum"],
            "best_so_far_every_10": hist, "wall_s": wall}


def run_mo(optuna, problem, seed, sampler_name="nsga2"):
    objective = {"zdt1": zdt(1), "zdt2": zdt(2), "mixed2": mixed2}[problem]
    sampler = {"nsga2": optuna.samplers.NSGAIISampler, "motpe": optuna.samplers.TPESampler}[sampler_name](seed=seed)
    t0 = time.perf_counter()
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(objective, n_trials=MO_TRIALS)
    wall = time.perf_counter() - t0
    import numpy as np
    from optuna._hypervolume import compute_hypervolume
    ref = np.array(MO_REF[problem])
    hv = {}
    for k in (50, 100, 150, 200):
        pts = np.array([t.values for t in study.trials[:k] if t.values is not None])
        pts = pts[(pts < ref).all(axis=1)]
        hv[str(k)] = float(compute_hypervolume(pts, ref)) if len(pts) else 0.0
    front = [list(t.values) for t in study.best_trials]
    return {"sampler": sampler_name, "problem": problem, "seed": seed, "n_trials": MO_TRIALS,
            "hypervolume": hv, "front": front, "wall_s": wall}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--seed-start", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "..", "results", "optuna-samplers.json"))
    ap.add_argument("--only", default=None, help="comma-separated subset of tpe,gp,cmaes,nsga2,motpe")
    args = ap.parse_args()
    import optuna
    import objectives
    warnings.filterwarnings("ignore")
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    data = {"meta": {}, "single": [], "multi": []}
    if os.path.exists(args.out):
        with open(args.out) as fh:
            data = json.load(fh)
    done = {(r["sampler"], r["function"], r["seed"]) for r in data["single"]}
    done |= {(r["sampler"], r["problem"], r["seed"]) for r in data["multi"]}
    data["meta"].update({
        "optuna": optuna.__version__, "python": sys.version.split()[0], "seeds": args.seeds,
        "mo_reference_points": MO_REF, "mo_trials": MO_TRIALS,
        "single_budgets": dict(SINGLE),
    })
    data["meta"].setdefault("measured_utc", [])
    data["meta"]["measured_utc"].append(datetime.datetime.utcnow().isoformat(timespec="seconds") + "Z")

    def save():
        tmp = args.out + ".tmp"
        with open(tmp, "w") as fh:
            json.dump(data, fh, indent=0)
        os.replace(tmp, args.out)

    for seed in range(args.seed_start, args.seeds):
        for name, n in SINGLE:
            if args.only and name not in args.only.split(","):
                continue
            for fkey, spec in objectives.OBJECTIVES.items():
                if name == "cmaes" and not spec["continuous"]:
                    continue
                if (name, fkey, seed) in done:
                    continue
                r = run_single(optuna, objectives, name, n, fkey, seed)
                data["single"].append(r)
                print("%-6s %-12s seed=%d best=%.6g (%.1fs)" % (name, fkey, seed, r["best_value"], r["wall_s"]), flush=True)
                save()
        for mo_sampler in ("nsga2", "motpe"):
            if args.only is not None and mo_sampler not in args.only.split(","):
                continue
            for problem in MO_PROBLEMS:
                if (mo_sampler, problem, seed) in done:
                    continue
                r = run_mo(optuna, problem, seed, mo_sampler)
                data["multi"].append(r)
                print("%-6s %-12s seed=%d hv=%.6g (%.1fs)" % (mo_sampler, problem, seed, r["hypervolume"]["200"], r["wall_s"]), flush=True)
                save()
    save()


if __name__ == "__main__":
    main()
