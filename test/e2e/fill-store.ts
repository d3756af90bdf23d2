import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { artifactLocation, type UiServer } from "./ui-server.js";

/** What {@link fillStore} logged, for the tests' expectations. */
export interface Filled {
  readonly experimentId: string;
  readonly otherExperimentId: string;
  /** run name -> id */
  readonly runs: Record<string, string>;
  /** run name -> final rmse */
  readonly rmse: Record<string, number>;
}

const T0 = Date.UTC(2026, 0, 1);

/**
 * Logs through the tracking API: experiment "house-prices" with 12 finished runs (params lr,
 * depth, loss; metric rmse with a 20-step history; metric r2), a parent run with two children,
 * artifacts (text, JSON, CSV, PNG) on run-00; and an unrelated experiment "other-exp".
 */
export async function fillStore(server: UiServer): Promise<Filled> {
  const { client } = server;
  const experimentId = await client.createExperiment("house-prices", {
    artifactLocation: artifactLocation(server, "house-prices"),
  });
  const otherExperimentId = await client.createExperiment("other-exp", {
    artifactLocation: artifactLocation(server, "other-exp"),
  });
  const runs: Record<string, string> = {};
  const rmse: Record<string, number> = {};
  for (let i = 0; i < 12; i++) {
    const name = `run-${String(i).padStart(2, "0")}`;
    const lr = [0.01, 0.03, 0.1][i % 3]!;
    const depth = 4 + (i % 4);
    const final = 0.5 + ((i * 7) % 12) / 20; // distinct values, not in start order
    const run = await client.createRun(experimentId, {
      runName: name,
      startTime: T0 + i * 60_000,
      userId: "alice",
    });
    const id = run.info.runId;
    runs[name] = id;
    rmse[name] = final;
    await client.logBatch(id, {
      params: [
        { key: "lr", value: String(lr) },
        { key: "depth", value: String(depth) },
        { key: "loss", value: i % 2 ? "RMSE" : "MAE" },
      ],
      metrics: [
        ...Array.from({ length: 20 }, (_, s) => ({
          key: "rmse",
          value: final + (19 - s) * 0.05,
          timestamp: T0 + i * 60_000 + s * 1000,
          step: s,
        })),
        { key: "r2", value: 1 - final / 2, timestamp: T0 + i * 60_000 + 20_000, step: 0 },
      ],
    });
    await client.setTerminated(id, "FINISHED", T0 + i * 60_000 + 30_000);
  }
  const first = runs["run-00"]!;
  await client.logText(first, "hello from the run\nsecond line\n", "notes/readme.txt");
  await client.logDict(first, { best: { rmse: rmse["run-00"], depth: 4 } }, "summary.json");
  await client.logText(first, "fold,rmse\n1,0.61\n2,0.64\n", "cv.csv");
  const dir = await mkdtemp(join(tmpdir(), "tunelab-e2e-png-"));
  await writeFile(join(dir, "plot.png"), Buffer.from(PNG_1x1, "base64"));
  await client.logArtifact(first, join(dir, "plot.png"));
  await rm(dir, { recursive: true, force: true });
  const parent = await client.createRun(experimentId, { runName: "parent", startTime: T0 + 20 * 60_000 });
  runs.parent = parent.info.runId;
  for (const c of ["child-a", "child-b"]) {
    const child = await client.createRun(experimentId, {
      runName: c,
      startTime: T0 + 21 * 60_000,
      tags: { "mlflow.parentRunId": parent.info.runId },
    });
    runs[c] = child.info.runId;
  }
  return { experimentId, otherExperimentId, runs, rmse };
}

/** A 1x1 PNG. */
const PNG_1x1 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
