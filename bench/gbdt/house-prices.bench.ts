/**
 * House Prices benchmark: tunelab gbdt side by side with CatBoost and XGBoost (hist), all single
 * threaded, same machine, same run. Reference preprocessing, the exact folds of
 * folds-5-seed0.json, depth 6, learning rate 0.05, subsample 0.8, l2 1, up to 1000 rounds, early
 * stopping 30 on the fold-mean test RMSE (catboost.cv / xgb.cv protocol).
 *
 * Usage: npm run bench:gbdt [-- --reps 3 --peer-reps 1 --skip-peers --peers catboost,xgboost]
 *        npm run bench:gbdt -- --predict-only (one 1000-round fit, then the predict timing alone)
 * Env: TUNELAB_SHARED (data folder parent, default <repo>/../shared),
 *      TUNELAB_VENV (Python venv with catboost + xgboost, default ~/.cache/tunelab-venv).
 * Prints medians (wall and CPU seconds) and the ratios tunelab / peer.
 */
import { execFileSync } from "node:child_process";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cv, type Model, Pool, train } from "../../src/gbdt/index.js";
import { housePricesPaths, loadHousePrices } from "./house-prices.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const reps = opt("reps", 3);
const peerReps = opt("peer-reps", 1);
const skipPeers = args.includes("--skip-peers");
const peersAt = args.indexOf("--peers");
const peerNames = peersAt >= 0 ? args[peersAt + 1] : "catboost,xgboost";
const threads = opt("threads", 1);
const predictOnly = args.includes("--predict-only");

const PARAMS = { depth: 6, learningRate: 0.05, subsample: 0.8, l2LeafReg: 1, iterations: 1000, seed: 0 };
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : "-");

async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1e6 };
}

const hp = loadHousePrices();
const build = () => new Pool(hp.columns, { label: hp.label, catFeatures: hp.catFeatures });

/** Predicting the 1460 rows from their columns: median wall and mean CPU ms of 20 calls after one. */
function measurePredict(model: Model): { wallMs: number; cpuMs: number } {
  const predictData = hp.columns;
  model.predict(predictData);
  const pt: number[] = [];
  const pc0 = process.cpuUsage();
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    model.predict(predictData);
    pt.push(performance.now() - t0);
  }
  return { wallMs: median(pt), cpuMs: process.cpuUsage(pc0).user / 1000 / 20 };
}

if (predictOnly) {
  const p = measurePredict(train(build(), PARAMS));
  console.log(`tunelab gbdt: predict 1460 rows: ${f(p.wallMs)} ms (cpu ${f(p.cpuMs)} ms)`);
  process.exit(0);
}

const cvRuns = [];
for (let r = 0; r < reps; r++)
  cvRuns.push(
    await timed(() =>
      cv(build(), { ...PARAMS, threadCount: threads }, { folds: hp.folds, earlyStoppingRounds: 30 }),
    ),
  );
const cvRes = cvRuns[0].value;
const ours = {
  cvRmse: cvRes.bestScore,
  cvStd: cvRes.results["test-RMSE-std"][cvRes.bestIteration],
  bestIteration: cvRes.bestIteration,
  /** Trees grown: iterations run (best + early-stopping window) times folds. */
  cvTrees: cvRes.results.iterations.length * hp.folds.length,
  cvWall: median(cvRuns.map((r) => r.wall)),
  cvCpu: median(cvRuns.map((r) => r.cpu)),
  fitWall: 0,
  fitCpu: 0,
  predictMs: 0,
};
// per-fold protocol (CatBoost's comparison): one train() per fold with its own early stopping
const perFoldRun = () => {
  const pool = build();
  const n = pool.nRows;
  const scores: number[] = [];
  const best: number[] = [];
  for (const test of hp.folds) {
    const isTest = new Uint8Array(n);
    for (const r of test) isTest[r] = 1;
    const trainRows = Array.from({ length: n }, (_, i) => i).filter((i) => !isTest[i]);
    const valid = pool.slice(test);
    const m = train(pool.slice(trainRows), PARAMS, { evalSet: valid, earlyStoppingRounds: 30 });
    const p = m.predict(valid);
    let s = 0;
    for (let i = 0; i < p.length; i++) s += (p[i] - valid.label![i]) ** 2;
    scores.push(Math.sqrt(s / p.length));
    best.push(m.bestIteration!);
  }
  return { scores, best };
};
const pfRuns = [];
for (let r = 0; r < reps; r++) pfRuns.push(await timed(perFoldRun));
const pfScores = pfRuns[0].value.scores;
const pfMean = pfScores.reduce((a, b) => a + b, 0) / pfScores.length;
const perFold = {
  rmse: pfMean,
  std: Math.sqrt(pfScores.reduce((a, b) => a + (b - pfMean) ** 2, 0) / (pfScores.length - 1)),
  best: pfRuns[0].value.best,
  trees: pfRuns[0].value.best.reduce((a, b) => a + Math.min(b + 1 + 30, 1000), 0),
  wall: median(pfRuns.map((r) => r.wall)),
  cpu: median(pfRuns.map((r) => r.cpu)),
};

