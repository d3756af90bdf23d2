/**
 * Multi-objective quality: NSGAIISampler and TPESampler (MOTPE), 200 trials, on ZDT1 and ZDT2
 * (30 dims) and a two-objective mixed space (log float, int, categorical), against Optuna's
 * NSGAIISampler and TPESampler (cached in bench/results/optuna-samplers.json and
 * optuna-motpe.json). Cell: median hypervolume over seeds at the problem's reference point
 * (higher is better). Also checks tunelab's `hypervolume` against the value Optuna computed for
 * each of its own final fronts.
 *
 *   npm run bench:tune-multi-objective -- [--seeds 10] [--tpe-only]
 */
import { writeFileSync } from "node:fs";
import {
  createStudy,
  hypervolume,
  hypervolumeHistory,
  NSGAIISampler,
  type Sampler,
  setVerbosity,
  TPESampler,
} from "../../src/tune/index.js";
import { MO_PROBLEMS } from "./mo-problems.js";
import { loadOptunaResults, median } from "./optuna-results.js";

setVerbosity("error");
const i = process.argv.indexOf("--seeds");
const seeds = i >= 0 ? Number(process.argv[i + 1]) : 10;
const py = loadOptunaResults();
const measured = new Date().toISOString();
const runs: { sampler: string; problem: string; seed: number; hypervolume: Record<string, number> }[] = [];
const SAMPLERS: { name: string; optuna: string; make: (seed: number) => Sampler }[] = [
  { name: "NSGA-II", optuna: "nsga2", make: (seed) => new NSGAIISampler({ seed }) },
  { name: "TPE (MOTPE)", optuna: "motpe", make: (seed) => new TPESampler({ seed }) },
];

console.log(`tunelab measured ${measured}; Optuna ${py.optuna} measured ${py.measured.join(", ")}`);
let maxHvError = 0;
for (const sampler of SAMPLERS) {
  if (process.argv.includes("--tpe-only") && sampler.optuna !== "motpe") continue;
  console.log(`\n${sampler.name}, 200 trials: median hypervolume (seeds) — higher is better`);
  console.log(
    "| problem | reference | tunelab @100 | Optuna @100 | tunelab @200 | Optuna @200 | >= Optuna @200 |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const p of MO_PROBLEMS) {
    const ours100: number[] = [];
    const ours200: number[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const study = await createStudy({ directions: ["minimize", "minimize"], sampler: sampler.make(seed) });
      await study.optimize(p.objective, { nTrials: 200 });
      const history = hypervolumeHistory(study.trials, study.directions, p.reference);
      ours100.push(history[99]);
      ours200.push(history[199]);
      runs.push({
        sampler: sampler.optuna,
        problem: p.name,
        seed,
        hypervolume: { "100": history[99], "200": history[199] },
      });
    }
    const theirs = py.multi.filter((r) => r.problem === p.name && r.sampler === sampler.optuna);
    for (const r of theirs) {
      const mine = hypervolume(r.front, p.reference);
      maxHvError = Math.max(
        maxHvError,
        Math.abs(mine - r.hypervolume["200"]) / Math.max(1e-12, r.hypervolume["200"]),
      );
    }
    const o200 = median(ours200);
    const t100 = theirs.length ? median(theirs.map((r) => r.hypervolume["100"])).toFixed(3) : "—";
    const t200 = theirs.length ? median(theirs.map((r) => r.hypervolume["200"])) : Number.NaN;
    console.log(
      `| ${p.name} | (${p.reference.join(", ")}) | ${median(ours100).toFixed(3)} | ${t100} | ${o200.toFixed(3)} (${ours200.length}) | ${theirs.length ? t200.toFixed(3) : "—"} (${theirs.length}) | ${theirs.length ? (o200 >= t200 ? "yes" : "no") : "—"} |`,
    );
  }
}
console.log(
  `\nhypervolume() on Optuna's final fronts vs Optuna's own value: max relative difference ${maxHvError.toExponential(2)}`,
);
writeFileSync(
  new URL("../results/tunelab-multi-objective.json", import.meta.url),
  `${JSON.stringify({ measuredUtc: measured, seeds, runs }, null, 1)}\n`,
);
