/**
 * The main job until the GBDT workflow lands: tune a 5-parameter test function (mixed space) with
 * TPE and a Hyperband pruner, showing a progress bar, then print the best trial.
 *
 *   npm run demo -- [--trials 200] [--seed 0]
 */
import { createStudy, HyperbandPruner, TPESampler, TrialPruned } from "../../src/tune/index.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const nTrials = arg("trials", 200);
const seed = arg("seed", 0);

const study = await createStudy({
  studyName: "demo",
  direction: "minimize",
  sampler: new TPESampler({ seed }),
  pruner: new HyperbandPruner({ minResource: 1, maxResource: 50 }),
});

// A learning curve: the loss falls towards an asymptote that depends on the parameters.
await study.optimize(
  (trial) => {
    const lr = trial.suggestFloat("learning_rate", 1e-4, 1, { log: true });
    const depth = trial.suggestInt("depth", 2, 12);
    const dropout = trial.suggestFloat("dropout", 0, 0.6);
    const optimizer = trial.suggestCategorical("optimizer", ["sgd", "adam", "rmsprop"]);
    const l2 = trial.suggestFloat("l2", 1e-6, 1e-1, { log: true });
    const asymptote =
      0.1 +
      (Math.log10(lr) + 2.5) ** 2 * 0.05 +
      (depth - 7) ** 2 * 0.004 +
      (dropout - 0.2) ** 2 +
      { sgd: 0.15, adam: 0, rmsprop: 0.05 }[optimizer] +
      (Math.log10(l2) + 3) ** 2 * 0.01;
    const tau = 5 / Math.sqrt(lr * 10);
    let loss = Number.NaN;
    for (let step = 1; step <= 50; step++) {
      loss = asymptote + (2.5 - asymptote) * Math.exp(-step / tau);
      trial.report(loss, step);
      if (trial.shouldPrune()) throw new TrialPruned();
    }
    return loss;
  },
  { nTrials, showProgressBar: true },
);

const states: Record<string, number> = {};
for (const t of study.trials) states[t.state] = (states[t.state] ?? 0) + 1;
console.log(`\nfinished ${study.trials.length} trials: ${JSON.stringify(states)}`);
console.log(`best value ${study.bestValue.toFixed(5)} at trial ${study.bestTrial.number}`);
console.log(`best params ${JSON.stringify(study.bestParams)}`);
