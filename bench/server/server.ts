/**
 * bench:server — tunelab server vs `mlflow server` with its SQLite store and with its file store,
 * side by side on this machine. Measures: log-metric from one sequential keep-alive client (p50
 * latency, calls/s), log-batch of 1,000 metrics (metrics/s; bodies built before the clock starts),
 * runs/search returning 1,000 full runs, and a filtered, sorted top 100 over 10,000 runs (SQL
 * stores only: the 10,000 runs are bulk-loaded, through tunelab's store API and with SQL into the
 * schema MLflow created, see mlflow_populate.py; both servers must return the same 100 runs in
 * the same order). Each figure is the median of REPEATS rounds; ratios are speed-ups of tunelab
 * over MLflow's SQLite store and over the better of MLflow's two stores.
 *
 * Env: TUNELAB_VENV (mlflow), BENCH_REPEATS (3), BENCH_MLFLOW_WORKERS (1: MLflow's fastest
 * configuration on 2 cores per the anchors' PERF.md).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SqlTrackingStore } from "../../src/track/index.js";
import { freePort, spawnMlflowServer } from "../../test/helpers/mlflow-server.js";

const VENV = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const MLFLOW_WORKERS = process.env.BENCH_MLFLOW_WORKERS ?? "1";

type Kind = "tunelab" | "mlflow" | "mlflow-file";
interface Server {
  name: Kind;
  port: number;
  child: ChildProcess;
  dir: string;
  /** Experiment of the bulk-loaded 10,000 runs (SQL stores only). */
  bigExp?: string;
}

const BIG_RUNS = 10_000;
const BIG_EXPERIMENT = "search-10k";

/** The bench's 10,000 runs written through tunelab's store API (what the server will serve). */
async function populateTunelab(dbUri: string, artifacts: string): Promise<string> {
  const store = await SqlTrackingStore.open(dbUri, { artifactRoot: artifacts });
  try {
    const exp = await store.createExperiment(BIG_EXPERIMENT);
    for (let i = 0; i < BIG_RUNS; i++) {
      const run = await store.createRun({
        experimentId: exp,
        runName: `run-${i}`,
        startTime: 1_700_000_000_000 + i,
        userId: "bench",
      });
      await store.logBatch(run.info.runId, runData(i));
      await store.updateRunInfo(run.info.runId, { status: "FINISHED", endTime: 1_700_000_000_001 + i });
    }
    return exp;
  } finally {
    await store.close();
  }
}

/** 5 params, 5 metrics and 3 tags of run i (the same on every server). */
function runData(i: number) {
  return {
    params: Array.from({ length: 5 }, (_, k) => ({ key: `p${k}`, value: String((i * (k + 1)) % 17) })),
    metrics: Array.from({ length: 5 }, (_, k) => ({
      key: k === 0 ? "acc" : `m${k}`,
      value: ((i * 7919 + k) % 1000) / 1000,
      timestamp: 1,
      step: 0,
    })),
    tags: Array.from({ length: 3 }, (_, k) => ({ key: `t${k}`, value: `g${i % (k + 2)}` })),
  };
}

