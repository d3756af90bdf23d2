/**
 * bench:server — tunelab server vs `mlflow server` (SQLite store), side by side on this machine.
 * Measures: log-metric from one sequential keep-alive client (p50 latency, calls/s), log-batch
 * (metrics/s), runs/search returning 1,000 full runs and a filtered, sorted top 100. Each figure
 * is the median of REPEATS rounds; ratios are tunelab / MLflow (speed-up).
 *
 * Env: TUNELAB_VENV (mlflow), BENCH_REPEATS (3), BENCH_MLFLOW_WORKERS (1: MLflow's fastest SQLite
 * configuration on 2 cores per the anchors' PERF.md).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const VENV = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const MLFLOW_WORKERS = process.env.BENCH_MLFLOW_WORKERS ?? "1";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  dir: string;
}

async function start(name: "tunelab" | "mlflow"): Promise<Server> {
  const dir = await mkdtemp(join(tmpdir(), `bench-server-${name}-`));
  const port = await freePort();
  const db = `sqlite:///${join(dir, "store.db")}`;
  const art = join(dir, "artifacts");
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
      : spawn(
          join(VENV, "bin", "mlflow"),
          [
            "server",
            "--backend-store-uri",
            db,
            "--artifacts-destination",
            art,
            "--host",
            "127.0.0.1",
            "--port",
            String(port),
            "--workers",
            MLFLOW_WORKERS,
          ],
          { stdio: "ignore", cwd: dir },
        );
  for (let i = 0; i < 720; i++) {
    try {
      if ((await call(port, "GET", "/health")).status === 200) return { name, port, child, dir };
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
): Promise<{ status: number; json: () => unknown }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
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

/** log-batch calls of 1,000 metrics for ~`seconds`: metrics/s. */
async function logBatch(port: number, seconds: number) {
  const runId = await newRun(port);
  let n = 0;
  const t0 = performance.now();
  for (let b = 0; n < 3000 || performance.now() - t0 < seconds * 1000; b++) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({
      key: `m${i % 10}`,
      value: Math.random(),
      timestamp: Date.now(),
      step: b * 100 + Math.floor(i / 10),
    }));
    const r = await api(port, "runs/log-batch", { run_id: runId, metrics });
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
      await api(port, "runs/log-batch", {
        run_id: id,
        params: Array.from({ length: 5 }, (_, k) => ({ key: `p${k}`, value: String((i * (k + 1)) % 17) })),
        metrics: Array.from({ length: 5 }, (_, k) => ({
          key: k === 0 ? "acc" : `m${k}`,
          value: ((i * 7919 + k) % 1000) / 1000,
          timestamp: Date.now(),
          step: 0,
        })),
        tags: Array.from({ length: 3 }, (_, k) => ({ key: `t${k}`, value: `g${i % (k + 2)}` })),
      });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return exp;
}

async function timeSearch(port: number, body: unknown, expect: number) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await api(port, "runs/search", body);
    const runs = (r.json() as { runs?: unknown[] }).runs ?? [];
    times.push(performance.now() - t);
    if (runs.length !== expect) throw new Error(`search returned ${runs.length}, expected ${expect}`);
  }
  return median(times);
}

type Round = { p50: number; callsPerSec: number; batch: number; searchAll: number; searchTop: number };

async function measure(s: Server, exp: string, fast: boolean): Promise<Round> {
  const lm = await logMetric(s.port, fast ? 3 : 8);
  const batch = await logBatch(s.port, fast ? 3 : 8);
  const searchAll = await timeSearch(s.port, { experiment_ids: [exp], max_results: 1000 }, 1000);
  const searchTop = await timeSearch(
    s.port,
    {
      experiment_ids: [exp],
      filter: "metrics.acc > 0.2 and params.p0 != '3'",
      order_by: ["metrics.acc DESC"],
      max_results: 100,
    },
    100,
  );
  return { ...lm, batch, searchAll, searchTop };
}

const fmt = (x: number, d = 1) => x.toFixed(d);

async function main() {
  process.stdout.write(`starting servers (mlflow --workers ${MLFLOW_WORKERS}, SQLite stores)\n`);
  const tl = await start("tunelab");
  const ml = await start("mlflow");
  try {
    process.stdout.write("populating 1,000 runs on each server\n");
    const [tlExp, mlExp] = [await populate(tl.port), await populate(ml.port)];
    const rounds: { tunelab: Round; mlflow: Round }[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const tunelab = await measure(tl, tlExp, true);
      const mlflow = await measure(ml, mlExp, false);
      rounds.push({ tunelab, mlflow });
      process.stdout.write(`round ${r + 1}: ${JSON.stringify({ tunelab, mlflow })}\n`);
    }
    const med = (who: "tunelab" | "mlflow", k: keyof Round) => median(rounds.map((x) => x[who][k]));
    const rows: [string, keyof Round, string, boolean][] = [
      ["log-metric p50 (ms)", "p50", "ms", false],
      ["log-metric calls/s", "callsPerSec", "/s", true],
      ["log-batch metrics/s", "batch", "/s", true],
      ["runs/search 1,000 full runs (ms)", "searchAll", "ms", false],
      ["runs/search filtered+sorted top 100 (ms)", "searchTop", "ms", false],
    ];
    process.stdout.write(`\nmedians of ${REPEATS} rounds          tunelab      mlflow   speed-up\n`);
    for (const [label, k, , higherBetter] of rows) {
      const a = med("tunelab", k);
      const b = med("mlflow", k);
      const ratio = higherBetter ? a / b : b / a;
      process.stdout.write(
        `${label.padEnd(42)} ${fmt(a, a < 10 ? 2 : 0).padStart(9)} ${fmt(b, b < 10 ? 2 : 0).padStart(11)} ${fmt(ratio)}x\n`,
      );
    }
  } finally {
    await stop(tl);
    await stop(ml);
    agent.destroy();
  }
}

await main();
