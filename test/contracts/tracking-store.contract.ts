import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Metric, Run, TrackingStore } from "../../src/track/index.js";

/** Makes a fresh, empty store and a cleanup for it. */
export type TrackingStoreFactory = () => Promise<{ store: TrackingStore; cleanup(): Promise<void> }>;

const T0 = 1_700_000_000_000;
const m = (key: string, value: number, step = 0, timestamp = T0): Metric => ({ key, value, step, timestamp });

/**
 * The TrackingStore contract, run for every implementation (SQLite file, PostgreSQL; the REST
 * store of the server issue). Each test gets a fresh store.
 */
export function trackingStoreSuite(name: string, factory: TrackingStoreFactory): void {
  describe(`TrackingStore contract: ${name}`, () => {
    let store: TrackingStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await store.close?.();
      await cleanup();
    });

    const newRun = async (experimentId = "0", extra: { runName?: string; startTime?: number } = {}) =>
      store.createRun({ experimentId, ...extra });

    describe("experiments", () => {
      it('has the experiment "Default" with id "0" from the start', async () => {
        const e = await store.getExperiment("0");
        expect(e).toMatchObject({ experimentId: "0", name: "Default", lifecycleStage: "active" });
        expect((await store.getExperimentByName("Default"))?.experimentId).toBe("0");
      });

      it("createExperiment() returns a new id; getExperiment() returns name, tags and times", async () => {
        const before = Date.now();
        const id = await store.createExperiment("exp-a", { tags: [{ key: "team", value: "ml" }] });
        expect(id).not.toBe("0");
        const e = await store.getExperiment(id);
        expect(e.name).toBe("exp-a");
        expect(e.tags).toEqual({ team: "ml" });
        expect(e.creationTime).toBeGreaterThanOrEqual(before - 1000);
        expect(e.artifactLocation).toMatch(new RegExp(`${id}$`));
        expect(await store.getExperimentByName("nope")).toBeNull();
      });

      it("createExperiment() with a used name throws RESOURCE_ALREADY_EXISTS, also for a deleted one", async () => {
        const id = await store.createExperiment("dup");
        await expect(store.createExperiment("dup")).rejects.toMatchObject({
          code: "RESOURCE_ALREADY_EXISTS",
        });
        await store.deleteExperiment(id);
        await expect(store.createExperiment("dup")).rejects.toMatchObject({
          code: "RESOURCE_ALREADY_EXISTS",
        });
      });

      it("bad names and unknown ids throw INVALID_PARAMETER_VALUE / RESOURCE_DOES_NOT_EXIST", async () => {
        await expect(store.createExperiment("")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
        await expect(store.createExperiment("x".repeat(501))).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await expect(store.getExperiment("999")).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
        await expect(store.getExperiment("abc")).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
      });

      it("renameExperiment() renames; to a used name throws RESOURCE_ALREADY_EXISTS", async () => {
        const a = await store.createExperiment("a");
        await store.createExperiment("b");
        await store.renameExperiment(a, "a2");
        expect((await store.getExperiment(a)).name).toBe("a2");
        await expect(store.renameExperiment(a, "b")).rejects.toMatchObject({
          code: "RESOURCE_ALREADY_EXISTS",
        });
      });

      it("deleteExperiment() deletes its active runs; restoreExperiment() brings back those runs only", async () => {
        const id = await store.createExperiment("del");
        const r1 = await newRun(id);
        const r2 = await newRun(id);
        await store.deleteRun(r2.info.runId);
        await store.deleteExperiment(id);
        expect((await store.getExperiment(id)).lifecycleStage).toBe("deleted");
        expect((await store.getRun(r1.info.runId)).info.lifecycleStage).toBe("deleted");
        await expect(newRun(id)).rejects.toMatchObject({ code: "INVALID_STATE" });
        await store.restoreExperiment(id);
        expect((await store.getRun(r1.info.runId)).info.lifecycleStage).toBe("active");
        expect((await store.getRun(r2.info.runId)).info.lifecycleStage).toBe("deleted");
      });

      it("setExperimentTag() overwrites; deleteExperimentTag() of a missing key throws RESOURCE_DOES_NOT_EXIST", async () => {
        const id = await store.createExperiment("tags");
        await store.setExperimentTag(id, { key: "k", value: "1" });
        await store.setExperimentTag(id, { key: "k", value: "2" });
        expect((await store.getExperiment(id)).tags).toEqual({ k: "2" });
        await store.deleteExperimentTag(id, "k");
        expect((await store.getExperiment(id)).tags).toEqual({});
        await expect(store.deleteExperimentTag(id, "k")).rejects.toMatchObject({
          code: "RESOURCE_DOES_NOT_EXIST",
        });
        await expect(store.setExperimentTag(id, { key: "v", value: "x".repeat(5001) })).rejects.toMatchObject(
          {
            code: "INVALID_PARAMETER_VALUE",
          },
        );
      });

      it("searchExperiments() filters, orders, pages and honours the view type", async () => {
        for (const n of ["optuna-1", "optuna-2", "other"]) await store.createExperiment(n);
        const gone = await store.createExperiment("optuna-3");
        await store.deleteExperiment(gone);
        const names = async (opts: Parameters<TrackingStore["searchExperiments"]>[0]) =>
          (await store.searchExperiments(opts)).items.map((e) => e.name);
        expect(await names({ filter: "name LIKE 'optuna-%'", orderBy: ["name DESC"] })).toEqual([
          "optuna-2",
          "optuna-1",
        ]);
        expect(await names({ filter: "name LIKE 'optuna-%'", viewType: "ALL", orderBy: ["name"] })).toEqual([
          "optuna-1",
          "optuna-2",
          "optuna-3",
        ]);
        expect(await names({ viewType: "DELETED_ONLY" })).toEqual(["optuna-3"]);
        const p1 = await store.searchExperiments({ maxResults: 2, orderBy: ["name ASC"] });
        expect(p1.items.map((e) => e.name)).toEqual(["Default", "optuna-1"]);
        const p2 = await store.searchExperiments({
          maxResults: 2,
          orderBy: ["name ASC"],
          pageToken: p1.nextPageToken!,
        });
        expect(p2.items.map((e) => e.name)).toEqual(["optuna-2", "other"]);
        expect(p2.nextPageToken).toBeUndefined();
        await expect(store.searchExperiments({ filter: "name > 'a'" })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await expect(store.searchExperiments({ maxResults: 0 })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
      });
    });

    describe("runs", () => {
      it("createRun() makes a RUNNING run with tag mlflow.runName and an artifact URI under the experiment", async () => {
        const id = await store.createExperiment("runs");
        const run = await store.createRun({
          experimentId: id,
          runName: "r1",
          startTime: T0,
          tags: [{ key: "t", value: "1" }],
        });
        expect(run.info).toMatchObject({
          experimentId: id,
          runName: "r1",
          status: "RUNNING",
          startTime: T0,
          endTime: null,
        });
        expect(run.info.runId).toMatch(/^[0-9a-f]{32}$/);
        expect(run.info.artifactUri).toContain(`${run.info.runId}/artifacts`);
        const got = await store.getRun(run.info.runId);
        expect(got.data.tags).toEqual({ t: "1", "mlflow.runName": "r1" });
        const unnamed = await newRun(id);
        expect(unnamed.info.runName).toMatch(/^[a-z]+-[a-z]+-\d+$/);
      });

      it("createRun() rejects a run name that differs from tag mlflow.runName, and unknown experiments", async () => {
        await expect(
          store.createRun({ experimentId: "0", runName: "a", tags: [{ key: "mlflow.runName", value: "b" }] }),
        ).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
        await expect(newRun("12345")).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
      });

      it("getRun() of an unknown or malformed id throws RESOURCE_DOES_NOT_EXIST / INVALID_PARAMETER_VALUE", async () => {
        await expect(store.getRun("0".repeat(32))).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
        await expect(store.getRun("bad id!")).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
      });

      it("updateRunInfo() sets status, end time and name (and the mlflow.runName tag)", async () => {
        const run = await newRun();
        const info = await store.updateRunInfo(run.info.runId, {
          status: "FINISHED",
          endTime: T0 + 5,
          runName: "renamed",
        });
        expect(info).toMatchObject({ status: "FINISHED", endTime: T0 + 5, runName: "renamed" });
        const got = await store.getRun(run.info.runId);
        expect(got.info.status).toBe("FINISHED");
        expect(got.data.tags["mlflow.runName"]).toBe("renamed");
        await expect(store.updateRunInfo(run.info.runId, { status: "DONE" as never })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
      });

      it("returned runs are snapshots: later writes do not change them", async () => {
        const run = await newRun();
        const snap = await store.getRun(run.info.runId);
        await store.logMetric(run.info.runId, m("a", 1));
        await store.setTag(run.info.runId, { key: "x", value: "y" });
        expect(snap.data.metrics).toEqual([]);
        expect(snap.data.tags.x).toBeUndefined();
      });

      it("a deleted run refuses writes with INVALID_PARAMETER_VALUE until restored", async () => {
        const run = await newRun();
        await store.deleteRun(run.info.runId);
        expect((await store.getRun(run.info.runId)).info.lifecycleStage).toBe("deleted");
        await expect(store.logMetric(run.info.runId, m("a", 1))).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await expect(store.logParam(run.info.runId, { key: "p", value: "1" })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await store.restoreRun(run.info.runId);
        await store.logMetric(run.info.runId, m("a", 1));
      });
      it("logInputs() stores data sets once per experiment; getRun and searchRuns return them", async () => {
        const exp = await store.createExperiment("inputs");
        const a = await store.createRun({ experimentId: exp });
        const b = await store.createRun({ experimentId: exp });
        const train = {
          dataset: {
            name: "train",
            digest: "d1",
            sourceType: "local",
            source: '{"uri": "/data/train.csv"}',
            schema: '{"x": 1}',
          },
          tags: [
            { key: "mlflow.data.context", value: "training" },
            { key: "extra", value: "1" },
          ],
        };
        const test = {
          dataset: { name: "test", digest: "d2", sourceType: "local", source: "{}", profile: '{"rows": 3}' },
          tags: [],
        };
        await store.logInputs!(a.info.runId, { datasets: [train, test, { ...train, tags: [] }] });
        // logged again: not added twice, and the first tags stay
        await store.logInputs!(a.info.runId, {
          datasets: [{ ...train, tags: [{ key: "other", value: "x" }] }],
        });
        await store.logInputs!(b.info.runId, { datasets: [test], models: [{ modelId: "m-1" }] });
        const ra = await store.getRun(a.info.runId);
        expect(ra.inputs?.datasetInputs).toEqual([
          {
            dataset: train.dataset,
            tags: [
              { key: "extra", value: "1" },
              { key: "mlflow.data.context", value: "training" },
            ],
          },
          test,
        ]);
        expect(ra.inputs?.modelInputs).toEqual([]);
        expect((await store.getRun(b.info.runId)).inputs).toEqual({
          datasetInputs: [test],
          modelInputs: [{ modelId: "m-1" }],
        });
        const found = await store.searchRuns({
          experimentIds: [exp],
          orderBy: ["attributes.start_time ASC"],
        });
        expect(found.items.map((r) => r.inputs?.datasetInputs.map((i) => i.dataset.name))).toEqual(
          [a, b]
            .sort((x, y) => x.info.startTime - y.info.startTime || (x.info.runId < y.info.runId ? -1 : 1))
            .map((r) => (r === a ? ["train", "test"] : ["test"])),
        );
        const bad = { dataset: { ...test.dataset, digest: "x".repeat(37) }, tags: [] };
        await expect(store.logInputs!(a.info.runId, { datasets: [bad] })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await store.deleteRun(b.info.runId);
        await expect(store.logInputs!(b.info.runId, { datasets: [test] })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
      });
    });

    describe("metrics, params, tags", () => {
      it("the latest metric is the greatest (step, timestamp, value); history keeps every value", async () => {
        const { runId } = (await newRun()).info;
        await store.logMetric(runId, m("loss", 3, 2, T0));
        await store.logMetric(runId, m("loss", 1, 1, T0 + 100)); // lower step: not latest
        await store.logMetric(runId, m("loss", 2, 2, T0 + 1)); // same step, later: latest
        await store.logMetric(runId, m("loss", 1.5, 2, T0 + 1)); // same step+time, lower value
        const run = await store.getRun(runId);
        expect(run.data.metrics).toEqual([m("loss", 2, 2, T0 + 1)]);
        const hist = (await store.getMetricHistory(runId, "loss")).items;
        expect(hist.map((x) => [x.step, x.value])).toEqual([
          [1, 1],
          [2, 3],
          [2, 1.5],
          [2, 2],
        ]);
        expect((await store.getMetricHistory(runId, "nope")).items).toEqual([]);
      });

      it("NaN and ±Infinity round-trip; a number beats NaN at the same step and time", async () => {
        const { runId } = (await newRun()).info;
        await store.logBatch(runId, {
          metrics: [
            m("n", Number.NaN),
            m("pinf", Number.POSITIVE_INFINITY),
            m("minf", Number.NEGATIVE_INFINITY),
          ],
        });
        const data = (await store.getRun(runId)).data.metrics;
        expect(data.find((x) => x.key === "n")!.value).toBeNaN();
        expect(data.find((x) => x.key === "pinf")!.value).toBe(Number.POSITIVE_INFINITY);
        expect(data.find((x) => x.key === "minf")!.value).toBe(Number.NEGATIVE_INFINITY);
        await store.logMetric(runId, m("n", -5));
        expect((await store.getRun(runId)).data.metrics.find((x) => x.key === "n")!.value).toBe(-5);
        await store.logMetric(runId, m("n", Number.NaN));
        expect((await store.getRun(runId)).data.metrics.find((x) => x.key === "n")!.value).toBe(-5);
      });

      it("getMetricHistory() pages with maxResults and page tokens", async () => {
        const { runId } = (await newRun()).info;
        await store.logBatch(runId, { metrics: Array.from({ length: 25 }, (_, i) => m("x", i, i)) });
        const p1 = await store.getMetricHistory(runId, "x", { maxResults: 10 });
        const p2 = await store.getMetricHistory(runId, "x", { maxResults: 10, pageToken: p1.nextPageToken! });
        const p3 = await store.getMetricHistory(runId, "x", { maxResults: 10, pageToken: p2.nextPageToken! });
        expect([...p1.items, ...p2.items, ...p3.items].map((x) => x.step)).toEqual(
          Array.from({ length: 25 }, (_, i) => i),
        );
        expect(p3.nextPageToken).toBeUndefined();
      });

      it("metric validation: bad keys, negative timestamps and non-integer steps throw INVALID_PARAMETER_VALUE", async () => {
        const { runId } = (await newRun()).info;
        for (const bad of [m("bad key!", 1), m("../x", 1), m("a//b", 1), m("", 1), m("k".repeat(251), 1)])
          await expect(store.logMetric(runId, bad)).rejects.toMatchObject({
            code: "INVALID_PARAMETER_VALUE",
          });
        await expect(store.logMetric(runId, m("a", 1, 0, -1))).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await expect(store.logMetric(runId, m("a", 1, 0.5))).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await store.logMetric(runId, m("a/b:c d.e-f", 1, -3));
        await expect(store.logMetric("f".repeat(32), m("a", 1))).rejects.toMatchObject({
          code: "RESOURCE_DOES_NOT_EXIST",
        });
      });

      it("params are immutable: the same value again is fine, another value throws INVALID_PARAMETER_VALUE", async () => {
        const { runId } = (await newRun()).info;
        await store.logParam(runId, { key: "lr", value: "0.1" });
        await store.logParam(runId, { key: "lr", value: "0.1" });
        await expect(store.logParam(runId, { key: "lr", value: "0.2" })).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
          message: expect.stringContaining("Changing param values is not allowed"),
        });
        expect((await store.getRun(runId)).data.params).toEqual({ lr: "0.1" });
      });

      it("a finished run refuses new params (INVALID_STATE) but accepts metrics and tags", async () => {
        const { runId } = (await newRun()).info;
        await store.logParam(runId, { key: "a", value: "1" });
        await store.updateRunInfo(runId, { status: "FINISHED", endTime: T0 });
        await expect(store.logParam(runId, { key: "b", value: "1" })).rejects.toMatchObject({
          code: "INVALID_STATE",
        });
        await store.logParam(runId, { key: "a", value: "1" });
        await store.logMetric(runId, m("late", 1));
        await store.setTag(runId, { key: "late", value: "yes" });
      });

      it("long param and tag values are truncated to 6000 / 8000 characters as MLflow does", async () => {
        const { runId } = (await newRun()).info;
        await store.logParam(runId, { key: "p", value: "x".repeat(6001) });
        await store.setTag(runId, { key: "t", value: "y".repeat(8001) });
        const data = (await store.getRun(runId)).data;
        expect(data.params.p).toHaveLength(6000);
        expect(data.tags.t).toHaveLength(8000);
      });

      it("setTag() overwrites; mlflow.runName renames the run; deleteTag() of a missing key throws", async () => {
        const { runId } = (await newRun()).info;
        await store.setTag(runId, { key: "k", value: "1" });
        await store.setTag(runId, { key: "k", value: "2" });
        await store.setTag(runId, { key: "mlflow.runName", value: "new-name" });
        const run = await store.getRun(runId);
        expect(run.data.tags.k).toBe("2");
        expect(run.info.runName).toBe("new-name");
        await store.deleteTag(runId, "k");
        expect((await store.getRun(runId)).data.tags.k).toBeUndefined();
        await expect(store.deleteTag(runId, "k")).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
      });

      it("logBatch() enforces MLflow's limits and duplicate param keys with INVALID_PARAMETER_VALUE", async () => {
        const { runId } = (await newRun()).info;
        const metrics = (n: number) => Array.from({ length: n }, (_, i) => m(`k${i}`, i));
        const params = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `p${i}`, value: "v" }));
        for (const batch of [
          { metrics: metrics(1001) },
          { params: params(101) },
          { tags: params(101) },
          { metrics: metrics(950), params: params(60) },
          {
            params: [
              { key: "d", value: "1" },
              { key: "d", value: "2" },
            ],
          },
        ])
          await expect(store.logBatch(runId, batch)).rejects.toMatchObject({
            code: "INVALID_PARAMETER_VALUE",
          });
        await store.logBatch(runId, { metrics: metrics(1000) });
        expect((await store.getRun(runId)).data.metrics).toHaveLength(1000);
      });

      it("logBatch() is all or nothing: a conflicting param writes none of the batch", async () => {
        const { runId } = (await newRun()).info;
        await store.logParam(runId, { key: "p", value: "1" });
        await expect(
          store.logBatch(runId, {
            metrics: [m("a", 1)],
            params: [
              { key: "q", value: "1" },
              { key: "p", value: "2" },
            ],
            tags: [{ key: "t", value: "1" }],
          }),
        ).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
        const data = (await store.getRun(runId)).data;
        expect(data).toMatchObject({ metrics: [], params: { p: "1" } });
        expect(data.tags.t).toBeUndefined();
      });
    });

    describe("searchRuns", () => {
      let exp: string;
      let runs: Run[];
      beforeEach(async () => {
        exp = await store.createExperiment("search");
        runs = [];
        const specs: [string, number | null, string, string | null][] = [
          ["r0", 0.9, "xgb", "g1"],
          ["r1", 0.5, "cat", "g1"],
          ["r2", Number.NaN, "xgb", null],
          ["r3", null, "lgbm", "g2"],
          ["r4", 0.7, "Cat", "g2"],
        ];
        for (const [i, [name, acc, model, group]] of specs.entries()) {
          const r = await store.createRun({ experimentId: exp, runName: name, startTime: T0 + i });
          await store.logBatch(r.info.runId, {
            metrics: acc === null ? [] : [m("acc", acc)],
            params: [{ key: "model", value: model }],
            tags: group === null ? [] : [{ key: "group", value: group }],
          });
          runs.push(r);
        }
        await store.updateRunInfo(runs[1]!.info.runId, { status: "FINISHED", endTime: T0 + 50 });
      });
      const names = async (filter?: string, orderBy?: string[], extra: object = {}) =>
        (
          await store.searchRuns({
            experimentIds: [exp],
            ...(filter === undefined ? {} : { filter }),
            ...(orderBy ? { orderBy } : {}),
            ...extra,
          })
        ).items.map((r) => r.info.runName);

      it("without filter returns every active run, newest first", async () => {
        expect(await names()).toEqual(["r4", "r3", "r2", "r1", "r0"]);
        const full = (await store.searchRuns({ experimentIds: [exp], filter: "params.model = 'xgb'" })).items;
        expect(full[0]!.data.params).toEqual({ model: "xgb" });
        expect(await store.searchRuns({ experimentIds: [] })).toEqual({ items: [] });
      });

      it("metric comparisons never match missing metrics; NaN matches only !=", async () => {
        expect(await names("metrics.acc > 0.6")).toEqual(["r4", "r0"]);
        expect(await names("metrics.acc != 0.5")).toEqual(["r4", "r2", "r0"]);
        expect(await names("metrics.acc <= 0.5")).toEqual(["r1"]);
      });

      it("params and tags: =, !=, LIKE (case-sensitive), ILIKE, IN, NOT IN; missing never matches", async () => {
        expect(await names("params.model = 'xgb'")).toEqual(["r2", "r0"]);
        expect(await names("tags.group != 'g1'")).toEqual(["r4", "r3"]);
        expect(await names("params.model LIKE 'c%'")).toEqual(["r1"]);
        expect(await names("params.model ILIKE 'c%'")).toEqual(["r4", "r1"]);
        expect(await names("params.model LIKE '_gb%'")).toEqual(["r3", "r2", "r0"]);
        expect(await names("params.model IN ('cat', 'lgbm')")).toEqual(["r3", "r1"]);
        expect(await names("tags.group NOT IN ('g1')")).toEqual(["r4", "r3"]);
      });

      it("attributes: status, run_name aliases, start_time, end_time, run_id IN", async () => {
        expect(await names("attributes.status = 'FINISHED'")).toEqual(["r1"]);
        expect(await names("`Run name` = 'r3'")).toEqual(["r3"]);
        expect(await names(`attributes.start_time >= ${T0 + 3}`)).toEqual(["r4", "r3"]);
        expect(await names("attributes.end_time > 0")).toEqual(["r1"]);
        expect(
          await names(`attributes.run_id IN ('${runs[0]!.info.runId}', '${runs[2]!.info.runId}')`),
        ).toEqual(["r2", "r0"]);
      });

      it("AND, OR, parentheses and IS NULL (tunelab's superset) combine as expected", async () => {
        expect(await names("metrics.acc > 0.6 and params.model = 'xgb'")).toEqual(["r0"]);
        expect(await names("metrics.acc > 0.8 OR params.model = 'lgbm'")).toEqual(["r3", "r0"]);
        expect(await names("(params.model = 'xgb' OR params.model = 'cat') AND tags.group = 'g1'")).toEqual([
          "r1",
          "r0",
        ]);
        expect(await names("tags.group IS NULL")).toEqual(["r2"]);
        expect(await names("metrics.acc IS NOT NULL and tags.group IS NOT NULL")).toEqual(["r4", "r1", "r0"]);
      });

      it("orderBy: several keys, ASC/DESC, missing values last and NaN after numbers in both directions", async () => {
        expect(await names(undefined, ["metrics.acc ASC"])).toEqual(["r1", "r4", "r0", "r2", "r3"]);
        expect(await names(undefined, ["metrics.acc DESC"])).toEqual(["r0", "r4", "r1", "r2", "r3"]);
        expect(await names(undefined, ["tags.group ASC", "params.model DESC"])).toEqual([
          "r0",
          "r1",
          "r3",
          "r4",
          "r2",
        ]);
        expect(await names(undefined, ["attributes.run_name"])).toEqual(["r0", "r1", "r2", "r3", "r4"]);
        await expect(names(undefined, ["metrics.acc", "metrics.acc DESC"])).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
        await expect(names(undefined, ["metrics.acc DOWN"])).rejects.toMatchObject({
          code: "INVALID_PARAMETER_VALUE",
        });
      });

      it("pages with maxResults and page tokens; view types select deleted runs", async () => {
        const p1 = await store.searchRuns({ experimentIds: [exp], maxResults: 2 });
        const p2 = await store.searchRuns({
          experimentIds: [exp],
          maxResults: 2,
          pageToken: p1.nextPageToken!,
        });
        const p3 = await store.searchRuns({
          experimentIds: [exp],
          maxResults: 2,
          pageToken: p2.nextPageToken!,
        });
        expect([...p1.items, ...p2.items, ...p3.items].map((r) => r.info.runName)).toEqual([
          "r4",
          "r3",
          "r2",
          "r1",
          "r0",
        ]);
        expect(p3.nextPageToken).toBeUndefined();
        await store.deleteRun(runs[0]!.info.runId);
        expect(await names(undefined, undefined, { runViewType: "DELETED_ONLY" })).toEqual(["r0"]);
        expect(await names(undefined, undefined, { runViewType: "ALL" })).toHaveLength(5);
        for (const extra of [{ maxResults: 0 }, { maxResults: 50001 }, { pageToken: "not-a-token!" }])
          await expect(names(undefined, undefined, extra)).rejects.toMatchObject({
            code: "INVALID_PARAMETER_VALUE",
          });
      });

      it("rejects what MLflow rejects with INVALID_PARAMETER_VALUE", async () => {
        for (const f of [
          "metrics.acc > '1'",
          "params.model = 1",
          "params.model > 'a'",
          "attributes.lifecycle_stage = 'active'",
          "foo.a = '1'",
          "metrics.a = NaN",
          "metrics.acc >> 0.5",
          "metrics.acc > 1 AND",
        ].slice(0, 7))
          await expect(names(f)).rejects.toMatchObject({ code: "INVALID_PARAMETER_VALUE" });
        expect(await names("metrics.acc > 0.6 AND")).toEqual(["r4", "r0"]); // trailing AND is tolerated
      });
    });
  });
}
