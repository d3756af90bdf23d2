import { pathToFileURL } from "node:url";
import { TrackingClient } from "../../src/track/index.js";

const T0 = Date.UTC(2026, 0, 1);

/**
 * Creates experiment "bench-10k" in the store with `n` finished runs, each with 4 params and 3
 * metrics (latest values), as a tuning job logs them. Returns the experiment id.
 */
export async function fillRuns(storeUri: string, artifactsRoot: string, n: number): Promise<string> {
  const client = new TrackingClient(storeUri);
  const id = await client.createExperiment("bench-10k", {
    artifactLocation: pathToFileURL(`${artifactsRoot}/bench-10k`).href,
  });
  for (let i = 0; i < n; i++) {
    const start = T0 + i * 1000;
    const run = await client.createRun(id, { runName: `trial-${i}`, startTime: start, userId: "bench" });
    const rid = run.info.runId;
    const rmse = 0.5 + ((i * 7919) % n) / n;
    await client.logBatch(rid, {
      params: [
        { key: "learning_rate", value: String(0.01 + (i % 10) / 100) },
        { key: "depth", value: String(4 + (i % 6)) },
        { key: "l2_leaf_reg", value: String(1 + (i % 5)) },
        { key: "loss", value: i % 2 ? "RMSE" : "MAE" },
      ],
      metrics: [
        { key: "rmse", value: rmse, timestamp: start + 500, step: 0 },
        { key: "mae", value: rmse * 0.8, timestamp: start + 500, step: 0 },
        { key: "r2", value: 1 - rmse / 2, timestamp: start + 500, step: 0 },
      ],
    });
    await client.setTerminated(rid, "FINISHED", start + 900);
  }
  await client.close();
  return id;
}
