/**
 * Child process for the reliability tests: logs metrics to a tracking URI and prints one line
 * per committed write ("<step>"), so the parent knows what must survive a kill.
 * Usage: log-worker.ts <trackingUri> <runId> <key> <count> [batch]
 */
import { TrackingClient } from "../../../src/track/index.js";

const [uri, runId, key, countText, mode] = process.argv.slice(2);
const client = new TrackingClient(uri!);
const count = Number(countText);
for (let step = 0; step < count; step++) {
  if (mode === "batch" && step % 10 === 0) {
    await client.logBatch(runId!, {
      metrics: Array.from({ length: 10 }, (_, i) => ({
        key,
        value: step + i,
        timestamp: Date.now(),
        step: step + i,
      })),
    });
    step += 9;
  } else await client.logMetric(runId!, key!, step, { step });
  process.stdout.write(`${step}\n`);
}
await client.close();
