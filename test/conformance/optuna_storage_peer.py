"""Python Optuna side of test/conformance/optuna-storage.test.ts.

Usage: python optuna_storage_peer.py create   <url> <study>   # an Optuna-made study with every kind of data
       python optuna_storage_peer.py dump     <url> <study>   # the study as Optuna reads it, as JSON
       python optuna_storage_peer.py continue <url> <study> <n>  # run n more trials (takes WAITING trials first)
       python optuna_storage_peer.py distjson <url>           # each stored distribution_json re-serialised by Optuna
"""

import json
import math
import sys
import warnings

import optuna
from optuna.distributions import distribution_to_json, json_to_distribution

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)


def objective(trial):
    x = trial.suggest_float("x", -5, 5)
    n = trial.suggest_int("n", 1, 64, log=True)
    s = trial.suggest_float("s", 0, 1, step=0.25)
    c = trial.suggest_categorical("c", ["a", None, 1.5, True])
    trial.report(x * x, 0)
    trial.report(float("nan"), 1)
    trial.set_user_attr("from", "python")
    return x * x + n + s + (1 if c is None else 0)


def create(url, name):
    study = optuna.create_study(storage=url, study_name=name, direction="minimize",
                                sampler=optuna.samplers.RandomSampler(seed=3))
    study.set_user_attr("owner", {"team": "py", "tags": ["a", 1]})
    study.optimize(objective, n_trials=4)

    def pruned(trial):
        trial.suggest_float("x", -5, 5)
        trial.report(float("inf"), 0)
        raise optuna.TrialPruned()

    study.optimize(pruned, n_trials=1)

    def failing(trial):
        trial.suggest_float("x", -5, 5)
        raise ValueError("boom")

    study.optimize(failing, n_trials=1, catch=(ValueError,))
    study.enqueue_trial({"x": 1.25, "c": "a"}, user_attrs={"enqueued": True})
    mo = optuna.create_study(storage=url, study_name=name + "-mo", directions=["minimize", "maximize"])
    mo.add_trial(optuna.trial.create_trial(values=[float("inf"), -float("inf")],
                                           params={"x": 0.5}, distributions={"x": optuna.distributions.FloatDistribution(0, 1)}))


def num(v):
    if v is None:
        return None
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def dump(url, name):
    study = optuna.load_study(storage=url, study_name=name)
    out = {
        "directions": [d.name for d in study.directions],
        "user_attrs": study.user_attrs,
        "trials": [],
    }
    for t in study.get_trials(deepcopy=False):
        out["trials"].append({
            "number": t.number,
            "state": t.state.name,
            "values": None if t.values is None else [num(v) for v in t.values],
            "params": t.params,
            "distributions": {k: distribution_to_json(d) for k, d in t.distributions.items()},
            "user_attrs": t.user_attrs,
            "system_attrs": t.system_attrs,
            "intermediate_values": [[k, num(v)] for k, v in sorted(t.intermediate_values.items())],
            "datetime_start": t.datetime_start.isoformat(timespec="microseconds") if t.datetime_start else None,
            "datetime_complete": t.datetime_complete.isoformat(timespec="microseconds") if t.datetime_complete else None,
        })
    print(json.dumps(out))


def cont(url, name, n):
    study = optuna.load_study(storage=url, study_name=name, sampler=optuna.samplers.TPESampler(seed=1))
    study.optimize(objective, n_trials=n)
    print(json.dumps({"n_trials": len(study.trials), "best_value": study.best_value}))


def distjson(url):
    storage = optuna.storages.RDBStorage(url)
    from sqlalchemy import text
    with storage.engine.connect() as conn:
        rows = conn.execute(text("select distribution_json from trial_params order by param_id")).fetchall()
    print(json.dumps([[r[0], distribution_to_json(json_to_distribution(r[0]))] for r in rows]))


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "create":
        create(url, sys.argv[3])
    elif mode == "dump":
        dump(url, sys.argv[3])
    elif mode == "continue":
        cont(url, sys.argv[3], int(sys.argv[4]))
    elif mode == "distjson":
        distjson(url)
