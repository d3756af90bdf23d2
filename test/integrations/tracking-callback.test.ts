import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trackingCallback } from "../../src/integrations/index.js";
import { type Run, TrackingClient } from "../../src/track/index.js";
import { createStudy, RandomSampler, type Study, TrialPruned } from "../../src/tune/index.js";
import { createTempDatabase, postgresAvailable } from "../helpers/pg-database.js";
import { describeIf } from "../helpers/requires.js";
import { serverFixture } from "../server/server-fixture.js";

async function runsOf(client: TrackingClient, experiment: string): Promise<Run[]> {
  const exp = await client.getExperimentByName(experiment);
  expect(exp).not.toBeNull();
  const page = await client.searchRuns(exp!.experimentId, { maxResults: 1000 });
  return page.items.sort((a, b) => Number(a.data.tags.number) - Number(b.data.tags.number));
}

/** Three trials: COMPLETE (with reports), PRUNED (with reports), FAIL. */
async function threeTrials(study: Study, cb: ReturnType<typeof trackingCallback>): Promise<void> {
  let n = 0;
  await study.optimize(
    (trial) => {
      const x = trial.suggestFloat("x", -10, 10);
      const k = trial.suggestInt("k", 1, 5, { log: true });
      const c = trial.suggestCategorical("c", ["a", "b"]);
      trial.setUserAttr("note", `t${trial.number}`);
      const i = n++;
      if (i === 2) throw new Error("boom");
      for (let step = 0; step < 3; step++) trial.report(x * x + 10 - step, step);
      if (i === 1) throw new TrialPruned();
      return x * x + k + (c === "a" ? 0 : 1);
    },
    { nTrials: 3, callbacks: [cb], catch: [Error] },
  );
}

