"""bench:ui reference side: the same runs as fill-runs.ts in an MLflow SQLite store.

usage: python mlflow_fill.py <sqlite-file> <artifact-root> <n>; prints the experiment id.

MLflow's client creates the store, the experiment and the first run; the other runs are written
with SQL in MLflow's own schema (rows shaped like the first run's), because MLflow's client logs
about 7 runs/s on this machine (10,000 would take 25 minutes).
"""
import sqlite3
import sys
import uuid

from mlflow.entities import Metric, Param
from mlflow.tracking import MlflowClient

path, artifacts, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
T0 = 1767225600000  # 2026-01-01 UTC, as in fill-runs.ts


def values(i):
    rmse = 0.5 + ((i * 7919) % n) / n
    params = [
        ("learning_rate", str(0.01 + (i % 10) / 100)),
        ("depth", str(4 + (i % 6))),
        ("l2_leaf_reg", str(1 + (i % 5))),
        ("loss", "RMSE" if i % 2 else "MAE"),
    ]
    metrics = [("rmse", rmse), ("mae", rmse * 0.8), ("r2", 1 - rmse / 2)]
    return params, metrics


client = MlflowClient(tracking_uri=f"sqlite:///{path}")
exp = client.create_experiment("bench-10k", artifact_location=artifacts)
run = client.create_run(exp, start_time=T0, run_name="trial-0")
params, metrics = values(0)
client.log_batch(
    run.info.run_id,
    params=[Param(k, v) for k, v in params],
    metrics=[Metric(k, v, T0 + 500, 0) for k, v in metrics],
)
client.set_terminated(run.info.run_id, "FINISHED", T0 + 900)

db = sqlite3.connect(path)
first = db.execute("select * from runs where run_uuid = ?", (run.info.run_id,)).fetchone()
cols = [r[1] for r in db.execute("pragma table_info(runs)")]
tags = db.execute("select key, value from tags where run_uuid = ?", (run.info.run_id,)).fetchall()
with db:
    for i in range(1, n):
        rid = uuid.uuid4().hex
        start = T0 + i * 1000
        row = dict(zip(cols, first))
        row.update(run_uuid=rid, name=f"trial-{i}", start_time=start, end_time=start + 900,
                   artifact_uri=f"{artifacts}/{rid}/artifacts")
        db.execute(f"insert into runs ({','.join(cols)}) values ({','.join('?' * len(cols))})",
                   [row[c] for c in cols])
        db.executemany("insert into tags (key, value, run_uuid) values (?, ?, ?)",
                       [(k, f"trial-{i}" if k == "mlflow.runName" else v, rid) for k, v in tags])
        params, metrics = values(i)
        db.executemany("insert into params (key, value, run_uuid) values (?, ?, ?)",
                       [(k, v, rid) for k, v in params])
        for table in ("metrics", "latest_metrics"):
            db.executemany(
                f"insert into {table} (key, value, timestamp, run_uuid, step, is_nan) values (?, ?, ?, ?, 0, 0)",
                [(k, v, start + 500, rid) for k, v in metrics])
print(exp)
