import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTrackingUri, TrackingClient } from "../../src/track/index.js";

describe("TrackingClient", () => {
  let dir: string;
  let client: TrackingClient;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "tunelab-client-"));
    client = new TrackingClient(join(dir, "mlruns"));
  });
  afterEach(async () => {
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a folder tracking URI holds tunelab.db and artifacts/", async () => {
    const exp = await client.createExperiment("e");
    const run = await client.createRun(exp);
    await client.logText(run.info.runId, "hi", "notes.txt");
    expect(existsSync(join(dir, "mlruns", "tunelab.db"))).toBe(true);
    expect(existsSync(join(dir, "mlruns", "artifacts", exp, run.info.runId, "artifacts", "notes.txt"))).toBe(
      true,
    );
  });

  it("the full method list works end to end on one run", async () => {
    const exp = await client.createExperiment("full", { tags: { team: "ml" } });
    expect((await client.getExperimentByName("full"))?.tags).toEqual({ team: "ml" });
    await client.setExperimentTag(exp, "k", 1);
    await client.updateExperiment(exp, "full-2");
    expect((await client.getExperiment(exp)).tags).toEqual({ team: "ml", k: "1" });
    const run = await client.createRun(exp, { runName: "r", tags: { a: 1 } });
    const id = run.info.runId;
    await client.logParam(id, "depth", 6);
    await client.logMetric(id, "rmse", 0.2, { step: 1 });
    await client.logMetric(id, "rmse", 0.1, { step: 2 });
    await client.setTag(id, "t", true);
    await client.logBatch(id, {
      metrics: Array.from({ length: 2500 }, (_, i) => ({ key: "curve", value: i, timestamp: 1, step: i })),
      params: Array.from({ length: 150 }, (_, i) => ({ key: `p${i}`, value: String(i) })),
    });
    expect((await client.getMetricHistory(id, "curve")).length).toBe(2500);
    expect((await client.getMetricHistory(id, "rmse")).map((m) => m.value)).toEqual([0.2, 0.1]);
    const src = join(dir, "model.txt");
    await writeFile(src, "weights");
    await client.logArtifact(id, src, "model");
    await client.logDict(id, { a: 1 }, "cfg/config.json");
    expect((await client.listArtifacts(id)).map((f) => f.path)).toEqual(["cfg", "model"]);
    const local = await client.downloadArtifacts(id, "model/model.txt", join(dir, "dl"));
    expect(await readFile(local, "utf8")).toBe("weights");
    await client.deleteTag(id, "t");
    await client.setTerminated(id, "FINISHED");
    const got = await client.getRun(id);
    expect(got.info.status).toBe("FINISHED");
    expect(got.info.endTime).not.toBeNull();
    expect(got.data.params.depth).toBe("6");
    expect(got.data.metrics.find((m) => m.key === "rmse")?.value).toBe(0.1);
    expect(Object.keys(got.data.params)).toHaveLength(151);
    const found = await client.searchRuns([exp], { filter: "params.depth = '6' and metrics.rmse < 0.15" });
    expect(found.items.map((r) => r.info.runId)).toEqual([id]);
    await client.deleteRun(id);
    expect((await client.searchRuns(exp)).items).toEqual([]);
    await client.restoreRun(id);
    await client.deleteExperiment(exp);
    await client.restoreExperiment(exp);
    expect((await client.searchExperiments({ filter: "name = 'full-2'" })).items).toHaveLength(1);
  });
});

describe("parseTrackingUri(uri)", () => {
  it("follows DESIGN.md: folder, sqlite, postgresql, http", () => {
    expect(parseTrackingUri("mlruns")).toMatchObject({
      kind: "sql",
      databaseUri: expect.stringMatching(/mlruns\/tunelab\.db$/),
    });
    expect(parseTrackingUri("file:///tmp/x")).toMatchObject({
      databaseUri: "sqlite:////tmp/x/tunelab.db",
      artifactRoot: "/tmp/x/artifacts",
    });
    expect(parseTrackingUri("sqlite:////tmp/y/t.db")).toMatchObject({
      databaseUri: "sqlite:////tmp/y/t.db",
      artifactRoot: "/tmp/y/artifacts",
    });
    expect(parseTrackingUri("postgresql://u@h/db")).toMatchObject({
      kind: "sql",
      databaseUri: "postgresql://u@h/db",
    });
    expect(parseTrackingUri("http://127.0.0.1:5000")).toEqual({ kind: "rest", url: "http://127.0.0.1:5000" });
    expect(() => parseTrackingUri("s3://bucket")).toThrow(/Unsupported tracking URI/);
  });

  it("an http(s) store is not yet supported and says so", async () => {
    const c = new TrackingClient("http://127.0.0.1:5000");
    await expect(c.getExperiment("0")).rejects.toThrow(/not yet supported/);
  });
});
