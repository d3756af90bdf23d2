/**
 * `npm run bench:tune-storage`: throughput of studies in SQLite and PostgreSQL, tunelab side by
 * side with Python Optuna's RDB storage (venv at $TUNELAB_VENV, same run, same instant objective:
 * sum of squares of 5 floats). Prints trials/s and the ratio tunelab / Optuna.
 *
 *   npm run bench:tune-storage -- [--n 1000] [--reps 3] [--optuna-reps 1] [--pg-trials 200]
 *                                  [--scale 10000] [--only sqlite,pg,scale] [--pg-async-commit]
 *
 * Cases: TPE and random on one SQLite file (single process, N trials); 2 worker processes on one
 * PostgreSQL study (200 trials, workers start together on a signal, wall = first start to last
 * end, as in the anchor's distributed.py); cost per trial at `--scale` trials vs at N (random,
 * SQLite, process CPU and wall time over the last N/2 trials of each run).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createStudy, RandomSampler, type Sampler, TPESampler } from "../../src/tune/index.js";
import { fmt, median } from "./stats.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(opt("n", "1000"));
const reps = Number(opt("reps", "3"));
const optunaReps = Number(opt("optuna-reps", "1"));
const pgTrials = Number(opt("pg-trials", "200"));
const scaleN = Number(opt("scale", "10000"));
const only = opt("only", "sqlite,pg,scale").split(",");
/** Also run tunelab's PostgreSQL case with `synchronous_commit=off` (an opt-in through the URI). */
const pgAsync = args.includes("--pg-async-commit");
const ASYNC_COMMIT = "?options=-c%20synchronous_commit%3Doff";
const venv = process.env.TUNELAB_VENV ?? `${process.env.HOME}/.cache/tunelab-venv`;
const python = `${venv}/bin/python`;
const haveOptuna = existsSync(python);
const PG_ADMIN = process.env.TUNELAB_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const objective = (t: { suggestFloat: (n: string, l: number, h: number) => number }) => {
  let s = 0;
  for (let i = 0; i < 5; i++) s += t.suggestFloat(`x${i}`, -10, 10) ** 2;
  return s;
};

