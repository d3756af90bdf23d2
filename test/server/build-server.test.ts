import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serverFixture } from "./server-fixture.js";

type Fixture = Awaited<ReturnType<typeof serverFixture>>;
let f: Fixture;
beforeEach(async () => {
  f = await serverFixture();
});
afterEach(async () => {
  await f.close();
});

const T0 = 1_700_000_000_000;
async function newRun(experimentId = "0", extra: Record<string, unknown> = {}) {
  const r = await f.call("POST", "runs/create", { experiment_id: experimentId, start_time: T0, ...extra });
  expect(r.status).toBe(200);
  return (r.json.run as { info: { run_id: string } }).info.run_id;
}

describe("MLflow REST API shapes", () => {
  it("POST experiments/create then GET experiments/get answers MLflow's experiment JSON", async () => {
    const c = await f.call("POST", "experiments/create", {
      name: "wire-exp",
      tags: [{ key: "k", value: "v" }],
    });
    expect(c.status).toBe(200);
    const id = c.json.experiment_id as string;
    expect(typeof id).toBe("string");
    const g = await f.call("GET", `experiments/get?experiment_id=${id}`);
    expect(g.json).toEqual({
      experiment: {
        experiment_id: id,
        name: "wire-exp",
        artifact_location: `mlflow-artifacts:/${id}`,
        lifecycle_stage: "active",
        last_update_time: expect.any(Number),
        creation_time: expect.any(Number),
        tags: [{ key: "k", value: "v" }],
      },
    });
    const dup = await f.call("POST", "experiments/create", { name: "wire-exp" });
    expect(dup).toMatchObject({
      status: 400,
      json: { error_code: "RESOURCE_ALREADY_EXISTS", message: "Experiment 'wire-exp' already exists." },
    });
  });

  it("runs/create answers a RUNNING run with mlflow.runName, empty inputs, no outputs and no empty lists", async () => {
    const r = await f.call("POST", "runs/create", {
      experiment_id: "0",
      run_name: "r1",
      start_time: T0,
      tags: [{ key: "t", value: "1" }],
    });
    const run = r.json.run as Record<string, Record<string, unknown>>;
    expect(run.info).toMatchObject({
      run_name: "r1",
      experiment_id: "0",
      status: "RUNNING",
      start_time: T0,
      lifecycle_stage: "active",
    });
    expect(run.info?.run_uuid).toBe(run.info?.run_id);
    expect(run.info?.artifact_uri).toBe(`mlflow-artifacts:/0/${run.info?.run_id}/artifacts`);
    expect(run.info).not.toHaveProperty("end_time");
    expect(run.data).toEqual({
      tags: expect.arrayContaining([
        { key: "t", value: "1" },
        { key: "mlflow.runName", value: "r1" },
      ]),
    });
    expect(run.inputs).toEqual({});
    expect(run).not.toHaveProperty("outputs"); // as MLflow 3.17 answers runs/create
    const got = await f.call("GET", `runs/get?run_id=${run.info?.run_id}`);
    expect((got.json.run as Record<string, unknown>).outputs).toEqual({});
  });

  it("runs/log-inputs stores data sets and model inputs; runs/get and runs/search return them as MLflow does", async () => {
    const id = await newRun();
    const dataset = {
      name: "train",
      digest: "abc123",
      source_type: "local",
      source: '{"uri": "x.csv"}',
      schema: "{}",
    };
    const r = await f.call("POST", "runs/log-inputs", {
      run_id: id,
      datasets: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }],
      models: [{ model_id: "m-123" }],
    });
    expect(r).toMatchObject({ status: 200, json: {} });
    const g = await f.call("GET", `runs/get?run_id=${id}`);
    expect((g.json.run as Record<string, unknown>).inputs).toEqual({
      dataset_inputs: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }],
      model_inputs: [{ model_id: "m-123" }],
    });
    const s = await f.call("POST", "runs/search", { experiment_ids: ["0"] });
    const runs = s.json.runs as { info: { run_id: string }; inputs: unknown }[];
    expect(runs.find((x) => x.info.run_id === id)?.inputs).toEqual({
      dataset_inputs: [{ tags: [{ key: "mlflow.data.context", value: "training" }], dataset }],
    });
    const missing = await f.call("POST", "runs/log-inputs", {
      run_id: id,
      datasets: [{ dataset: { name: "x" } }],
    });
    expect(missing).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
  });

  it("log-metric accepts numeric strings and 'NaN'; get-run shows the latest value, NaN as a string", async () => {
    const id = await newRun();
    expect(
      (
        await f.call("POST", "runs/log-metric", {
          run_id: id,
          key: "loss",
          value: 0.5,
          timestamp: T0 + 1,
          step: 1,
        })
      ).status,
    ).toBe(200);
    const nan = await f.call("POST", "runs/log-metric", {
      run_id: id,
      key: "loss",
      value: "NaN",
      timestamp: `${T0 + 2}`,
      step: "2",
    });
    expect(nan).toMatchObject({ status: 200, json: {} });
    const g = await f.call("GET", `runs/get?run_id=${id}`);
    expect((g.json.run as { data: { metrics: unknown[] } }).data.metrics).toEqual([
      { key: "loss", value: "NaN", timestamp: T0 + 2, step: 2 },
    ]);
    const h = await f.call("GET", `metrics/get-history?run_id=${id}&metric_key=loss&max_results=1`);
    expect(h.json.metrics).toEqual([{ key: "loss", value: 0.5, timestamp: T0 + 1, step: 1 }]); // no run_id, as MLflow
    expect(typeof h.json.next_page_token).toBe("string");
    const all = await f.call("GET", `metrics/get-history?run_id=${id}&metric_key=loss`);
    expect((all.json.metrics as unknown[]).length).toBe(2);
    expect(all.json).not.toHaveProperty("next_page_token");
  });

  it("log-batch writes metrics, params and tags; log-parameter refuses a changed value", async () => {
    const id = await newRun();
    const b = await f.call("POST", "runs/log-batch", {
      run_id: id,
      metrics: [
        { key: "m", value: 1, timestamp: T0, step: 0 },
        { key: "m", value: 2, timestamp: T0, step: 1 },
      ],
      params: [{ key: "lr", value: "0.1" }],
      tags: [{ key: "team", value: "ml" }],
    });
    expect(b.status).toBe(200);
    const p = await f.call("POST", "runs/log-parameter", { run_id: id, key: "lr", value: "0.2" });
    expect(p).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(p.json.message).toMatch(/Changing param values is not allowed/);
    const data = (
      (await f.call("GET", `runs/get?run_uuid=${id}`)).json.run as { data: Record<string, unknown> }
    ).data;
    expect(data.metrics).toEqual([{ key: "m", value: 2, timestamp: T0, step: 1 }]);
    expect(data.params).toEqual([{ key: "lr", value: "0.1" }]);
  });

  it("runs/update sets status by name or number and end_time; set-tag/delete-tag; delete/restore", async () => {
    const id = await newRun();
    const u = await f.call("POST", "runs/update", { run_id: id, status: 3, end_time: T0 + 10 });
    expect(u.json.run_info).toMatchObject({ status: "FINISHED", end_time: T0 + 10 });
    expect((await f.call("POST", "runs/set-tag", { run_id: id, key: "a", value: "b" })).status).toBe(200);
    expect((await f.call("POST", "runs/delete-tag", { run_id: id, key: "a" })).status).toBe(200);
    expect(await f.call("POST", "runs/delete-tag", { run_id: id, key: "a" })).toMatchObject({
      status: 404,
      json: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    await f.call("POST", "runs/delete", { run_id: id });
    const s1 = await f.call("POST", "runs/search", { experiment_ids: ["0"] });
    expect(s1.json).toEqual({});
    const s2 = await f.call("POST", "runs/search", { experiment_ids: ["0"], run_view_type: "DELETED_ONLY" });
    expect((s2.json.runs as unknown[]).length).toBe(1);
    await f.call("POST", "runs/restore", { run_id: id });
    expect(
      ((await f.call("POST", "runs/search", { experiment_ids: ["0"] })).json.runs as unknown[]).length,
    ).toBe(1);
  });

  it("runs/search filters, orders and pages; a bad comparator is INVALID_PARAMETER_VALUE", async () => {
    for (let i = 0; i < 5; i++) {
      const id = await newRun("0", { start_time: T0 + i });
      await f.call("POST", "runs/log-metric", { run_id: id, key: "acc", value: i / 10, timestamp: T0 });
    }
    const page1 = await f.call("POST", "runs/search", {
      experiment_ids: ["0"],
      filter: "metrics.acc > 0.05",
      order_by: ["metrics.acc DESC"],
      max_results: 2,
    });
    const accs = (r: unknown) =>
      (r as { data: { metrics: { value: number }[] } }[]).map((x) => x.data.metrics[0]?.value);
    expect(accs(page1.json.runs)).toEqual([0.4, 0.3]);
    const page2 = await f.call("POST", "runs/search", {
      experiment_ids: ["0"],
      filter: "metrics.acc > 0.05",
      order_by: ["metrics.acc DESC"],
      max_results: 2,
      page_token: page1.json.next_page_token,
    });
    expect(accs(page2.json.runs)).toEqual([0.2, 0.1]);
    const bad = await f.call("POST", "runs/search", { experiment_ids: ["0"], filter: "metrics.acc >> 0.5" });
    expect(bad).toMatchObject({ status: 400, json: { error_code: "INVALID_PARAMETER_VALUE" } });
  });

  it("experiments/search needs max_results, filters by name and honours view_type; GET works too", async () => {
    await f.call("POST", "experiments/create", { name: "alpha" });
    const b = await f.call("POST", "experiments/create", { name: "beta" });
    await f.call("POST", "experiments/delete", { experiment_id: b.json.experiment_id });
    expect((await f.call("POST", "experiments/search", {})).json.error_code).toBe("INVALID_PARAMETER_VALUE");
    const s = await f.call("POST", "experiments/search", { max_results: 10, filter: "name LIKE 'a%'" });
    expect((s.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(["alpha"]);
    const g = await f.call("GET", "experiments/search?max_results=10&view_type=DELETED_ONLY");
    expect((g.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(["beta"]);
    const ajax = await f.call("GET", "/ajax-api/2.0/mlflow/experiments/get-by-name?experiment_name=alpha");
    expect(ajax.json.experiment).toMatchObject({ name: "alpha" });
  });

  it("unknown ids answer 404 RESOURCE_DOES_NOT_EXIST with MLflow's messages", async () => {
    expect(await f.call("GET", "experiments/get?experiment_id=999")).toMatchObject({
      status: 404,
      json: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    expect(await f.call("GET", "experiments/get-by-name?experiment_name=x")).toMatchObject({
      status: 404,
      json: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "Could not find experiment with name 'x'" },
    });
    expect(await f.call("GET", `runs/get?run_id=${"0".repeat(32)}`)).toMatchObject({
      status: 404,
      json: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
  });
});

describe("bad requests", () => {
  it("missing required fields: 400 INVALID_PARAMETER_VALUE 'Missing value for required parameter'", async () => {
    const r = await f.call("POST", "experiments/create", {});
    expect(r).toMatchObject({
      status: 400,
      json: {
        error_code: "INVALID_PARAMETER_VALUE",
        message:
          "Missing value for required parameter 'name'. See the API docs for more information about request parameters.",
      },
    });
    expect(
      (await f.call("POST", "runs/log-metric", { key: "k", value: 1, timestamp: 1 })).json.message,
    ).toMatch(/'run_id'/);
  });

  it("wrong types, malformed JSON, a JSON array body and a non-JSON content type are 400", async () => {
    const id = await newRun();
    const json = { "content-type": "application/json" };
    expect(
      (await f.call("POST", "runs/log-metric", { run_id: id, key: "k", value: "abc", timestamp: 1 })).status,
    ).toBe(400);
    expect(
      (await f.call("POST", "runs/log-metric", { run_id: id, key: "k", value: 1, timestamp: "soon" })).status,
    ).toBe(400);
    expect((await f.call("POST", "runs/log-batch", { run_id: id, metrics: "many" })).status).toBe(400);
    expect((await f.call("POST", "runs/create", "{not json", json)).json.error_code).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    expect((await f.call("POST", "runs/create", "[1,2]", json)).json.error_code).toBe(
      "INVALID_PARAMETER_VALUE",
    );
    const text = await f.call("POST", "runs/create", "name=x", { "content-type": "text/plain" });
    expect(text).toMatchObject({
      status: 400,
      json: { message: "Bad Request. Content-Type must be one of ['application/json']." },
    });
    // a JSON string holding JSON is decoded twice, as MLflow does for legacy clients
    const twice = await f.call(
      "POST",
      "experiments/create",
      JSON.stringify(JSON.stringify({ name: "twice" })),
      json,
    );
    expect(twice.status).toBe(200);
  });

  it("unknown routes and wrong methods answer 404 JSON", async () => {
    expect(await f.call("GET", "/api/2.0/mlflow/nothing")).toMatchObject({
      status: 404,
      json: { error_code: "ENDPOINT_NOT_FOUND" },
    });
    expect(await f.call("DELETE", "runs/create")).toMatchObject({
      status: 404,
      json: { error_code: "ENDPOINT_NOT_FOUND" },
    });
    expect((await f.call("GET", "/health")).body).toBe("OK");
  });
});

describe("limits, auth and read-only", () => {
  it("a body over the limit is refused with 413 and nothing is written", async () => {
    const small = await serverFixture({ bodyLimit: 1024 });
    try {
      const r = await small.call("POST", "experiments/create", { name: "x".repeat(2000) });
      expect(r.status).toBe(413);
      const s = await small.call("POST", "experiments/search", { max_results: 10 });
      expect((s.json.experiments as unknown[]).length).toBe(1);
    } finally {
      await small.close();
    }
  });

  it("--auth: no or wrong credentials get 401 and change nothing; right ones pass", async () => {
    const a = await serverFixture({ auth: { username: "u", password: "p:w" } });
    try {
      const basic = (s: string) => ({ authorization: `Basic ${Buffer.from(s).toString("base64")}` });
      expect((await a.call("POST", "experiments/create", { name: "e" })).status).toBe(401);
      const wrong = await a.call("POST", "experiments/create", { name: "e" }, basic("u:nope"));
      expect(wrong).toMatchObject({ status: 401, json: { error_code: "UNAUTHENTICATED" } });
      expect(wrong.headers["www-authenticate"]).toMatch(/^Basic/);
      const ok = await a.call("POST", "experiments/search", { max_results: 10 }, basic("u:p:w"));
      expect((ok.json.experiments as unknown[]).length).toBe(1);
      expect((await a.call("POST", "experiments/create", { name: "e" }, basic("u:p:w"))).status).toBe(200);
    } finally {
      await a.close();
    }
  });

  it("--read-only: writes get 403 PERMISSION_DENIED, reads work", async () => {
    const ro = await serverFixture({ readOnly: true });
    try {
      expect(await ro.call("POST", "experiments/create", { name: "e" })).toMatchObject({
        status: 403,
        json: { error_code: "PERMISSION_DENIED" },
      });
      expect((await ro.call("PUT", "/api/2.0/mlflow-artifacts/artifacts/0/x.txt", "data")).status).toBe(403);
      expect((await ro.call("POST", "experiments/search", { max_results: 10 })).status).toBe(200);
      expect((await ro.call("POST", "runs/search", { experiment_ids: ["0"] })).status).toBe(200);
    } finally {
      await ro.close();
    }
  });
});
