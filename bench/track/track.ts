/**
 * `npm run bench:track`: tunelab's tracking store against MLflow's client on its SQLite store
 * (from the venv at $TUNELAB_VENV, default ~/.cache/tunelab-venv), side by side, same data.
 *
 * Workloads (ISSUE 5 targets): logMetric one call at a time (>= 20x), logBatch of 1000 metrics
 * (>= 10x), searchRuns over 10,000 runs x 20 metrics x 20 params with a two-clause filter and an
 * order-by (median < 50 ms and >= 10x), metric history of 100,000 steps (< 100 ms).
 * Prints medians and ratios; `--quick` shrinks the sizes for a smoke run.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SqlTrackingStore } from "../../src/track/index.js";

const quick = process.argv.includes("--quick");
const CFG = {
  logMetricCalls: quick ? 100 : 300,
  logBatchCalls: quick ? 5 : 15,
  searchRuns: quick ? 1000 : 10_000,
  searchMetrics: 20,
  searchParams: 20,
  searchRepeats: 7,
  filter: "metrics.m0 > 0.5 and params.p0 = 'v3'",
  orderBy: ["metrics.m1 DESC"],
  maxResults: 1000,
  historySteps: quick ? 10_000 : 100_000,
  historyRepeats: 7,
};
const OURS_LOG_METRIC_CALLS = quick ? 1000 : 5000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const now = () => performance.now() / 1000;
const metricValue = (i: number, k: number) => ((i * 2654435761 + k * 40503) % 1000003) / 1000003;
const paramValue = (i: number, k: number) => `v${(i * 7 + k * 13) % 10}`;

async function openStore(dir: string, name: string): Promise<SqlTrackingStore> {
  return SqlTrackingStore.open(`sqlite:///${join(dir, `${name}.db`)}`, {
    artifactRoot: join(dir, "artifacts"),
  });
}

async function ours(dir: string) {
  const out: Record<string, number[] | number | string[]> = {};
  // 1. logMetric one at a time
  let store = await openStore(dir, "log_metric");
  let run = await store.createRun({ experimentId: "0" });
  let times: number[] = [];
  for (let i = 0; i < OURS_LOG_METRIC_CALLS; i++) {
    const t = now();
    await store.logMetric(run.info.runId, {
      key: "loss",
      value: 1 / (i + 1),
      timestamp: Date.now(),
      step: i,
    });
    times.push(now() - t);
  }
  out.logMetric = times;
  await store.close();
  // 2. logBatch of 1000
  store = await openStore(dir, "log_batch");
  run = await store.createRun({ experimentId: "0" });
  times = [];
  for (let b = 0; b < CFG.logBatchCalls * 3; b++) {
    const metrics = Array.from({ length: 1000 }, (_, k) => ({
      key: `m${k % 50}`,
      value: k,
      timestamp: Date.now(),
      step: b * 1000 + k,
    }));
    const t = now();
    await store.logBatch(run.info.runId, { metrics });
    times.push(now() - t);
  }
  out.logBatch = times;
  await store.close();
  // 3. searchRuns
  store = await openStore(dir, "search");
  const exp = await store.createExperiment("search");
  const t0 = now();
  for (let i = 0; i < CFG.searchRuns; i++) {
    const r = await store.createRun({
      experimentId: exp,
      runName: `run-${i}`,
      startTime: 1_700_000_000_000 + i,
      userId: "bench",
    });
    await store.logBatch(r.info.runId, {
      metrics: Array.from({ length: CFG.searchMetrics }, (_, k) => ({
        key: `m${k}`,
        value: metricValue(i, k),
        timestamp: 1,
        step: 0,
      })),
      params: Array.from({ length: CFG.searchParams }, (_, k) => ({ key: `p${k}`, value: paramValue(i, k) })),
    });
    await store.updateRunInfo(r.info.runId, { status: "FINISHED", endTime: 1_700_000_000_000 + i + 1 });
  }
  out.populateSeconds = now() - t0;
  times = [];
  let count = 0;
  for (let i = 0; i < CFG.searchRepeats * 3; i++) {
    const t = now();
    const page = await store.searchRuns({
      experimentIds: [exp],
      filter: CFG.filter,
      orderBy: CFG.orderBy,
      maxResults: CFG.maxResults,
    });
    times.push(now() - t);
    count = page.items.length;
  }
  out.searchRuns = times;
  out.searchRunsCount = count;
  await store.close();
  // 4. history
  store = await openStore(dir, "history");
  run = await store.createRun({ experimentId: "0" });
  for (let s = 0; s < CFG.historySteps; s += 1000)
    await store.logBatch(run.info.runId, {
      metrics: Array.from({ length: Math.min(1000, CFG.historySteps - s) }, (_, k) => ({
        key: "curve",
        value: s + k,
        timestamp: 1,
        step: s + k,
      })),
    });
  times = [];
  for (let i = 0; i < CFG.historyRepeats; i++) {
    const t = now();
    const h = await store.getMetricHistory(run.info.runId, "curve");
    times.push(now() - t);
    if (h.items.length !== CFG.historySteps) throw new Error(`history has ${h.items.length} values`);
  }
  out.history = times;
  await store.close();
  return out;
}

const venv = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
const dir = await mkdtemp(join(tmpdir(), "tunelab-bench-track-"));
try {
  process.stderr.write("tunelab ...\n");
  const t = await ours(join(dir, "tunelab"));
  process.stderr.write("MLflow (this takes a few minutes) ...\n");
  const script = fileURLToPath(new URL("./mlflow_bench.py", import.meta.url));
  const m = JSON.parse(
    execFileSync(join(venv, "bin", "python"), [script, join(dir, "mlflow"), JSON.stringify(CFG)], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
      stdio: ["ignore", "pipe", "inherit"],
    }),
  ) as Record<string, number[] | number | string>;
  if (m.searchRunsCount !== t.searchRunsCount)
    throw new Error(`search results differ: MLflow ${m.searchRunsCount} runs, tunelab ${t.searchRunsCount}`);
  const rows: [string, number, number, string][] = [
    [
      "logMetric, one call (ms per call)",
      median(t.logMetric as number[]),
      median(m.logMetric as number[]),
      ">= 20x",
    ],
    [
      "logBatch of 1000 metrics (ms per call)",
      median(t.logBatch as number[]),
      median(m.logBatch as number[]),
      ">= 10x",
    ],
    [
      `searchRuns ${CFG.searchRuns} runs x ${CFG.searchMetrics}m x ${CFG.searchParams}p, ${t.searchRunsCount} hits (ms)`,
      median(t.searchRuns as number[]),
      median(m.searchRuns as number[]),
      "< 50 ms, >= 10x",
    ],
    [
      `metric history, ${CFG.historySteps} steps (ms)`,
      median(t.history as number[]),
      median(m.history as number[]),
      "< 100 ms",
    ],
  ];
  console.log(
    `tunelab vs MLflow ${m.version} (client on its SQLite store), medians; filter "${CFG.filter}", order by ${CFG.orderBy}`,
  );
  console.log("| workload | tunelab | MLflow | ratio | target |\n|---|---|---|---|---|");
  for (const [name, a, b, target] of rows)
    console.log(
      `| ${name} | ${(a * 1000).toFixed(3)} | ${(b * 1000).toFixed(3)} | ${(b / a).toFixed(1)}x | ${target} |`,
    );
  console.log(
    `(tunelab populated the search data through its public API in ${(t.populateSeconds as number).toFixed(1)} s)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