describe("trackingCallback", () => {
  let dir: string;
  let client: TrackingClient;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tunelab-tcb-"));
    client = new TrackingClient(join(dir, "mlruns"));
  });
  afterEach(async () => {
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one run per finished trial with Optuna's tags, params and metric", async () => {
    const study = await createStudy({ studyName: "cb-single", sampler: new RandomSampler({ seed: 1 }) });
    await study.setUserAttr("dataset", "iris");
    const cb = trackingCallback({ trackingUri: client, metricName: "rmse", tagStudyUserAttrs: true });
    await threeTrials(study, cb);
    await cb.close();
    const runs = await runsOf(client, "cb-single");
    expect(runs.map((r) => r.info.runName)).toEqual(["0", "1", "2"]);
    expect(runs.map((r) => r.data.tags.state)).toEqual(["COMPLETE", "PRUNED", "FAIL"]);
    const [t0] = study.trials;
    const r0 = runs[0];
    expect(r0.info.status).toBe("FINISHED");
    expect(r0.info.userId).toBe(r0.data.tags["mlflow.user"]);
    expect(r0.info.userId).not.toBe("");
    expect(r0.info.startTime).toBe(t0.datetimeStart!.getTime());
    expect(r0.info.endTime).toBe(t0.datetimeComplete!.getTime());
    expect(r0.data.params).toEqual({
      x: String(t0.params.x).includes(".") ? String(t0.params.x) : `${t0.params.x}.0`,
      k: String(t0.params.k),
      c: String(t0.params.c),
    });
    expect(r0.data.tags).toMatchObject({
      number: "0",
      direction: "MINIMIZE",
      x_distribution: "FloatDistribution(high=10.0, log=False, low=-10.0, step=None)",
      k_distribution: "IntDistribution(high=5, log=True, low=1, step=1)",
      c_distribution: "CategoricalDistribution(choices=('a', 'b'))",
      note: "t0",
      dataset: "iris",
      "mlflow.runName": "0",
      "mlflow.source.type": "LOCAL",
    });
    expect(r0.data.tags.datetime_start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$/);
    // the final value is the run's latest metric; the reports are its history
    expect(r0.data.metrics.map((m) => [m.key, m.value])).toEqual([["rmse", t0.values![0]]]);
    const history = await client.getMetricHistory(r0.info.runId, "rmse");
    expect(history.map((m) => [m.step, m.value])).toEqual([
      [0, t0.intermediateValues.get(0)],
      [1, t0.intermediateValues.get(1)],
      [2, t0.intermediateValues.get(2)],
      [2, t0.values![0]],
    ]);
    // pruned: Optuna stores the last reported value as its value, so it is logged too; failed: nothing
    const t1 = study.trials[1];
    expect(t1.values).toEqual([t1.intermediateValues.get(2)]);
    expect((await client.getMetricHistory(runs[1].info.runId, "rmse")).map((m) => m.step)).toEqual([
      0, 1, 2, 2,
    ]);
    expect(runs[1].data.metrics.map((m) => m.value)).toEqual([t1.values![0]]);
    expect(runs[2].data.metrics).toEqual([]);
    expect(runs[2].data.params).toHaveProperty("x");
  });

  it("names metrics per objective and writes the list-repr direction on multi-objective studies", async () => {
    const study = await createStudy({ studyName: "mo", directions: ["minimize", "maximize"] });
    const cb = trackingCallback({ trackingUri: client });
    await study.optimize((t) => [t.suggestFloat("x", 0, 1), 2], { nTrials: 2, callbacks: [cb] });
    await cb.close();
    const runs = await runsOf(client, "mo");
    expect(runs[0].data.tags.direction).toBe("['MINIMIZE', 'MAXIMIZE']");
    expect(runs[0].data.metrics.map((m) => m.key)).toEqual(["value_0", "value_1"]);
    const named = trackingCallback({ trackingUri: client, metricName: ["a"], experimentName: "mo2" });
    await expect(
      study.optimize((t) => [t.suggestFloat("x", 0, 1), 2], { nTrials: 1, callbacks: [named] }),
    ).rejects.toThrow(/1 metric names \(a\) for 2 objective values/);
  });

  it("nests trial runs under a parent run named after the study", async () => {
    const study = await createStudy({ studyName: "nested" });
    const cb = trackingCallback({ trackingUri: client, nested: true });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 3, callbacks: [cb] });
    await cb.close();
    const runs = await runsOf(client, "nested");
    const parent = runs.find((r) => r.data.tags.number === undefined)!;
    expect(parent.info.runName).toBe("nested");
    expect(parent.info.status).toBe("FINISHED");
    expect(parent.info.runId).toBe(cb.parentRunId);
    const children = runs.filter((r) => r !== parent);
    expect(children).toHaveLength(3);
    for (const c of children) expect(c.data.tags["mlflow.parentRunId"]).toBe(parent.info.runId);
  });

  it("trackInObjective lets the objective log into the trial's run, which the callback completes", async () => {
    const study = await createStudy({ studyName: "in-objective" });
    const cb = trackingCallback({ trackingUri: client });
    await study.optimize(
      cb.trackInObjective(study, async (trial, run) => {
        const x = trial.suggestFloat("x", 0, 1);
        for (let fold = 0; fold < 3; fold++)
          await run.client.logMetric(run.runId, "fold_rmse", x + fold, { step: fold });
        return x;
      }),
      { nTrials: 2, callbacks: [cb] },
    );
    await cb.close();
    const runs = await runsOf(client, "in-objective");
    expect(runs).toHaveLength(2);
    for (const [i, r] of runs.entries()) {
      expect(r.info.runName).toBe(String(i));
      expect(r.data.metrics.map((m) => m.key)).toEqual(["fold_rmse", "value"]);
      expect(r.data.tags.state).toBe("COMPLETE");
      expect(r.info.status).toBe("FINISHED");
    }
  });

  it("sends runs to a fixed experiment when createExperiment is false, and reuses an existing one", async () => {
    const id = await client.createExperiment("mine");
    const study = await createStudy({ studyName: "s" });
    const cb = trackingCallback({ trackingUri: client, createExperiment: false, experimentId: id });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2, callbacks: [cb] });
    expect((await runsOf(client, "mine")).length).toBe(2);
    expect(await client.getExperimentByName("s")).toBeNull();
    const again = trackingCallback({ trackingUri: client, experimentName: "mine" });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 1, callbacks: [again] });
    expect((await runsOf(client, "mine")).length).toBe(3);
  });

  it("works on a sqlite:/// tracking URI it opens itself", async () => {
    const uri = `sqlite:///${join(dir, "runs.db")}`;
    const study = await createStudy({ studyName: "sq" });
    const cb = trackingCallback({ trackingUri: uri });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2, callbacks: [cb] });
    await cb.close();
    const other = new TrackingClient(uri);
    try {
      const runs = await runsOf(other, "sq");
      expect(runs.map((r) => r.data.metrics[0].value)).toEqual(study.trials.map((t) => t.values![0]));
    } finally {
      await other.close();
    }
  });

  it("nested: '<run id>' puts the trial runs under a parent the caller opened and leaves it running", async () => {
    const expId = await client.createExperiment("outer");
    const parent = await client.createRun(expId, { runName: "my-sweep" });
    const study = await createStudy({ studyName: "outer" });
    const cb = trackingCallback({ trackingUri: client, nested: parent.info.runId });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 2, callbacks: [cb] });
    await cb.close();
    const runs = await runsOf(client, "outer");
    const children = runs.filter((r) => r.info.runId !== parent.info.runId);
    expect(children.map((r) => r.data.tags["mlflow.parentRunId"])).toEqual([
      parent.info.runId,
      parent.info.runId,
    ]);
    expect((await client.getRun(parent.info.runId)).info.status).toBe("RUNNING"); // the caller ends it
  });

  it("tagTrialUserAttrs: false, logIntermediateValues: false, tags: {...}, and long values cut as Optuna does", async () => {
    const study = await createStudy({ studyName: "opts" });
    await study.setUserAttr("long", "s".repeat(9000));
    const cb = trackingCallback({
      trackingUri: client,
      tagTrialUserAttrs: false,
      tagStudyUserAttrs: true,
      logIntermediateValues: false,
      tags: { team: "pricing" },
    });
    await study.optimize(
      (t) => {
        t.setUserAttr("note", "hidden");
        t.report(5, 0);
        t.report(4, 1);
        return t.suggestFloat("x", 0, 1);
      },
      { nTrials: 1, callbacks: [cb] },
    );
    await cb.close();
    const [run] = await runsOf(client, "opts");
    expect(run.data.tags).not.toHaveProperty("note");
    expect(run.data.tags.team).toBe("pricing");
    expect(run.data.tags.long).toBe(`${"s".repeat(7997)}...`); // MLflow's 8000-character limit
    const history = await client.getMetricHistory(run.info.runId, "value");
    expect(history.map((m) => [m.step, m.value])).toEqual([[0, study.trials[0].values![0]]]);
  });

  it("refuses a deleted experiment of the study's name, as MLflow's set_experiment does", async () => {
    await client.deleteExperiment(await client.createExperiment("gone"));
    const study = await createStudy({ studyName: "gone" });
    const cb = trackingCallback({ trackingUri: client });
    await expect(
      study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 1, callbacks: [cb] }),
    ).rejects.toThrow(/experiment "gone" is deleted/);
  });
});

