import { afterAll, beforeAll, expect, it } from "vitest";
import { RestTrackingStore, TrackingClient } from "../../src/track/index.js";
import { pythonHas, VENV_PYTHON } from "../helpers/python-venv.js";
import { describeIf } from "../helpers/requires.js";
import { startMlflowServer } from "./mlflow-peer.js";

const T0 = 1_700_000_000_000;

describeIf(pythonHas("mlflow"), `Python with mlflow at ${VENV_PYTHON} (set TUNELAB_VENV)`)(
  "TrackingClient('http://...') against a real mlflow server",
  () => {
    let peer: Awaited<ReturnType<typeof startMlflowServer>>;
    let client: TrackingClient;
    beforeAll(async () => {
      peer = await startMlflowServer();
      client = new TrackingClient(peer.url);
    }, 600_000);
    afterAll(async () => {
      await client?.close();
      await peer?.stop();
    });

    it("an http tracking URI opens the REST store", async () => {
      expect(await client.store()).toBeInstanceOf(RestTrackingStore);
    });

    it("experiments: create, get by id and name, tag, rename, search, delete/restore; duplicates refused", async () => {
      const id = await client.createExperiment("rest-exp", { tags: { team: "ml" } });
      const store = await client.store();
      expect(await store.getExperiment(id)).toMatchObject({ name: "rest-exp", tags: { team: "ml" } });
      expect((await store.getExperimentByName("rest-exp"))?.experimentId).toBe(id);
      expect(await store.getExperimentByName("rest-missing")).toBeNull();
      await expect(client.createExperiment("rest-exp")).rejects.toMatchObject({
        code: "RESOURCE_ALREADY_EXISTS",
      });
      await store.setExperimentTag(id, { key: "stage", value: "dev" });
      await store.renameExperiment(id, "rest-exp-2");
      const found = await store.searchExperiments({ filter: "name = 'rest-exp-2'" });
      expect(found.items.map((e) => e.tags)).toEqual([{ team: "ml", stage: "dev" }]);
      await store.deleteExperiment(id);
      expect((await store.getExperiment(id)).lifecycleStage).toBe("deleted");
      await store.restoreExperiment(id);
      expect((await store.getExperiment(id)).lifecycleStage).toBe("active");
    });

    it("runs: params, metrics with steps (NaN too), batch, tags, history, search, terminate, errors", async () => {
      const store = await client.store();
      const exp = await client.createExperiment("rest-runs");
      const run = await store.createRun({ experimentId: exp, runName: "r1", startTime: T0 });
      const id = run.info.runId;
      expect(run.info).toMatchObject({ runName: "r1", status: "RUNNING", experimentId: exp });
      await store.logParam(id, { key: "lr", value: "0.1" });
      await expect(store.logParam(id, { key: "lr", value: "0.2" })).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      for (let s = 0; s < 5; s++)
        await store.logMetric(id, { key: "loss", value: 1 / (s + 1), timestamp: T0 + s, step: s });
      await store.logMetric(id, { key: "odd", value: Number.NaN, timestamp: T0, step: 0 });
      await store.logBatch(id, {
        metrics: [{ key: "acc", value: 0.9, timestamp: T0, step: 1 }],
        params: [{ key: "depth", value: "6" }],
        tags: [{ key: "t", value: "x" }],
      });
      await store.setTag(id, { key: "gone", value: "1" });
      await store.deleteTag(id, "gone");
      const got = await store.getRun(id);
      expect(got.data.params).toEqual({ lr: "0.1", depth: "6" });
      expect(got.data.tags).toMatchObject({ t: "x", "mlflow.runName": "r1" });
      expect(got.data.tags).not.toHaveProperty("gone");
      expect(got.data.metrics.find((m) => m.key === "loss")).toMatchObject({ value: 0.2, step: 4 });
      expect(Number.isNaN(got.data.metrics.find((m) => m.key === "odd")?.value)).toBe(true);
      const history = await store.getMetricHistory(id, "loss");
      expect(history.items.map((m) => m.step)).toEqual([0, 1, 2, 3, 4]);
      const page = await store.getMetricHistory(id, "loss", { maxResults: 2 });
      expect(page.items).toHaveLength(2);
      expect(page.nextPageToken).toBeTruthy();
      const other = await store.createRun({ experimentId: exp, runName: "r2", startTime: T0 + 1 });
      await store.logMetric(other.info.runId, { key: "acc", value: 0.5, timestamp: T0, step: 0 });
      const search = await store.searchRuns({
        experimentIds: [exp],
        filter: "metrics.acc > 0.1",
        orderBy: ["metrics.acc DESC"],
      });
      expect(search.items.map((r) => r.info.runName)).toEqual(["r1", "r2"]);
      const paged = await store.searchRuns({ experimentIds: [exp], maxResults: 1 });
      expect(paged.items).toHaveLength(1);
      expect(paged.nextPageToken).toBeTruthy();
      await expect(
        store.searchRuns({ experimentIds: [exp], filter: "metrics.acc >> 1" }),
      ).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      const info = await store.updateRunInfo(id, { status: "FINISHED", endTime: T0 + 100 });
      expect(info).toMatchObject({ status: "FINISHED", endTime: T0 + 100 });
      await store.deleteRun(other.info.runId);
      expect((await store.getRun(other.info.runId)).info.lifecycleStage).toBe("deleted");
      await expect(
        store.logMetric(other.info.runId, { key: "m", value: 1, timestamp: T0, step: 0 }),
      ).rejects.toMatchObject({
        code: "INVALID_PARAMETER_VALUE",
      });
      await store.restoreRun(other.info.runId);
      await expect(store.getRun("0".repeat(32))).rejects.toMatchObject({ code: "RESOURCE_DOES_NOT_EXIST" });
    });
  },
);
