/**
 * Does training cv folds in worker threads pay off here? House Prices, the benchmark's parameters
 * and folds, cv() with threadCount 1 and 2, alternating, medians of --reps runs (default 3).
 * Prints wall time and the CPU time of the whole process (all threads): on a shared machine the
 * wall-time speed-up is bounded by the cores the other jobs leave free, and the CPU-time ratio
 * shows what the threads cost (worker start-up, copies, per-fold set-up done twice).
 *
 * Usage: npm run bench:gbdt-threads [-- --reps 3]
 */
import os from "node:os";
import { cv, Pool } from "../../src/gbdt/index.js";
import { loadHousePrices } from "./house-prices.js";

const args = process.argv.slice(2);
const at = args.indexOf("--reps");
const reps = at >= 0 ? Number(args[at + 1]) : 3;
const hp = loadHousePrices();
const PARAMS = { depth: 6, learningRate: 0.05, subsample: 0.8, l2LeafReg: 1, iterations: 1000, seed: 0 };
const times: Record<number, number[]> = { 1: [], 2: [] };
const cpus: Record<number, number[]> = { 1: [], 2: [] };
const scores: Record<number, number> = {};
for (let r = 0; r < reps; r++) {
  for (const threads of [1, 2]) {
    const pool = new Pool(hp.columns, { label: hp.label, catFeatures: hp.catFeatures });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await cv(
      pool,
      { ...PARAMS, threadCount: threads },
      { folds: hp.folds, earlyStoppingRounds: 30 },
    );
    times[threads].push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpus[threads].push((c.user + c.system) / 1e6);
    scores[threads] = res.bestScore;
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const t of [1, 2])
  console.log(
    `cv threadCount ${t}: wall ${median(times[t]).toFixed(2)} s (runs ${times[t].map((x) => x.toFixed(1)).join(", ")}), cpu ${median(cpus[t]).toFixed(2)} s (runs ${cpus[t].map((x) => x.toFixed(1)).join(", ")}), RMSE ${scores[t].toFixed(5)}`,
  );
console.log(
  `speed-up with 2 threads: wall ${(median(times[1]) / median(times[2])).toFixed(2)}x; cpu ratio 2 threads / 1 thread ${(median(cpus[2]) / median(cpus[1])).toFixed(2)}; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
);