describe("trackingCallback over HTTP against tunelab's server", () => {
  it("http:// tracking URI: runs, nested parent, trackInObjective metrics and Optuna's tags arrive through the MLflow REST API", async () => {
    const f = await serverFixture();
    try {
      await f.app.listen({ host: "127.0.0.1", port: 0 });
      const { port } = f.app.server.address() as { port: number };
      const uri = `http://127.0.0.1:${port}`;
      const study = await createStudy({ studyName: "over-http", sampler: new RandomSampler({ seed: 3 }) });
      const cb = trackingCallback({ trackingUri: uri, metricName: "rmse", nested: true });
      await threeTrials(study, cb);
      await study.optimize(
        cb.trackInObjective(study, async (trial, run) => {
          await run.client.logMetric(run.runId, "fold_rmse", 0.5, { step: 0 });
          trial.report(2, 0);
          return trial.suggestFloat("x", -10, 10);
        }),
        { nTrials: 1, callbacks: [cb] },
      );
      await cb.close();
      const reader = new TrackingClient(uri);
      try {
        const runs = await runsOf(reader, "over-http");
        const parent = runs.find((r) => r.data.tags.number === undefined)!;
        expect(parent.info.runName).toBe("over-http");
        expect(parent.info.status).toBe("FINISHED");
        const children = runs.filter((r) => r !== parent);
        expect(children.map((r) => r.data.tags.state)).toEqual(["COMPLETE", "PRUNED", "FAIL", "COMPLETE"]);
        for (const [i, r] of children.entries()) {
          const t = study.trials[i];
          expect(r.info.runName).toBe(String(i));
          expect(r.info.status).toBe("FINISHED");
          expect(r.info.startTime).toBe(t.datetimeStart!.getTime());
          expect(r.data.tags["mlflow.parentRunId"]).toBe(parent.info.runId);
          expect(r.data.tags.x_distribution).toBe(
            "FloatDistribution(high=10.0, log=False, low=-10.0, step=None)",
          );
          const history = await reader.getMetricHistory(r.info.runId, "rmse");
          expect(history.map((m) => [m.step, m.value])).toEqual([
            ...t.intermediateValues,
            ...(t.values === null ? [] : [[t.lastStep ?? 0, t.values[0]]]),
          ]);
        }
        expect(children[3].data.metrics.map((m) => m.key).sort()).toEqual(["fold_rmse", "rmse"]);
      } finally {
        await reader.close();
      }
    } finally {
      await f.close();
    }
  });
});

describeIf(await postgresAvailable(), "PostgreSQL on 127.0.0.1:5432")(
  "trackingCallback on PostgreSQL",
  () => {
    it("writes the runs to a postgresql:// tracking URI", async () => {
      const db = await createTempDatabase();
      try {
        const study = await createStudy({ studyName: "pg" });
        const cb = trackingCallback({ trackingUri: db.url, metricName: "m" });
        await study.optimize((t) => t.suggestFloat("x", 0, 1), {
          nTrials: 3,
          callbacks: [cb],
          concurrency: 3,
        });
        await cb.close();
        const client = new TrackingClient(db.url);
        try {
          const runs = await runsOf(client, "pg");
          expect(runs.map((r) => r.data.tags.state)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE"]);
          expect(runs.map((r) => r.data.metrics[0].value)).toEqual(study.trials.map((t) => t.values![0]));
        } finally {
          await client.close();
        }
      } finally {
        await db.drop();
      }
    });
  },
);
