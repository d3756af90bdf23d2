"""Bulk-loads N runs (the bench's search data) into an MLflow SQLite store, for bench:server.

Creating 10,000 runs through `mlflow server` takes tens of minutes (2 requests per run at its
~20-170 requests/s), so the rows are written with SQL into the schema MLflow itself created,
exactly as its SQL store would write them (runs, tags incl. mlflow.runName, params, metrics,
latest_metrics). Usage: python mlflow_populate.py <db path> <experiment name> <N>
"""

import sqlite3
import sys
import uuid

from mlflow.tracking import MlflowClient

db_path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = MlflowClient(tracking_uri=f"sqlite:///{db_path}")  # creates MLflow's schema
exp = client.create_experiment(name)
db = sqlite3.connect(db_path)
runs, tags, params, metrics = [], [], [], []
for i in range(n):
    rid = uuid.uuid4().hex
    runs.append((rid, f"run-{i}", "UNKNOWN", "", "", "bench", "FINISHED", 1_700_000_000_000 + i,
                 1_700_000_000_001 + i, "", "active", f"mlflow-artifacts:/{exp}/{rid}/artifacts", int(exp)))
    tags.append(("mlflow.runName", f"run-{i}", rid))
    for k in range(3):
        tags.append((f"t{k}", f"g{i % (k + 2)}", rid))
    for k in range(5):
        params.append((f"p{k}", str((i * (k + 1)) % 17), rid))
    for k in range(5):
        metrics.append(("acc" if k == 0 else f"m{k}", ((i * 7919 + k) % 1000) / 1000, 1, rid, 0, 0))
db.executemany("INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status,"
               " start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id)"
               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", runs)
db.executemany("INSERT INTO tags (key, value, run_uuid) VALUES (?,?,?)", tags)
db.executemany("INSERT INTO params (key, value, run_uuid) VALUES (?,?,?)", params)
db.executemany("INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?,?,?,?,?,?)", metrics)
db.executemany("INSERT INTO latest_metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?,?,?,?,?,?)",
               metrics)
db.commit()
print(exp)
