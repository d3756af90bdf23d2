/**
 * Does training cv folds in worker threads pay off here? House Prices, the benchmark's parameters
 * and folds, cv() with threadCount 1 and 2, alternating, medians of --reps runs (default 3).
 *
 * Usage: npm run bench:gbdt-threads [-- --reps 3]
 */
import { cv, Pool } from "../../src/gbdt/index.js";
import { loadHousePrices } from "./house-prices.js";

const args = process.argv.slice(2);
const at = args.indexOf("--reps");
const reps = at >= 0 ? Number(args[at + 1]) : 3;
const hp = loadHousePrices();
const PARAMS = { depth: 6, learningRate: 0.05, subsample: 0.8, l2LeafReg: 1, iterations: 1000, seed: 0 };
const times: Record<number, number[]> = { 1: [], 2: [] };
const scores: Record<number, number> = {};
for (let r = 0; r < reps; r++) {
  for (const threads of [1, 2]) {
    const pool = new Pool(hp.columns, { label: hp.label, catFeatures: hp.catFeatures });
    const t0 = performance.now();
    const res = await cv(
      pool,
      { ...PARAMS, threadCount: threads },
      { folds: hp.folds, earlyStoppingRounds: 30 },
    );
    times[threads].push((performance.now() - t0) / 1000);
    scores[threads] = res.bestScore;
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(
  `cv threadCount 1: ${median(times[1]).toFixed(2)} s (runs ${times[1].map((t) => t.toFixed(1)).join(", ")}), RMSE ${scores[1].toFixed(5)}`,
);
console.log(
  `cv threadCount 2: ${median(times[2]).toFixed(2)} s (runs ${times[2].map((t) => t.toFixed(1)).join(", ")}), RMSE ${scores[2].toFixed(5)}`,
);
console.log(`speed-up with 2 threads: ${(median(times[1]) / median(times[2])).toFixed(2)}x`);
