import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, it } from "vitest";
import { TrackingClient } from "../../../src/track/index.js";
import { createTempDatabase, postgresAvailable } from "../../helpers/pg-database.js";
import { describeIf } from "../../helpers/requires.js";

const WORKER = fileURLToPath(new URL("./log-worker.ts", import.meta.url));

function startWorker(args: string[]): {
  child: ChildProcess;
  lines: string[];
  done: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let buf = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split("\n");
    buf = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr })),
  );
  return { child, lines, done };
}

const pgOk = await postgresAvailable();
const BACKENDS = [
  { name: "SQLite folder store", available: true, sqlite: true },
  { name: "PostgreSQL store", available: pgOk, sqlite: false },
];

for (const backend of BACKENDS)
  describeIf(backend.available, "PostgreSQL on 127.0.0.1:5432 (or $TUNELAB_PG_URL)")(
    `${backend.name} under several processes`,
    () => {
      let dir: string;
      let uri: string;
      let drop: () => Promise<void> = async () => {};
      beforeEach(async () => {
        dir = await mkdtemp(join(tmpdir(), "tunelab-rel-"));
        if (backend.sqlite) uri = join(dir, "mlruns");
        else {
          const db = await createTempDatabase("tunelab_rel");
          uri = db.url;
          drop = db.drop;
        }
      });
      afterEach(async () => {
        await drop();
        await rm(dir, { recursive: true, force: true });
      });

      it("two processes logging to one store at once lose nothing and never see 'database is locked'", async () => {
        const client = new TrackingClient(uri);
        const shared = (await client.createRun("0", { runName: "shared" })).info.runId;
        const own = (await client.createRun("0", { runName: "own" })).info.runId;
        const N = 400;
        const workers = [
          startWorker([uri, shared, "a", String(N)]),
          startWorker([uri, shared, "b", String(N), "batch"]),
          startWorker([uri, own, "c", String(N)]),
        ];
        // The parent writes too while the children run.
        for (let i = 0; i < 100; i++) await client.setTag(shared, `t${i}`, i);
        const results = await Promise.all(workers.map((w) => w.done));
        for (const r of results) {
          expect(r.stderr).not.toMatch(/locked|SQLITE_BUSY/);
          expect(r.code).toBe(0);
        }
        for (const [run, key] of [
          [shared, "a"],
          [shared, "b"],
          [own, "c"],
        ] as const) {
          const hist = await client.getMetricHistory(run, key);
          expect(hist.map((m) => m.step)).toEqual(Array.from({ length: N }, (_, i) => i));
        }
        const got = await client.getRun(shared);
        expect(got.data.metrics.find((m) => m.key === "a")?.value).toBe(N - 1);
        expect(Object.keys(got.data.tags).filter((k) => k.startsWith("t"))).toHaveLength(100);
        await client.close();
      }, 120_000);

      it("a process killed while logging leaves every committed value and a store that opens", async () => {
        const client = new TrackingClient(uri);
        const runId = (await client.createRun("0")).info.runId;
        await client.close();
        const w = startWorker([uri, runId, "loss", "1000000"]);
        await new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            if (w.lines.length >= 300) {
              clearInterval(timer);
              resolve();
            }
          }, 5);
        });
        w.child.kill("SIGKILL");
        await w.done;
        const confirmed = w.lines.length; // every printed step was committed before it was printed
        if (backend.sqlite) {
          const db = new Database(join(uri, "tunelab.db"));
          expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
          db.close();
        }
        const after = new TrackingClient(uri);
        const hist = await after.getMetricHistory(runId, "loss");
        expect(hist.length).toBeGreaterThanOrEqual(confirmed);
        expect(hist.map((m) => m.step)).toEqual(Array.from({ length: hist.length }, (_, i) => i));
        await after.logMetric(runId, "loss", -1, { step: hist.length }); // and it accepts writes
        expect((await after.getRun(runId)).data.metrics[0]?.value).toBe(-1);
        await after.close();
      }, 120_000);
    },
  );
