/**
 * `npm run bench:tune-pruning`: pruners on the anchor's synthetic learning curves
 * (shared/anchors/optuna/pruning.py, ported exactly; noise from tunelab's own seeded generator),
 * 100 trials x 100 steps, TPE, 10 seeds, side by side with Optuna's pruners (Python venv, same run).
 * Reports total steps consumed, best final value and the noise-free loss of the best trial.
 *
 *   npm run bench:tune-pruning -- [--seeds 10] [--no-optuna]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  createStudy,
  HyperbandPruner,
  MedianPruner,
  NopPruner,
  type Pruner,
  Rng,
  SuccessiveHalvingPruner,
  TPESampler,
  TrialPruned,
} from "../../src/tune/index.js";
import { fmt, median, quantile } from "./stats.js";

const args = process.argv.slice(2);
const seeds = args.includes("--seeds") ? Number(args[args.indexOf("--seeds") + 1]) : 10;
const venv = process.env.TUNELAB_VENV ?? `${process.env.HOME}/.cache/tunelab-venv`;
const STEPS = 100;
const OPT_OFFSET: Record<string, number> = { adam: 0.0, rmsprop: 0.03, sgd: 0.06 };
const OPT_SLOW: Record<string, number> = { adam: 1.0, rmsprop: 1.2, sgd: 2.0 };

function curve(lr: number, dropout: number, width: number, opt: string) {
  const a =
    0.1 +
    0.12 * (Math.log10(lr) + 2.5) ** 2 +
    1.5 * (dropout - 0.2) ** 2 +
    0.02 * (Math.log2(width) - 7) ** 2 +
    OPT_OFFSET[opt];
  const tau = Math.min(Math.max(6 * Math.sqrt(0.01 / lr) * OPT_SLOW[opt] * (1 + dropout), 1), 80);
  return (t: number) => a + (2.5 - a) * Math.exp(-t / tau);
}

const PRUNERS: Record<string, () => Pruner> = {
  nop: () => new NopPruner(),
  median: () => new MedianPruner(),
  successive_halving: () => new SuccessiveHalvingPruner(),
  hyperband: () => new HyperbandPruner(),
};

type Row = {
  pruner: string;
  seed: number;
  total_steps: number;
  n_pruned: number;
  best_final_value: number;
  best_trial_clean_final: number;
};
const rows: (Row & { who: string })[] = [];
for (const [name, make] of Object.entries(PRUNERS))
  for (let seed = 0; seed < seeds; seed++) {
    let steps = 0;
    const clean = new Map<number, number>();
    const study = await createStudy({
      studyName: `pruning-${seed}`,
      sampler: new TPESampler({ seed }),
      pruner: make(),
    });
    await study.optimize(
      (trial) => {
        const f = curve(
          trial.suggestFloat("lr", 1e-4, 1, { log: true }),
          trial.suggestFloat("dropout", 0, 0.6),
          trial.suggestInt("width", 16, 1024, { log: true }),
          trial.suggestCategorical("optimizer", ["sgd", "rmsprop", "adam"]),
        );
        const noise = new Rng(seed * 100003 + trial.number);
        clean.set(trial.number, f(STEPS));
        let v = 0;
        for (let t = 1; t <= STEPS; t++) {
          v = f(t) + 0.02 * noise.normal();
          steps++;
          trial.report(v, t);
          if (trial.shouldPrune()) throw new TrialPruned();
        }
        return v;
      },
      { nTrials: 100 },
    );
    rows.push({
      who: "tunelab",
      pruner: name,
      seed,
      total_steps: steps,
      n_pruned: study.trials.filter((t) => t.state === "PRUNED").length,
      best_final_value: study.bestValue,
      best_trial_clean_final: clean.get(study.bestTrial.number)!,
    });
  }

if (!args.includes("--no-optuna") && existsSync(`${venv}/bin/python`)) {
  const out = execFileSync(`${venv}/bin/python`, ["bench/tune/optuna_pruning.py", String(seeds)], {
    encoding: "utf8",
  });
  for (const line of out.trim().split("\n")) rows.push({ who: "optuna", ...(JSON.parse(line) as Row) });
}

console.log(`\n100 trials x ${STEPS} steps, ${seeds} seeds, medians\n`);
console.log(
  "| pruner | engine | total steps | pruned trials | best final value [q25, q75] | noise-free loss of best trial |\n|---|---|---|---|---|---|",
);
for (const name of Object.keys(PRUNERS))
  for (const who of ["tunelab", "optuna"]) {
    const r = rows.filter((x) => x.pruner === name && x.who === who);
    if (!r.length) continue;
    const m = (k: keyof Row) => fmt(median(r.map((x) => x[k] as number)));
    const best = r.map((x) => x.best_final_value);
    const spread = `[${fmt(quantile(best, 0.25))}, ${fmt(quantile(best, 0.75))}]`;
    console.log(
      `| ${name} | ${who} | ${m("total_steps")} | ${m("n_pruned")} | ${m("best_final_value")} ${spread} | ${m("best_trial_clean_final")} |`,
    );
  }
