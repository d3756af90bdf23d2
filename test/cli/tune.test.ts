import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TrackingClient } from "../../src/track/index.js";
import { createStudy, loadStudy } from "../../src/tune/index.js";
import { freshSqlite } from "../helpers/databases.js";
import { expectConsecutive, run } from "../helpers/processes.js";

const CLI = "bin/tunelab.js";

describe("tunelab tune with an objective module that exports callbacks", () => {
  let dir: string;
  let db: ReturnType<typeof freshSqlite>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tunelab-cli-tune-"));
    db = freshSqlite();
  });
  afterEach(() => {
    delete process.env.TUNELAB_TEST_TRACKING_URI;
    db.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("`tunelab tune m.ts --workers 2` runs the module's trackingCallback in every worker: one run per trial", async () => {
    const trackingUri = join(dir, "mlruns");
    process.env.TUNELAB_TEST_TRACKING_URI = trackingUri; // the child processes inherit it
    const seeded = await createStudy({ studyName: "cli-tracked", storage: db.url });
    await seeded.setUserAttr("dataset", "quadratic");
    await seeded.close();
    const r = await run(process.execPath, [
      CLI,
      "tune",
      "test/cli/fixtures/tracked-objective.ts",
      ...["--study", "cli-tracked", "--storage", db.url, "--trials", "12", "--workers", "2"],
      ...["--pruner", "median", "--seed", "1", "--quiet"],
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^study cli-tracked: 12 trials \(/);

    const study = await loadStudy({ studyName: "cli-tracked", storage: db.url });
    const trials = study.trials;
    const bestValue = study.bestValue;
    await study.close();
    expectConsecutive(trials, 12);
    expect(new Set(trials.map((t) => t.userAttrs.worker_pid)).size).toBe(2);

    const client = new TrackingClient(trackingUri);
    try {
      const exp = await client.getExperimentByName("cli-tracked");
      expect(exp).not.toBeNull();
      const runs = (await client.searchRuns(exp!.experimentId, { maxResults: 100 })).items;
      expect(runs.map((x) => Number(x.info.runName)).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
      for (const t of trials) {
        const run = runs.find((x) => x.info.runName === String(t.number))!;
        expect(run.info.status).toBe("FINISHED");
        expect(run.data.tags).toMatchObject({
          number: String(t.number),
          state: t.state,
          direction: "MINIMIZE",
          dataset: "quadratic",
          worker_pid: String(t.userAttrs.worker_pid),
          n_distribution: "IntDistribution(high=4, log=False, low=1, step=1)",
        });
        expect(Number(run.data.params.x)).toBe(t.params.x);
        expect(run.data.params.n).toBe(String(t.params.n));
        // the reported steps are the metric's history, the trial's value its latest value
        const history = await client.getMetricHistory(run.info.runId, "loss");
        expect(history.slice(0, t.intermediateValues.size).map((m) => [m.step, m.value])).toEqual([
          ...t.intermediateValues,
        ]);
        expect(run.data.metrics.find((m) => m.key === "loss")!.value).toBe(t.values![0]);
      }
      const best = await client.searchRuns(exp!.experimentId, {
        filter: "tags.state = 'COMPLETE'",
        orderBy: ["metrics.loss ASC"],
        maxResults: 1,
      });
      expect(best.items[0].data.metrics.find((m) => m.key === "loss")!.value).toBe(bestValue);
    } finally {
      await client.close();
    }
  }, 120_000);

  it("a `callbacks` export that is not an array is refused before any worker starts, naming the module", async () => {
    const r = await run(process.execPath, [
      CLI,
      "tune",
      "test/cli/fixtures/bad-callbacks-objective.ts",
      ...["--study", "bad", "--storage", db.url, "--trials", "1"],
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /bad-callbacks-objective\.ts: export "callbacks" must be an array of functions .*got a function/,
    );
  }, 60_000);
});
