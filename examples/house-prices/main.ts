/**
 * The reference workflow, end to end (a tutorial: read it top to bottom).
 *
 *   npm run example:house-prices -- --data path/to/train.csv [--trials 50] [--threads 2]
 *     [--tracking-uri mlruns] [--study-name house_price_prediction] [--model-out house-prices-model.json]
 *
 * 1. load train.csv, y = log1p(SalePrice), prepare the features     (prepare.ts)
 * 2. objective: 5-fold cv of the GBDT, early stopping 30, pruning    (objective.ts)
 * 3. a study with TPE and Hyperband, every trial logged as a run     (below)
 * 4. print the best params and RMSLE, retrain on all rows, save the model
 * Then `npx tunelab ui` shows the runs.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { Pool, train } from "../../src/gbdt/index.js";
import { trackingCallback } from "../../src/integrations/index.js";
import { createStudy, HyperbandPruner, TPESampler } from "../../src/tune/index.js";
import { cvObjective, paramsOf } from "./objective.js";
import { loadHousePrices } from "./prepare.js";

const HOW_TO_DOWNLOAD = `This example needs Kaggle's House Prices train.csv (not included: Kaggle's terms forbid redistribution).
  1. Sign in at https://www.kaggle.com and accept the rules of the competition
     https://www.kaggle.com/competitions/house-prices-advanced-regression-techniques
  2. Download train.csv from its Data tab (or: kaggle competitions download -c house-prices-advanced-regression-techniques)
  3. npm run example:house-prices -- --data path/to/train.csv
For a run without any download, try: npm run demo`;

const { values: args } = parseArgs({
  options: {
    data: { type: "string" },
    trials: { type: "string", default: "50" },
    threads: { type: "string", default: "2" },
    "tracking-uri": { type: "string", default: "mlruns" },
    "study-name": { type: "string", default: "house_price_prediction" },
    "model-out": { type: "string", default: "house-prices-model.json" },
    seed: { type: "string", default: "0" },
  },
});
if (args.data === undefined || !existsSync(args.data)) {
  if (args.data !== undefined) console.error(`error: --data ${args.data}: no such file\n`);
  console.error(HOW_TO_DOWNLOAD);
  process.exit(2);
}
const nTrials = Number(args.trials);
const seed = Number(args.seed);
const threadCount = Number(args.threads); // cv folds in worker threads; results equal one thread
if (!Number.isInteger(nTrials) || nTrials < 1) {
  console.error(`error: --trials must be an integer >= 1, got ${args.trials}`);
  process.exit(2);
}
if (!Number.isInteger(threadCount) || threadCount < 1) {
  console.error(`error: --threads must be an integer >= 1, got ${args.threads}`);
  process.exit(2);
}

// 1. Load and prepare. Text columns become categorical features of the pool (CatBoost style).
const { x, y } = loadHousePrices(args.data);
const pool = new Pool(x, { label: y });
console.log(`${x.shape[0]} rows, ${x.shape[1]} features`);

// 2-3. A study minimising the cv RMSE of log(price), sampled by TPE, pruned by Hyperband. The
// tracking callback writes one run per trial (params, metric "RMSLE", state) to --tracking-uri.
// Rungs at 50, 150 and 450 rounds: over 50 trials 2.07x fewer boosting iterations than without
// pruning at the same best (README, "The whole workflow"); lower rungs judge by learning rate.
const study = await createStudy({
  studyName: args["study-name"],
  direction: "minimize",
  sampler: new TPESampler({ seed }),
  pruner: new HyperbandPruner({ minResource: 50, maxResource: 1000, reductionFactor: 3 }),
});
const tracking = trackingCallback({ trackingUri: args["tracking-uri"], metricName: "RMSLE" });
let boostingIterations = 0;
const started = performance.now();
const objective = cvObjective(pool, {
  seed,
  fixed: { threadCount },
  onIterations: (n) => (boostingIterations += n),
});
await study.optimize(objective, {
  nTrials,
  callbacks: [tracking],
  showProgressBar: true,
});
await tracking.close();
const seconds = (performance.now() - started) / 1000;

// 4. Results.
const best = study.bestTrial;
const pruned = study.trials.filter((t) => t.state === "PRUNED").length;
console.log(
  `\n${nTrials} trials in ${seconds.toFixed(1)} s (${pruned} pruned, ${boostingIterations} boosting iterations)`,
);
console.log(`best trial #${best.number}: RMSLE ${best.values![0].toFixed(5)}`);
for (const [k, v] of Object.entries(best.params)) console.log(`  ${k} = ${v}`);

// Retrain on every row with the best params, for as many rounds as cv found best, and save.
const bestIteration = Number(best.userAttrs.best_iteration);
const model = train(pool, { ...paramsOf(best.params), iterations: bestIteration + 1, seed });
model.save(args["model-out"]);
console.log(`model (${bestIteration + 1} trees) saved to ${args["model-out"]}`);
console.log(`runs written to ${args["tracking-uri"]}; open them with: npx tunelab ui`);
