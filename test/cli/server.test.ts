import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqlTrackingStore } from "../../src/track/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tunelab-cli-server-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `tunelab server` on a free port; resolves with the child and its base URL. */
function startServer(
  args: string[] = [],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [
      "bin/tunelab.js",
      "server",
      "--backend-store-uri",
      `sqlite:///${join(dir, "t.db")}`,
      "--artifacts-destination",
      join(dir, "artifacts"),
      "--port",
      "0",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string, output: () => out });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

async function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/2.0/mlflow/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function historyLength(runId: string): Promise<number[]> {
  const store = await SqlTrackingStore.open(`sqlite:///${join(dir, "t.db")}`, {
    artifactRoot: join(dir, "artifacts"),
  });
  try {
    return (await store.getMetricHistory(runId, "m")).items.map((m) => m.step);
  } finally {
    await store.close();
  }
}

describe("tunelab server", () => {
  it("binds 127.0.0.1 by default and answers MLflow calls; --auth turns on basic auth", async () => {
    const { child, url } = await startServer(["--auth", "me:secret"]);
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect((await post(url, "experiments/create", { name: "x" })).status).toBe(401);
      const ok = await fetch(`${url}/api/2.0/mlflow/experiments/get?experiment_id=0`, {
        headers: { authorization: `Basic ${Buffer.from("me:secret").toString("base64")}` },
      });
      expect(((await ok.json()) as { experiment: { name: string } }).experiment.name).toBe("Default");
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);

  it("SIGTERM lets requests in flight finish: every acknowledged write is stored, exit code 0", async () => {
    const { child, url } = await startServer();
    const run = (await (await post(url, "runs/create", { experiment_id: "0", start_time: 1 })).json()) as {
      run: { info: { run_id: string } };
    };
    const runId = run.run.info.run_id;
    const acked: number[] = [];
    let next = 0;
    // 20 clients keep writing; SIGTERM comes while ~20 requests are in flight
    const writers = Array.from({ length: 20 }, async () => {
      for (;;) {
        const step = next++;
        try {
          const r = await post(url, "runs/log-metric", {
            run_id: runId,
            key: "m",
            value: step,
            timestamp: 1,
            step,
          });
          if (r.status !== 200) return;
          acked.push(step);
        } catch {
          return;
        }
      }
    });
    while (acked.length < 50) await new Promise((r) => setTimeout(r, 5));
    const exit = exited(child);
    child.kill("SIGTERM");
    await Promise.all(writers);
    expect(await exit).toBe(0);
    const stored = await historyLength(runId);
    expect(acked.length).toBeGreaterThan(0);
    for (const s of acked) expect(stored).toContain(s);
  }, 60_000);

  it("SIGKILL mid-load and a restart keep everything acknowledged before the kill", async () => {
    const first = await startServer();
    const run = (await (
      await post(first.url, "runs/create", { experiment_id: "0", start_time: 1 })
    ).json()) as {
      run: { info: { run_id: string } };
    };
    const runId = run.run.info.run_id;
    const acked: number[] = [];
    let stop = false;
    const load = (async () => {
      for (let step = 0; !stop; step++) {
        try {
          const r = await post(first.url, "runs/log-metric", {
            run_id: runId,
            key: "m",
            value: step,
            timestamp: 1,
            step,
          });
          if (r.status === 200) acked.push(step);
        } catch {
          return;
        }
      }
    })();
    while (acked.length < 100) await new Promise((r) => setTimeout(r, 10));
    const exit = exited(first.child);
    first.child.kill("SIGKILL");
    await exit;
    stop = true;
    await load;
    const second = await startServer();
    try {
      const h = (await (
        await fetch(`${second.url}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=m`)
      ).json()) as { metrics: { step: number }[] };
      const steps = new Set(h.metrics.map((m) => m.step));
      for (const s of acked) expect(steps.has(s)).toBe(true);
    } finally {
      second.child.kill("SIGKILL");
    }
  }, 60_000);
});
