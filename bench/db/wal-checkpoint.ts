/**
 * WAL checkpointer A/B, in one process: `logMetric` on the real SQLite tracking store, one call
 * after another, with src/db's checkpointer ("wal": in-line cap 4096 pages, checkpoints when
 * writing pauses) against SQLite's default (in-line checkpoint every 1,000 pages, no thread).
 * Prints per round and variant: wall and process CPU per call (the CPU includes the
 * checkpointer's thread), p50/p99/max latency, calls over 2 ms, and the most WAL frames seen
 * (in MB of 4 KiB pages).
 *
 * Usage: npx tsx bench/db/wal-checkpoint.ts [calls=20000] [rounds=3] [burst=0]
 * burst > 0: after every `burst` calls, pause 400 ms (a training loop between epochs); the pauses
 * are not counted in wall time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireSharedSqlite } from "../../src/db/retrying-database.js";
import { SqlTrackingStore } from "../../src/track/index.js";

const N = Number(process.argv[2] ?? 20000);
const ROUNDS = Number(process.argv[3] ?? 3);
const BURST = Number(process.argv[4] ?? 0);

async function round(variant: "sqlite-default" | "wal") {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-wal-bench-"));
  const path = join(dir, "t.db");
  const store = await SqlTrackingStore.open(`sqlite:///${path}`, { artifactRoot: join(dir, "a") });
  const shared = acquireSharedSqlite(path);
  const frames = () => (shared.raw.pragma("wal_checkpoint(NOOP)") as { log: number }[])[0]!.log;
  if (variant === "sqlite-default") {
    // the thread then still checkpoints in pauses; in a burst without pauses it never runs
    shared.raw.pragma("wal_autocheckpoint = 1000");
    shared.raw.pragma("journal_size_limit = -1");
  }
  const exp = await store.createExperiment("e");
  const runId = (await store.createRun({ experimentId: exp, startTime: 0, userId: "bench" })).info.runId;
  const lat = new Float64Array(N);
  let mostFrames = 0;
  let paused = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const a = performance.now();
    await store.logMetric(runId, {
      key: "loss",
      value: Math.random(),
      timestamp: 1_700_000_000_000 + i,
      step: i,
    });
    lat[i] = performance.now() - a;
    if (i % 100 === 0) mostFrames = Math.max(mostFrames, frames());
    if (BURST && i % BURST === BURST - 1) {
      const p = performance.now();
      await new Promise((r) => setTimeout(r, 400));
      paused += performance.now() - p;
    }
  }
  const wall = performance.now() - t0 - paused;
  const cpu = process.cpuUsage(cpu0);
  await shared.release();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...lat].sort((x, y) => x - y);
  const us = (p: number) => Math.round(sorted[Math.floor(p * N)]! * 1000);
  return {
    variant,
    wallUs: Math.round((wall * 1000) / N),
    cpuUs: Math.round((cpu.user + cpu.system) / N),
    p50Us: us(0.5),
    p99Us: us(0.99),
    maxMs: Math.round(sorted[N - 1]!),
    over2ms: sorted.filter((x) => x > 2).length,
    walMB: Math.round((mostFrames * 4096) / 1e5) / 10,
  };
}

for (let r = 0; r < ROUNDS; r++)
  for (const variant of ["sqlite-default", "wal"] as const) console.log(JSON.stringify(await round(variant)));
