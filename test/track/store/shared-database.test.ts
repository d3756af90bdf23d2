import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { SqlTrackingStore } from "../../../src/track/index.js";
import { createStudy } from "../../../src/tune/index.js";

it("a study and a tracking store on one SQLite file in one process interleave writes without stalling", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tunelab-shared-"));
  const uri = `sqlite:///${join(dir, "shared.db")}`;
  try {
    const store = await SqlTrackingStore.open(uri, { artifactRoot: join(dir, "artifacts") });
    const study = await createStudy({ storage: uri, studyName: "shared", direction: "minimize" });
    const run = await store.createRun({ experimentId: "0" });
    const logging = (async () => {
      for (let i = 0; i < 200; i++)
        await store.logMetric(run.info.runId, { key: "x", value: i, timestamp: i, step: i });
    })();
    await study.optimize(
      async (trial) => {
        const x = trial.suggestFloat("x", -1, 1);
        await store.setTag(run.info.runId, { key: `trial-${trial.number}`, value: String(x) });
        return x * x;
      },
      { nTrials: 20, concurrency: 4 },
    );
    await logging;
    expect(study.trials).toHaveLength(20);
    expect((await store.getMetricHistory(run.info.runId, "x")).items).toHaveLength(200);
    expect(
      Object.keys((await store.getRun(run.info.runId)).data.tags).filter((k) => k.startsWith("trial-")),
    ).toHaveLength(20);
    await store.close();
    await study.close?.();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 20_000);
