import { Agent, request } from "node:http";
import { describe, expect, it } from "vitest";
import { RestTrackingStore } from "../../src/track/index.js";
import { serverFixture } from "./server-fixture.js";

/**
 * POSTs JSON over a keep-alive connection of `agent` (one socket per client); resolves the status.
 * node:http instead of fetch: fetch's per-request overhead made this test take minutes on a
 * loaded 2-core machine, while what it proves (50 clients writing at once) is unchanged.
 */
function post(agent: Agent, port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path,
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("concurrent clients", () => {
  it("50 clients logging 1,000 metrics each over HTTP: all 50,000 values are stored", async () => {
    const f = await serverFixture();
    const agents = Array.from({ length: 50 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    try {
      await f.app.listen({ host: "127.0.0.1", port: 0 });
      const { port } = f.app.server.address() as { port: number };
      const store = new RestTrackingStore(`http://127.0.0.1:${port}`);
      const runs = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.createRun({ experimentId: "0", runName: `client-${i}` })),
      );
      // every client has its own connection and sends one log-metric call at a time
      await Promise.all(
        runs.map(async (run, c) => {
          for (let step = 0; step < 1000; step++) {
            const body = JSON.stringify({
              run_id: run.info.runId,
              key: "loss",
              value: c + step / 1000,
              timestamp: 1,
              step,
            });
            const status = await post(agents[c]!, port, "/api/2.0/mlflow/runs/log-metric", body);
            if (status !== 200) throw new Error(`client ${c} step ${step}: HTTP ${status}`);
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
      for (const a of agents) a.destroy();
      await f.close();
    }
  }, 300_000);
});
