import { describe, expect, it } from "vitest";
import { RestTrackingStore } from "../../src/track/index.js";
import { serverFixture } from "./server-fixture.js";

describe("concurrent clients", () => {
  it("50 clients logging 1,000 metrics each over HTTP: all 50,000 values are stored", async () => {
    const f = await serverFixture();
    try {
      await f.app.listen({ host: "127.0.0.1", port: 0 });
      const { port } = f.app.server.address() as { port: number };
      const url = `http://127.0.0.1:${port}`;
      const store = new RestTrackingStore(url);
      const runs = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.createRun({ experimentId: "0", runName: `client-${i}` })),
      );
      await Promise.all(
        runs.map(async (run, c) => {
          for (let step = 0; step < 1000; step++) {
            const res = await fetch(`${url}/api/2.0/mlflow/runs/log-metric`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({
                run_id: run.info.runId,
                key: "loss",
                value: c + step / 1000,
                timestamp: 1,
                step,
              }),
            });
            if (res.status !== 200) throw new Error(`client ${c} step ${step}: HTTP ${res.status}`);
            await res.arrayBuffer();
          }
        }),
      );
      let total = 0;
      for (const [c, run] of runs.entries()) {
        const h = await store.getMetricHistory(run.info.runId, "loss");
        expect(h.items.map((m) => m.step)).toEqual(Array.from({ length: 1000 }, (_, s) => s));
        expect(h.items[999]?.value).toBeCloseTo(c + 0.999, 9);
        total += h.items.length;
      }
      expect(total).toBe(50_000);
    } finally {
      await f.close();
    }
  }, 300_000);
});