async function start(name: Kind): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), `bench-server-${name}-`));
  const port = await freePort();
  const db = name === "mlflow-file" ? `file://${join(dir, "mlruns")}` : `sqlite:///${join(dir, "store.db")}`;
  const art = join(dir, "artifacts");
  let bigExp: string | undefined;
  if (name === "tunelab") bigExp = await populateTunelab(db, art);
  if (name === "mlflow")
    bigExp = execFileSync(
      join(VENV, "bin", "python"),
      [
        fileURLToPath(new URL("./mlflow_populate.py", import.meta.url)),
        join(dir, "store.db"),
        BIG_EXPERIMENT,
        String(BIG_RUNS),
      ],
      { encoding: "utf8", cwd: dir, stdio: ["ignore", "pipe", "ignore"] },
    )
      .trim()
      .split("\n")
      .pop();
  const child =
    name === "tunelab"
      ? spawn(
          process.execPath,
          [
            "bin/tunelab.js",
            "server",
            "--backend-store-uri",
            db,
            "--artifacts-destination",
            art,
            "--port",
            String(port),
          ],
          { stdio: "ignore" },
        )
      : spawnMlflowServer({
          venv: VENV,
          port,
          backendStoreUri: db,
          artifacts: { destination: art },
          workers: MLFLOW_WORKERS,
          cwd: dir,
        });
  for (let i = 0; i < 720; i++) {
    try {
      if ((await call(port, "GET", "/health")).status === 200)
        return { name, port, child, dir, ...(bigExp ? { bigExp } : {}) };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} server did not start`);
}

async function stop(s: Server): Promise<void> {
  s.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  if (s.child.exitCode === null) s.child.kill("SIGKILL");
  await rm(s.dir, { recursive: true, force: true });
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** One request over a keep-alive connection (Node sets TCP_NODELAY on its sockets). */
function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  raw = false,
): Promise<{ status: number; json: () => unknown }> {
  const data = body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: data
          ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) });
        });
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}
const api = (port: number, path: string, body: unknown) =>
  call(port, "POST", `/api/2.0/mlflow/${path}`, body);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
};

async function newRun(port: number, exp = "0", name = "bench"): Promise<string> {
  const r = await api(port, "runs/create", { experiment_id: exp, run_name: name, start_time: Date.now() });
  return (r.json() as { run: { info: { run_id: string } } }).run.info.run_id;
}

/** Sequential log-metric calls for ~`seconds` (at least 20): p50 latency (ms) and calls/s. */
async function logMetric(port: number, seconds: number) {
  const runId = await newRun(port);
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; lat.length < 20 || performance.now() - t0 < seconds * 1000; i++) {
    const t = performance.now();
    const r = await api(port, "runs/log-metric", {
      run_id: runId,
      key: "loss",
      value: i,
      timestamp: Date.now(),
      step: i,
    });
    if (r.status !== 200) throw new Error(`log-metric ${r.status}`);
    lat.push(performance.now() - t);
  }
  return { p50: median(lat), callsPerSec: lat.length / ((performance.now() - t0) / 1000) };
}

/** log-batch calls of 1,000 metrics for ~`seconds`: metrics/s. Bodies are built before timing. */
async function logBatch(port: number, seconds: number) {
  const runId = await newRun(port);
  const bodies = Array.from({ length: 400 }, (_, b) =>
    JSON.stringify({
      run_id: runId,
      metrics: Array.from({ length: 1000 }, (_, i) => ({
        key: `m${i % 10}`,
        value: Math.random(),
        timestamp: Date.now(),
        step: b * 100 + Math.floor(i / 10),
      })),
    }),
  );
  let n = 0;
  const t0 = performance.now();
  for (let b = 0; b < bodies.length && (n < 3000 || performance.now() - t0 < seconds * 1000); b++) {
    const r = await call(port, "POST", "/api/2.0/mlflow/runs/log-batch", bodies[b], true);
    if (r.status !== 200) throw new Error(`log-batch ${r.status}`);
    n += 1000;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** 1,000 runs with 5 params, 5 metrics and 3 tags each, written by 4 concurrent clients. */
async function populate(port: number): Promise<string> {
  const r = await api(port, "experiments/create", { name: "search-bench" });
  const exp = (r.json() as { experiment_id: string }).experiment_id;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < 1000; i = next++) {
      const id = await newRun(port, exp, `run-${i}`);
      await api(port, "runs/log-batch", { run_id: id, ...runData(i) });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return exp;
}

/** Median time of 5 searches (ms) and the run names of the last answer. */
async function timeSearch(port: number, body: unknown, expect: number) {
  const times: number[] = [];
  let names: string[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await api(port, "runs/search", body);
    const runs = (r.json() as { runs?: { info: { run_name: string } }[] }).runs ?? [];
    times.push(performance.now() - t);
    if (runs.length !== expect) throw new Error(`search returned ${runs.length}, expected ${expect}`);
    names = runs.map((x) => x.info.run_name);
  }
  return { ms: median(times), names };
}

type Round = {
  p50: number;
  callsPerSec: number;
  batch: number;
  searchAll: number;
  searchTop: number;
  topNames?: string[];
};

async function measure(s: Server, exp: string, seconds: number): Promise<Round> {
  const lm = await logMetric(s.port, seconds);
  const batch = await logBatch(s.port, seconds);
  const searchAll = (await timeSearch(s.port, { experiment_ids: [exp], max_results: 1000 }, 1000)).ms;
  const top = s.bigExp
    ? await timeSearch(
        s.port,
        {
          experiment_ids: [s.bigExp],
          filter: "metrics.acc > 0.2 and params.p0 != '3'",
          order_by: ["metrics.acc DESC"],
          max_results: 100,
        },
        100,
      )
    : { ms: Number.NaN, names: [] };
  return { ...lm, batch, searchAll, searchTop: top.ms, topNames: top.names };
}

const fmt = (x: number, d = 1) => x.toFixed(d);

async function main() {
  process.stdout.write(
    `starting servers (mlflow --workers ${MLFLOW_WORKERS}; SQLite stores get ${BIG_RUNS} bulk-loaded runs)\n`,
  );
  const servers = [await start("tunelab"), await start("mlflow"), await start("mlflow-file")];
  try {
    process.stdout.write("populating 1,000 runs on each server through its REST API\n");
    const exps: string[] = [];
    for (const s of servers) exps.push(await populate(s.port));
    const rounds: Record<Kind, Round>[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const round = {} as Record<Kind, Round>;
      for (const [i, s] of servers.entries()) round[s.name] = await measure(s, exps[i]!, 3);
      const [a, b] = [round.tunelab.topNames!, round.mlflow.topNames!];
      if (a.join() !== b.join())
        throw new Error(`top-100 answers differ: tunelab ${a.slice(0, 5)}..., MLflow ${b.slice(0, 5)}...`);
      for (const k of Object.keys(round) as Kind[]) delete round[k].topNames;
      rounds.push(round);
      process.stdout.write(`round ${r + 1}: ${JSON.stringify(round)}\n`);
    }
    const med = (who: Kind, k: keyof Round) => median(rounds.map((x) => x[who][k] as number));
    const rows: [string, keyof Round, boolean][] = [
      ["log-metric p50 (ms)", "p50", false],
      ["log-metric calls/s", "callsPerSec", true],
      ["log-batch metrics/s", "batch", true],
      ["runs/search 1,000 full runs (ms)", "searchAll", false],
      ["runs/search top 100 of 10,000, filtered+sorted (ms)", "searchTop", false],
    ];
    process.stdout.write(
      `\nmedians of ${REPEATS} rounds | tunelab | MLflow SQLite | MLflow file | speed-up vs SQLite | vs best MLflow\n`,
    );
    for (const [label, k, higherBetter] of rows) {
      const a = med("tunelab", k);
      const b = med("mlflow", k);
      const c = med("mlflow-file", k);
      const best = Number.isNaN(c) ? b : higherBetter ? Math.max(b, c) : Math.min(b, c);
      const up = (x: number) => (higherBetter ? a / x : x / a);
      const f = (x: number) => (Number.isNaN(x) ? "n/a" : fmt(x, x < 10 ? 2 : 0));
      process.stdout.write(
        `| ${label} | ${f(a)} | ${f(b)} | ${f(c)} | ${fmt(up(b))}x | ${fmt(up(best))}x |\n`,
      );
    }
  } finally {
    for (const s of servers) await stop(s);
    agent.destroy();
  }
}

await main();
