"""MLflow side of `npm run bench:track`: the same workloads with MLflow's own client on its
SQLite store (sqlite:///..., no server). Prints one JSON object of timings (seconds).

Usage: python mlflow_bench.py <workdir> <json config>
"""
import json
import os
import sqlite3
import statistics
import sys
import time
import uuid

import logging

logging.disable(logging.WARNING)
from mlflow.entities import Metric, Param  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

workdir, cfg = sys.argv[1], json.loads(sys.argv[2])
os.makedirs(workdir, exist_ok=True)
out = {}


def client_for(name):
    path = os.path.join(workdir, name + ".db")
    return MlflowClient(tracking_uri="sqlite:///" + path), path


def metric_value(i, k):
    # Integer hash, exact in Python and JavaScript alike.
    return ((i * 2654435761 + k * 40503) % 1000003) / 1000003


def param_value(i, k):
    return "v" + str((i * 7 + k * 13) % 10)


# 1. log_metric, one call at a time
c, _ = client_for("log_metric")
run = c.create_run("0")
times = []
for i in range(cfg["logMetricCalls"]):
    t = time.perf_counter()
    c.log_metric(run.info.run_id, "loss", 1.0 / (i + 1), step=i)
    times.append(time.perf_counter() - t)
out["logMetric"] = times

# 2. log_batch of 1000 metrics
c, _ = client_for("log_batch")
run = c.create_run("0")
times = []
for b in range(cfg["logBatchCalls"]):
    ms = [Metric(f"m{k % 50}", float(k), int(time.time() * 1000), b * 1000 + k) for k in range(1000)]
    t = time.perf_counter()
    c.log_batch(run.info.run_id, metrics=ms)
    times.append(time.perf_counter() - t)
out["logBatch"] = times

# 3. search_runs over R runs x M metrics x P params (rows inserted with SQL: populating through
# the client would take an hour; the search is what is measured)
c, path = client_for("search")
exp_id = c.create_experiment("search")
db = sqlite3.connect(path)


def insert(table, rows):
    cols = [r[1] for r in db.execute(f"pragma table_info({table})")]
    keys = list(rows[0].keys())
    for k in keys:
        assert k in cols, (table, k, cols)
    db.executemany(
        f"insert into {table} ({', '.join(keys)}) values ({', '.join('?' for _ in keys)})",
        [tuple(r[k] for k in keys) for r in rows],
    )


R, M, P = cfg["searchRuns"], cfg["searchMetrics"], cfg["searchParams"]
runs, metrics, latest, params, tags = [], [], [], [], []
ids = []
for i in range(R):
    rid = uuid.UUID(int=i + 1).hex
    ids.append(rid)
    runs.append(dict(run_uuid=rid, name=f"run-{i}", source_type="LOCAL", source_name="", entry_point_name="",
                     user_id="bench", status="FINISHED", start_time=1_700_000_000_000 + i, end_time=1_700_000_000_000 + i + 1,
                     source_version="", lifecycle_stage="active", artifact_uri=f"/tmp/{rid}", experiment_id=int(exp_id)))
    for k in range(M):
        v = metric_value(i, k)
        metrics.append(dict(key=f"m{k}", value=v, timestamp=1, run_uuid=rid, step=0, is_nan=False))
        latest.append(dict(key=f"m{k}", value=v, timestamp=1, step=0, is_nan=False, run_uuid=rid))
    for k in range(P):
        params.append(dict(key=f"p{k}", value=param_value(i, k), run_uuid=rid))
    tags.append(dict(key="mlflow.runName", value=f"run-{i}", run_uuid=rid))
insert("runs", runs)
insert("metrics", metrics)
insert("latest_metrics", latest)
insert("params", params)
insert("tags", tags)
db.commit()
db.close()
times, counts = [], []
for _ in range(cfg["searchRepeats"]):
    t = time.perf_counter()
    found = c.search_runs([exp_id], filter_string=cfg["filter"], order_by=cfg["orderBy"], max_results=cfg["maxResults"])
    times.append(time.perf_counter() - t)
    counts.append(len(found))
out["searchRuns"] = times
out["searchRunsCount"] = counts[0]
out["searchRunsFirst"] = [r.info.run_id for r in found[:5]]

# 4. metric history of H steps
c, _ = client_for("history")
run = c.create_run("0")
H = cfg["historySteps"]
for s in range(0, H, 1000):
    c.log_batch(run.info.run_id, metrics=[Metric("curve", float(k), 1, k) for k in range(s, min(H, s + 1000))])
times = []
for _ in range(cfg["historyRepeats"]):
    t = time.perf_counter()
    h = c.get_metric_history(run.info.run_id, "curve")
    times.append(time.perf_counter() - t)
    assert len(h) == H
out["history"] = times

import mlflow  # noqa: E402

out["version"] = mlflow.__version__
print(json.dumps(out))
