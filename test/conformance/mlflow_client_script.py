"""Exercises MLflow's Python client (fluent API and MlflowClient) against a tracking server and
writes a normalised transcript (ids replaced by stable names) as JSON.

Usage: python mlflow_client_script.py <tracking_uri> <scratch_dir>  (writes <scratch_dir>/transcript.json)
Run against `tunelab server` and a real `mlflow server`; the two transcripts must be equal.
"""

import json
import os
import sys

import mlflow
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException

uri, scratch = sys.argv[1], sys.argv[2]
mlflow.set_tracking_uri(uri)
client = MlflowClient(uri)
transcript = []
names = {}


def name_of(value, prefix):
    if value not in names:
        names[value] = f"{prefix}{sum(1 for v in names.values() if v.startswith(prefix))}"
    return names[value]


def norm(obj):
    """Replaces known ids by stable names everywhere (also inside URIs and tag values)."""
    if isinstance(obj, dict):
        return {k: norm(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [norm(v) for v in obj]
    if isinstance(obj, str):
        for raw, nice in sorted(names.items(), key=lambda kv: -len(kv[0])):
            if len(raw) >= 8:
                obj = obj.replace(raw, nice)
        return obj
    return obj


def exp_dict(e):
    return {
        "id": name_of(e.experiment_id, "E"),
        "name": e.name,
        "artifact_location": e.artifact_location.replace(f"/{e.experiment_id}", "/<E>"),
        "lifecycle_stage": e.lifecycle_stage,
        "tags": dict(sorted(e.tags.items())),
    }


SYSTEM_TIME_TAGS = set()


def run_dict(r):
    info = r.info
    return {
        "id": name_of(info.run_id, "R"),
        "name": info.run_name,
        "experiment": name_of(info.experiment_id, "E"),
        "status": info.status,
        "lifecycle_stage": info.lifecycle_stage,
        "has_end_time": info.end_time is not None,
        "artifact_uri": info.artifact_uri.replace(info.experiment_id + "/", "<E>/", 1),
        "params": dict(sorted(r.data.params.items())),
        "metrics": {k: v for k, v in sorted(r.data.metrics.items())},
        "tags": {k: v for k, v in sorted(r.data.tags.items()) if k not in SYSTEM_TIME_TAGS},
    }


def step(label, fn):
    try:
        value = fn()
        transcript.append({"step": label, "ok": norm(value)})
    except MlflowException as err:
        transcript.append({"step": label, "error": err.error_code})


def metric_list(ms):
    return [{"key": m.key, "value": m.value, "step": m.step, "timestamp": m.timestamp} for m in ms]


# ---- experiments
exp_id = client.create_experiment("conf-exp", tags={"team": "ml"})
name_of(exp_id, "E")
step("get_experiment", lambda: exp_dict(client.get_experiment(exp_id)))
step("get_experiment_by_name", lambda: exp_dict(client.get_experiment_by_name("conf-exp")))
step("get_experiment_by_name missing", lambda: client.get_experiment_by_name("no-such-exp"))
step("create duplicate", lambda: client.create_experiment("conf-exp"))
step("get unknown experiment", lambda: exp_dict(client.get_experiment("123456")))
step("set_experiment_tag", lambda: client.set_experiment_tag(exp_id, "stage", "dev"))
other = client.create_experiment("conf-other")
name_of(other, "E")
step("rename", lambda: client.rename_experiment(other, "conf-renamed"))
step("delete experiment", lambda: client.delete_experiment(other))
step(
    "search deleted experiments",
    lambda: [exp_dict(e) for e in client.search_experiments(view_type=2)],
)
step("restore experiment", lambda: client.restore_experiment(other))
step(
    "search experiments filter",
    lambda: [e.name for e in client.search_experiments(filter_string="name LIKE 'conf-%'", order_by=["name ASC"])],
)

# ---- fluent API: nested runs, params, metrics with steps, tags
mlflow.set_experiment("conf-exp")
with mlflow.start_run(run_name="parent") as parent:
    name_of(parent.info.run_id, "R")
    mlflow.log_param("depth", 6)
    mlflow.log_params({"lr": 0.1, "loss": "rmse"})
    for s in range(5):
        mlflow.log_metric("rmse", 1.0 / (s + 1), step=s, timestamp=1_700_000_000_000 + s)
    mlflow.set_tag("phase", "train")
    mlflow.set_tags({"a": "1", "b": "2"})
    mlflow.delete_tag("b")
    for i in range(3):
        with mlflow.start_run(run_name=f"child-{i}", nested=True) as child:
            name_of(child.info.run_id, "R")
            mlflow.log_param("fold", i)
            mlflow.log_metric("acc", 0.5 + i / 10, step=1, timestamp=1_700_000_000_000)
            mlflow.log_metric("nan_metric", float("nan"), step=0, timestamp=1_700_000_000_000)
parent_id = parent.info.run_id
step("get parent run", lambda: run_dict(client.get_run(parent_id)))
step(
    "metric history",
    lambda: metric_list(client.get_metric_history(parent_id, "rmse")),
)
step("metric history unknown key", lambda: metric_list(client.get_metric_history(parent_id, "nope")))

# ---- MlflowClient: log_batch, param overwrite, unknown run
run = client.create_run(exp_id, run_name="batch", start_time=1_700_000_000_000)
rid = run.info.run_id
name_of(rid, "R")
step(
    "log_batch",
    lambda: client.log_batch(
        rid,
        metrics=[Metric("m", float(i), 1_700_000_000_000 + i, i) for i in range(50)],
        params=[Param("p1", "a"), Param("p2", "b")],
        tags=[RunTag("t1", "x")],
    ),
)
step("param overwrite", lambda: client.log_param(rid, "p1", "changed"))
step("param same value", lambda: client.log_param(rid, "p1", "a"))
step("batch run", lambda: run_dict(client.get_run(rid)))
step("batch history", lambda: len(client.get_metric_history(rid, "m")))
def log_and_get_inputs():
    from mlflow.entities import Dataset, DatasetInput, InputTag

    train = Dataset("train", "abc123", "local", '{"uri": "train.csv"}', '{"cols": 3}', '{"rows": 10}')
    client.log_inputs(
        rid,
        datasets=[
            DatasetInput(train, [InputTag("mlflow.data.context", "training")]),
            DatasetInput(Dataset("test", "d2", "local", "{}"), []),
        ],
    )
    client.log_inputs(rid, datasets=[DatasetInput(train, [InputTag("other", "x")])])  # not added twice
    return [
        {
            "dataset": [i.dataset.name, i.dataset.digest, i.dataset.source_type, i.dataset.source,
                        i.dataset.schema, i.dataset.profile],
            "tags": [(t.key, t.value) for t in i.tags],
        }
        for i in client.get_run(rid).inputs.dataset_inputs
    ]


step("log_inputs then get_run inputs", log_and_get_inputs)
step("unknown run", lambda: run_dict(client.get_run("0" * 32)))
step("log to unknown run", lambda: client.log_metric("f" * 32, "m", 1.0))
step("terminate", lambda: client.set_terminated(rid, "FAILED"))
step("terminated run", lambda: run_dict(client.get_run(rid)))

# ---- artifacts through the proxy
src = os.path.join(scratch, "src")
os.makedirs(os.path.join(src, "sub"), exist_ok=True)
with open(os.path.join(src, "a.txt"), "w") as fh:
    fh.write("hello artifacts")
with open(os.path.join(src, "sub", "b.json"), "w") as fh:
    json.dump({"x": 1}, fh)
client.log_artifact(rid, os.path.join(src, "a.txt"))
client.log_artifacts(rid, src, artifact_path="dir")
step("list artifacts root", lambda: [(f.path, f.is_dir, f.file_size) for f in client.list_artifacts(rid)])
step("list artifacts dir", lambda: [(f.path, f.is_dir, f.file_size) for f in client.list_artifacts(rid, "dir")])
step("list artifacts sub", lambda: [(f.path, f.is_dir, f.file_size) for f in client.list_artifacts(rid, "dir/sub")])


def download():
    dst = os.path.join(scratch, "dl")
    os.makedirs(dst, exist_ok=True)
    local = client.download_artifacts(rid, "dir", dst)
    out = {}
    for root, _dirs, files in os.walk(local):
        for f in files:
            with open(os.path.join(root, f)) as fh:
                out[os.path.relpath(os.path.join(root, f), local)] = fh.read()
    return dict(sorted(out.items()))


step("download artifacts", download)
step("load_text", lambda: mlflow.artifacts.load_text(f"runs:/{rid}/a.txt"))

# ---- search_runs: filters, order_by, pagination
for i in range(7):
    r = client.create_run(exp_id, run_name=f"s{i}", start_time=1_700_000_100_000 + i)
    name_of(r.info.run_id, "R")
    client.log_metric(r.info.run_id, "score", i % 4, timestamp=1_700_000_000_000)
    client.log_param(r.info.run_id, "kind", "even" if i % 2 == 0 else "odd")


def ids(runs):
    return [name_of(r.info.run_id, "R") for r in runs]


step(
    "search filter+order",
    lambda: ids(
        client.search_runs(
            [exp_id], filter_string="metrics.score >= 1 and params.kind = 'even'", order_by=["metrics.score DESC"]
        )
    ),
)
step(
    "search order by name",
    lambda: ids(client.search_runs([exp_id], filter_string="attributes.run_name LIKE 's%'", order_by=["attributes.run_name ASC"])),
)


def paged():
    pages = []
    token = None
    while True:
        page = client.search_runs(
            [exp_id], filter_string="params.kind != ''", order_by=["metrics.score ASC", "attributes.run_name ASC"], max_results=3, page_token=token
        )
        pages.append(ids(page))
        token = page.token
        if not token:
            return pages


step("search pagination", paged)
step("search bad filter", lambda: ids(client.search_runs([exp_id], filter_string="metrics.score >> 1")))
step("search nested children", lambda: sorted(ids(client.search_runs([exp_id], filter_string=f"tags.mlflow.parentRunId = '{parent_id}'"))))
step("fluent search_runs count", lambda: len(mlflow.search_runs([exp_id], output_format="list")))

# ---- delete / restore
step("delete run", lambda: client.delete_run(rid))
step("deleted run", lambda: run_dict(client.get_run(rid)))
step("log to deleted run", lambda: client.log_metric(rid, "m", 1.0))
step("search deleted only", lambda: ids(client.search_runs([exp_id], run_view_type=2)))
step("restore run", lambda: client.restore_run(rid))
step("restored run stage", lambda: client.get_run(rid).info.lifecycle_stage)

with open(os.path.join(scratch, "transcript.json"), "w") as fh:
    json.dump(transcript, fh, indent=1, sort_keys=True)
