/**
 * The main job, with nothing to download: tune a gradient-boosted model on a real table with TPE
 * and Hyperband over 5-fold cross-validation, log every trial as a run in ./mlruns, and show how
 * to browse the runs. The same workflow as examples/house-prices, on vega-datasets' movies.json.
 *
 *   npm run demo -- [--trials 25] [--threads 2] [--tracking-uri mlruns] [--storage URI] [--seed 0]
 *
 * The study goes to `--storage` (default: the tracking folder's database, mlruns/tunelab.db, beside
 * the runs), so `npx tunelab ui` shows it on its Studies page; a rerun replaces the study.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { parseDatabaseUri } from "../../src/db/index.js";
import { cv, type GbdtParamsInput, Pool } from "../../src/gbdt/index.js";
import { gbdtPruningCallback, trackingCallback } from "../../src/integrations/index.js";
import { parseTrackingUri } from "../../src/track/index.js";
import {
  createStudy,
  deleteStudy,
  getAllStudySummaries,
  HyperbandPruner,
  TPESampler,
  type Trial,
} from "../../src/tune/index.js";
import { loadMovies } from "./movies.js";

const { values: args } = parseArgs({
  options: {
    trials: { type: "string", default: "25" },
    threads: { type: "string", default: "2" },
    "tracking-uri": { type: "string", default: "mlruns" },
    "study-name": { type: "string", default: "movies_imdb_rating" },
    storage: { type: "string" },
    seed: { type: "string", default: "0" },
  },
});
const nTrials = Number(args.trials);
const seed = Number(args.seed);
const threadCount = Number(args.threads); // cv folds in worker threads; results equal one thread

// 1. Data: 2988 movies, 17 columns (11 numbers, 2 of them derived: votes per dollar grossed and a
// sequel-like title; 6 categories; 7965 missing cells in the original 15).
const { x, y } = loadMovies();
const pool = new Pool(x, { label: y }); // text columns are categorical features
console.log(`movies.json: ${x.shape[0]} rows, ${x.shape[1]} features; tuning ${nTrials} trials`);

// 2. The objective: 5-fold cv RMSE of the rating, early stopping 30, every iteration reported to
// the pruner (which may stop the trial mid-cv). The space is the reference's, moved to where this
// table's good models are (deeper trees, slower learning, more regularisation).
const objective = async (trial: Trial): Promise<number> => {
  const params: GbdtParamsInput = {
    depth: trial.suggestInt("max_depth", 5, 8),
    learningRate: trial.suggestFloat("learning_rate", 0.03, 0.1),
    subsample: trial.suggestFloat("subsample", 0.6, 0.9),
    l2LeafReg: trial.suggestFloat("l2_leaf_reg", 1, 30, { log: true }),
    iterations: 1000,
    threadCount,
    seed,
  };
  const res = await cv(pool, params, {
    nfold: 5,
    seed,
    earlyStoppingRounds: 30,
    onIteration: gbdtPruningCallback(trial, "test-RMSE-mean"),
  });
  trial.setUserAttr("best_iteration", res.bestIteration);
  return res.bestScore;
};

// 3. The study: TPE + Hyperband; each finished trial becomes a run (params, metric "RMSE", state).
// It is stored beside the runs (same SQLite file, separate tables) for the UI's Studies page.
const storage = args.storage ?? studyStorageBesideRuns(args["tracking-uri"]);
if (storage && (await getAllStudySummaries(storage)).some((s) => s.studyName === args["study-name"]))
  await deleteStudy({ studyName: args["study-name"], storage });
const study = await createStudy({
  studyName: args["study-name"],
  ...(storage ? { storage } : {}),
  direction: "minimize",
  sampler: new TPESampler({ seed }),
  pruner: new HyperbandPruner({ minResource: 100, maxResource: 1000, reductionFactor: 3 }),
});
const tracking = trackingCallback({ trackingUri: args["tracking-uri"], metricName: "RMSE" });
const started = performance.now();
await study.optimize(objective, { nTrials, callbacks: [tracking], showProgressBar: true });
await tracking.close();

// 4. The result.
const best = study.bestTrial;
const pruned = study.trials.filter((t) => t.state === "PRUNED").length;
console.log(
  `\n${nTrials} trials in ${((performance.now() - started) / 1000).toFixed(0)} s, ${pruned} pruned by Hyperband`,
);
console.log(
  `best cv RMSE of IMDB Rating: ${best.values![0].toFixed(4)} (trial #${best.number}, predicting the mean: 1.25)`,
);
for (const [k, v] of Object.entries(best.params)) console.log(`  ${k} = ${v}`);
console.log(
  `\nEvery trial is a run in ${args["tracking-uri"]} (experiment "${study.studyName}"). Browse them with:`,
);
console.log("  npx tunelab ui        # then open http://127.0.0.1:5000");
await study.close();

/** The tracking URI's SQLite database (its folder created), or undefined for other URIs (memory). */
function studyStorageBesideRuns(trackingUri: string): string | undefined {
  const loc = parseTrackingUri(trackingUri);
  if (loc.kind !== "sql") return undefined;
  const db = parseDatabaseUri(loc.databaseUri);
  if (db?.dialect !== "sqlite" || db.path === ":memory:") return undefined;
  mkdirSync(dirname(db.path), { recursive: true });
  return loc.databaseUri;
}