function tempSqlite(): { url: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-bench-"));
  return {
    url: `sqlite:///${join(dir, "bench.db")}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * tunelab on SQLite: seconds for n trials, and the wall and process CPU ms per trial over the
 * last `window` trials (CPU time is what the code costs; wall time also counts waiting for the
 * CPU on a shared machine).
 */
async function tunelabSqlite(
  make: () => Sampler,
  n: number,
  window = 100,
): Promise<{ seconds: number; lastWall: number; lastCpu: number }> {
  const f = tempSqlite();
  try {
    const study = await createStudy({ studyName: "bench", storage: f.url, sampler: make() });
    const stamps: { wall: number; cpu: number }[] = [];
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const t0 = performance.now();
    const c0 = cpuMs();
    await study.optimize(objective, {
      nTrials: n,
      callbacks: [() => void stamps.push({ wall: performance.now(), cpu: cpuMs() })],
    });
    const seconds = (performance.now() - t0) / 1000;
    const k = Math.min(window, n);
    const from = n > k ? stamps[n - k - 1] : { wall: t0, cpu: c0 };
    await study.close();
    return {
      seconds,
      lastWall: (stamps[n - 1].wall - from.wall) / k,
      lastCpu: (stamps[n - 1].cpu - from.cpu) / k,
    };
  } finally {
    f.remove();
  }
}

function optunaSqlite(sampler: string, n: number): number {
  const f = tempSqlite();
  try {
    const out = execFileSync(python, ["bench/tune/storage_optuna.py", "single", f.url, sampler, String(n)], {
      encoding: "utf8",
    });
    return (JSON.parse(out.trim().split("\n").pop()!) as { seconds: number }).seconds;
  } finally {
    f.remove();
  }
}

async function withPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `tunelab_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  admin.on("error", () => {}); // a restart by someone else must not kill the benchmark
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Starts workers, waits for READY from all, sends go, returns wall seconds (first start to last end). */
async function raceWorkers(commands: string[][]): Promise<number> {
  const procs = commands.map(([cmd, ...a]) => spawn(cmd, a, { stdio: ["pipe", "pipe", "inherit"] }));
  const outputs = procs.map(
    (p) =>
      new Promise<string>((done) => {
        let out = "";
        p.stdout.on("data", (d) => {
          out += d;
        });
        p.on("exit", () => done(out));
      }),
  );
  await Promise.all(
    procs.map(
      (p) => new Promise<void>((ok) => p.stdout.on("data", (d) => String(d).includes("READY") && ok())),
    ),
  );
  for (const p of procs) p.stdin.write("go\n");
  const times = (await Promise.all(outputs)).map(
    (o) => JSON.parse(o.trim().split("\n").pop()!) as { start: number; end: number },
  );
  return Math.max(...times.map((t) => t.end)) - Math.min(...times.map((t) => t.start));
}

async function pgCase(who: "tunelab" | "optuna", sampler: string, suffix = ""): Promise<number> {
  return withPgDatabase(async (base) => {
    const url = base + suffix;
    const study = await createStudy({ studyName: "bench", storage: url });
    await study.close();
    const half = String(pgTrials / 2);
    const cmds = [0, 1].map((w) =>
      who === "tunelab"
        ? [
            process.execPath,
            "--import",
            "tsx",
            "bench/tune/storage-worker.ts",
            url,
            "bench",
            sampler,
            half,
            String(w),
          ]
        : [
            python,
            "bench/tune/storage_optuna.py",
            "worker",
            url.replace(/^postgresql:/, "postgresql+psycopg2:"),
            "bench",
            sampler,
            half,
            String(w),
          ],
    );
    return raceWorkers(cmds);
  });
}

const rows: string[][] = [["case", "tunelab trials/s", "Optuna trials/s", "ratio"]];
const show = (name: string, ours: number, theirs: number | null) => {
  rows.push([
    name,
    fmt(ours),
    theirs === null ? "-" : fmt(theirs),
    theirs === null ? "-" : `${fmt(ours / theirs)}x`,
  ]);
  console.log(rows.at(-1)!.join("  |  "));
};

if (only.includes("sqlite"))
  for (const [name, make] of [
    ["tpe", () => new TPESampler({ seed: 0 })],
    ["random", () => new RandomSampler({ seed: 0 })],
  ] as const) {
    const ours: number[] = [];
    for (let r = 0; r < reps; r++) ours.push(N / (await tunelabSqlite(make, N)).seconds);
    const theirs: number[] = [];
    if (haveOptuna) for (let r = 0; r < optunaReps; r++) theirs.push(N / optunaSqlite(name, N));
    show(`SQLite ${name} ${N} trials`, median(ours), theirs.length ? median(theirs) : null);
  }

if (only.includes("pg"))
  for (const sampler of ["tpe", "random"]) {
    const ours: number[] = [];
    for (let r = 0; r < reps; r++) ours.push(pgTrials / (await pgCase("tunelab", sampler)));
    const theirs: number[] = [];
    if (haveOptuna)
      for (let r = 0; r < optunaReps; r++) theirs.push(pgTrials / (await pgCase("optuna", sampler)));
    const optuna = theirs.length ? median(theirs) : null;
    show(`PostgreSQL 2 workers ${sampler} ${pgTrials} trials`, median(ours), optuna);
    if (pgAsync) {
      const fast: number[] = [];
      for (let r = 0; r < reps; r++) fast.push(pgTrials / (await pgCase("tunelab", sampler, ASYNC_COMMIT)));
      show(
        `PostgreSQL 2 workers ${sampler} ${pgTrials} trials, synchronous_commit=off`,
        median(fast),
        optuna,
      );
    }
  }

if (only.includes("scale")) {
  // The last half of the small run (after warm-up) against as many last trials of the large one.
  const window = Math.floor(N / 2);
  const small: { lastWall: number; lastCpu: number }[] = [];
  const large: { lastWall: number; lastCpu: number }[] = [];
  for (let r = 0; r < Math.max(1, Math.min(reps, 2)); r++) {
    small.push(await tunelabSqlite(() => new RandomSampler({ seed: r }), N, window));
    large.push(await tunelabSqlite(() => new RandomSampler({ seed: r }), scaleN, window));
  }
  const cpu = [median(small.map((x) => x.lastCpu)), median(large.map((x) => x.lastCpu))];
  const wall = [median(small.map((x) => x.lastWall)), median(large.map((x) => x.lastWall))];
  console.log(
    `cost per trial (random, SQLite, last ${window} trials): CPU ${fmt(cpu[0])} ms at ${N}, ${fmt(cpu[1])} ms at ` +
      `${scaleN}: ${fmt(cpu[1] / cpu[0])}x; wall ${fmt(wall[0])} ms, ${fmt(wall[1])} ms: ${fmt(wall[1] / wall[0])}x`,
  );
}

console.log("\n| case | tunelab trials/s | Optuna trials/s | tunelab / Optuna |\n|---|---|---|---|");
for (const r of rows.slice(1)) console.log(`| ${r.join(" | ")} |`);