const fits = [];
for (let r = 0; r < reps; r++) fits.push(await timed(() => train(build(), PARAMS)));
ours.fitWall = median(fits.map((r) => r.wall));
ours.fitCpu = median(fits.map((r) => r.cpu));
const predicted = measurePredict(fits[0].value);
const predictCpuMs = predicted.cpuMs;
ours.predictMs = predicted.wallMs;

console.log(`tunelab gbdt (threads ${threads}, medians of ${reps})`);
console.log(
  `  cv: RMSE ${f(ours.cvRmse, 5)} ± ${f(ours.cvStd, 5)} best it ${ours.bestIteration}; wall ${f(ours.cvWall)} s, cpu ${f(ours.cvCpu)} s; ${ours.cvTrees} trees, cpu ${f((1000 * ours.cvCpu) / ours.cvTrees)} ms per tree`,
);
console.log(
  `  per-fold: RMSE ${f(perFold.rmse, 5)} ± ${f(perFold.std, 5)} best its ${perFold.best.join(",")}; wall ${f(perFold.wall)} s, cpu ${f(perFold.cpu)} s; cpu ${f((1000 * perFold.cpu) / perFold.trees)} ms per tree`,
);
console.log(
  `  fit 1000 rounds: wall ${f(ours.fitWall)} s, cpu ${f(ours.fitCpu)} s; predict 1460 rows: ${f(ours.predictMs)} ms (cpu ${f(predictCpuMs)} ms)`,
);

if (!skipPeers) {
  const venv = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
  const script = join(dirname(fileURLToPath(import.meta.url)), "peers.py");
  const { csv, folds } = housePricesPaths();
  const out = execFileSync(
    join(venv, "bin", "python"),
    [script, csv, folds, "--reps", String(peerReps), "--peers", peerNames],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 1 << 24,
    },
  );
  const peers = JSON.parse(out) as Record<
    string,
    {
      version: string;
      cv: {
        protocol?: string;
        rmse: number;
        std: number;
        best_iteration: number | number[];
        wall_s: number;
        cpu_s: number;
      };
      fit: { wall_s: number; cpu_s: number };
      predict_ms: number;
    }
  >;
  for (const [name, p] of Object.entries(peers)) {
    const pf = p.cv.protocol === "per-fold";
    const mine = pf
      ? { rmse: perFold.rmse, wall: perFold.wall, cpu: perFold.cpu }
      : { rmse: ours.cvRmse, wall: ours.cvWall, cpu: ours.cvCpu };
    console.log(`${name} ${p.version} (thread 1, medians of ${peerReps})`);
    // trees grown: up to the best iteration plus the early-stopping window, per fold
    const best = p.cv.best_iteration;
    const trees = Array.isArray(best)
      ? best.reduce((a, b) => a + Math.min(b + 1 + 30, 1000), 0)
      : Math.min(best + 1 + 30, 1000) * hp.folds.length;
    console.log(
      `  ${pf ? "per-fold" : "cv"}: RMSE ${f(p.cv.rmse, 5)} ± ${f(p.cv.std, 5)} best it ${p.cv.best_iteration}; wall ${f(p.cv.wall_s)} s, cpu ${f(p.cv.cpu_s)} s; cpu ${f((1000 * p.cv.cpu_s) / trees)} ms per tree`,
    );
    console.log(
      `  fit 1000 rounds: wall ${f(p.fit.wall_s)} s, cpu ${f(p.fit.cpu_s)} s; predict: ${f(p.predict_ms)} ms`,
    );
    console.log(
      `  ratios tunelab/${name}: ${pf ? "per-fold" : "cv"} RMSE ${f(mine.rmse / p.cv.rmse, 3)}, wall ${f(mine.wall / p.cv.wall_s)}, cpu ${f(mine.cpu / p.cv.cpu_s)}; fit wall ${f(ours.fitWall / p.fit.wall_s)}, fit cpu ${f(ours.fitCpu / p.fit.cpu_s)}, predict ${f(ours.predictMs / p.predict_ms, 3)}`,
    );
  }
}
