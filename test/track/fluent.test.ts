import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activeRun,
  endRun,
  getTrackingClient,
  logArtifact,
  logMetric,
  logMetrics,
  logParam,
  logParams,
  setExperiment,
  setTag,
  setTags,
  setTrackingUri,
  startRun,
  withRun,
} from "../../src/track/index.js";

describe("fluent API", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tunelab-fluent-"));
    await setTrackingUri(join(dir, "mlruns"));
  });
  afterAll(async () => {
    await setTrackingUri(join(dir, "unused"));
    await rm(dir, { recursive: true, force: true });
  });

  it("setExperiment() creates the experiment once; startRun/log*/endRun record into it", async () => {
    const exp = await setExperiment("fluent");
    expect((await setExperiment("fluent")).experimentId).toBe(exp.experimentId);
    const run = await startRun({ runName: "parent" });
    expect(activeRun()?.info.runId).toBe(run.info.runId);
    await logParam("a", 1);
    await logParams({ b: "x", c: 2.5 });
    await logMetric("loss", 0.5, { step: 1 });
    await logMetrics({ acc: 0.9, f1: 0.8 });
    await setTag("t", "v");
    await setTags({ u: 1 });
    const file = join(dir, "f.txt");
    await writeFile(file, "x");
    await logArtifact(file);
    await expect(startRun()).rejects.toThrow(/already active/);
    const child = await startRun({ runName: "child", nested: true });
    await endRun();
    await endRun();
    expect(activeRun()).toBeUndefined();
    const c = getTrackingClient();
    const got = await c.getRun(run.info.runId);
    expect(got.info).toMatchObject({ status: "FINISHED", experimentId: exp.experimentId, runName: "parent" });
    expect(got.data.params).toEqual({ a: "1", b: "x", c: "2.5" });
    expect(got.data.metrics.map((m) => m.key)).toEqual(["acc", "f1", "loss"]);
    expect(got.data.tags).toMatchObject({ t: "v", u: "1", "mlflow.source.type": "LOCAL" });
    expect((await c.getRun(child.info.runId)).data.tags["mlflow.parentRunId"]).toBe(run.info.runId);
    expect((await c.listArtifacts(run.info.runId)).map((f) => f.path)).toEqual(["f.txt"]);
  });

  it("withRun(fn) ends the run FINISHED, or FAILED when fn throws (and rethrows)", async () => {
    expect.assertions(4);
    const ok = await withRun({ runName: "ok" }, async (run) => {
      await logMetric("m", 1);
      return run.info.runId;
    });
    const c = getTrackingClient();
    expect((await c.getRun(ok)).info.status).toBe("FINISHED");
    let failedId = "";
    await expect(
      withRun({ runName: "bad" }, async (run) => {
        failedId = run.info.runId;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await c.getRun(failedId)).info.status).toBe("FAILED");
    expect(activeRun()).toBeUndefined();
  });

  it("concurrent withRun() calls each see their own active run; nested ones get mlflow.parentRunId", async () => {
    const ids = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        withRun({ runName: `trial-${i}` }, async (run) => {
          await new Promise((r) => setTimeout(r, 5 * (4 - i)));
          await logParam("i", i);
          expect(activeRun()?.info.runId).toBe(run.info.runId);
          const childId = await withRun({ runName: `child-${i}` }, async (child) => child.info.runId);
          return [run.info.runId, childId] as const;
        }),
      ),
    );
    const c = getTrackingClient();
    for (const [i, [id, childId]] of ids.entries()) {
      expect((await c.getRun(id)).data.params.i).toBe(String(i));
      expect((await c.getRun(childId)).data.tags["mlflow.parentRunId"]).toBe(id);
    }
  });

  it("logging without an active run says how to start one", async () => {
    await expect(logMetric("x", 1)).rejects.toThrow(/No active run/);
  });
});
