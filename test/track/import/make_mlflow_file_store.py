"""Writes an MLflow file store with MLflow itself, then prints what MLflow reads back (JSON).

Usage: python make_mlflow_file_store.py <folder>. The test imports <folder>/mlruns into tunelab
and compares with this JSON. MLflow >= 3.13 needs MLFLOW_ALLOW_FILE_STORE=true (set here).
"""
import json
import math
import os
import sys

os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
import mlflow  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

folder = sys.argv[1]
os.chdir(folder)
uri = "file://" + os.path.join(folder, "mlruns")
mlflow.set_tracking_uri(uri)
client = MlflowClient(uri)

exp = mlflow.set_experiment("import-demo")
client.set_experiment_tag(exp.experiment_id, "team", "ml")
with mlflow.start_run(run_name="parent") as parent:
    mlflow.log_params({"lr": 0.1, "depth": 6, "name": "xgb"})
    for step in range(5):
        mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
    mlflow.log_metric("train/acc", float("nan"))
    mlflow.log_metric("big", float("inf"))
    mlflow.set_tag("note", "multi\nline")
    with open("model.txt", "w") as f:
        f.write("weights")
    mlflow.log_artifact("model.txt", "model")
    with mlflow.start_run(run_name="child", nested=True):
        mlflow.log_metric("x", -2.5, step=3)
with mlflow.start_run(run_name="failed") as failed:
    mlflow.log_param("p", "v")
    mlflow.end_run("FAILED")
with mlflow.start_run(run_name="gone") as gone:
    pass
client.delete_run(gone.info.run_id)
old = client.create_experiment("old-exp")
r = client.create_run(old, run_name="in-old")
client.log_metric(r.info.run_id, "m", 3.0)
client.set_terminated(r.info.run_id)
client.delete_experiment(old)
with mlflow.start_run(experiment_id="0", run_name="default-run"):
    mlflow.log_metric("d", 1.0)


def num(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    if isinstance(v, float) and math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


out = {"experiments": [], "runs": []}
for e in client.search_experiments(view_type=3):
    out["experiments"].append({"id": e.experiment_id, "name": e.name, "stage": e.lifecycle_stage, "tags": dict(e.tags)})
    for run in client.search_runs([e.experiment_id], run_view_type=3):
        hist = {}
        for key in run.data.metrics:
            hist[key] = [[m.step, m.timestamp, num(m.value)] for m in client.get_metric_history(run.info.run_id, key)]
        out["runs"].append({
            "experiment": e.name,
            "run_id": run.info.run_id,
            "run_name": run.info.run_name,
            "status": run.info.status,
            "start_time": run.info.start_time,
            "end_time": run.info.end_time,
            "stage": run.info.lifecycle_stage,
            "user_id": run.info.user_id,
            "params": dict(run.data.params),
            "tags": dict(run.data.tags),
            "metrics": {k: num(v) for k, v in run.data.metrics.items()},
            "history": hist,
        })
print(json.dumps(out))
