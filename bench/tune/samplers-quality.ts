/**
 * Sampler quality on the anchor suite (../shared/anchors/optuna/objectives.py, ported in
 * objectives.ts), side by side with Optuna's cached results (bench/results/optuna-*.json, made by
 * bench/tune/py/samplers_quality.py):
 * - GPSampler, 100 trials, vs Optuna's TPESampler and GPSampler (100 trials);
 * - CmaEsSampler, 200 trials, vs Optuna's CmaEsSampler on the continuous functions.
 * Cells are the median best value over seeds (minimised; lower is better).
 *
 *   npm run bench:tune-samplers -- [--seeds 10] [--only gp|cmaes] [--reuse]
 * --reuse prints the table from bench/results/tunelab-samplers.json without rerunning.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { CmaEsSampler, createStudy, GPSampler, type Sampler, setVerbosity } from "../../src/tune/index.js";
import { OBJECTIVES } from "./objectives.js";
import { loadOptunaResults, median } from "./optuna-results.js";

setVerbosity("error");
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seeds = Number(flag("--seeds") ?? 10);
const only = flag("--only");
const out = new URL("../results/tunelab-samplers.json", import.meta.url);

interface Run {
  sampler: string;
  function: string;
  seed: number;
  bestValue: number;
  wallMs: number;
}

const samplers: { name: string; trials: number; make: (seed: number) => Sampler; continuousOnly: boolean }[] =
  [
    { name: "gp", trials: 100, make: (seed) => new GPSampler({ seed }), continuousOnly: false },
    { name: "cmaes", trials: 200, make: (seed) => new CmaEsSampler({ seed }), continuousOnly: true },
  ];

let runs: Run[] = [];
let measured = "";
if (args.includes("--reuse") && existsSync(out)) {
  const saved = JSON.parse(readFileSync(out, "utf8"));
  runs = saved.runs;
  measured = saved.measuredUtc;
} else {
  measured = new Date().toISOString();
  // Keep the saved runs of samplers not rerun now (with --only).
  if (only && existsSync(out))
    runs = JSON.parse(readFileSync(out, "utf8")).runs.filter((r: Run) => r.sampler !== only);
  for (const s of samplers) {
    if (only && s.name !== only) continue;
    for (const o of OBJECTIVES) {
      if (s.continuousOnly && !o.continuous) continue;
      for (let seed = 0; seed < seeds; seed++) {
        const t0 = performance.now();
        const study = await createStudy({ sampler: s.make(seed) });
        await study.optimize(o.objective, { nTrials: s.trials });
        runs.push({
          sampler: s.name,
          function: o.name,
          seed,
          bestValue: study.bestValue,
          wallMs: performance.now() - t0,
        });
        process.stderr.write(`${s.name} ${o.name} seed ${seed}: ${study.bestValue.toPrecision(6)}\n`);
      }
    }
  }
  writeFileSync(out, `${JSON.stringify({ measuredUtc: measured, seeds, runs }, null, 1)}\n`);
}

const py = loadOptunaResults();
const fmt = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? "—" : Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(5);
const ours = (sampler: string, fn: string) =>
  runs.filter((r) => r.sampler === sampler && r.function === fn).map((r) => r.bestValue);
const theirs = (sampler: string, fn: string, trials: number) =>
  py.single
    .filter((r) => r.sampler === sampler && r.function === fn && r.n_trials === trials)
    .map((r) => r.best_value);

console.log(
  `tunelab measured ${JSON.stringify(measured)}; Optuna ${py.optuna} measured ${py.measured.join(", ")}`,
);
console.log("\nGPSampler, 100 trials: median best value (seeds) — lower is better");
console.log("| function | tunelab GP | Optuna TPE | Optuna GP | beats TPE | no worse than Optuna GP |");
console.log("|---|---|---|---|---|---|");
let beatsTpe = 0;
let notWorseGp = 0;
for (const o of OBJECTIVES) {
  const a = ours("gp", o.name);
  if (a.length === 0) continue;
  const t = theirs("tpe", o.name, 100);
  const g = theirs("gp", o.name, 100);
  const ma = median(a);
  const bt = t.length > 0 && ma < median(t);
  const ng = g.length > 0 && ma <= median(g);
  beatsTpe += bt ? 1 : 0;
  notWorseGp += ng ? 1 : 0;
  console.log(
    `| ${o.name} | ${fmt(ma)} (${a.length}) | ${fmt(median(t))} (${t.length}) | ${fmt(g.length ? median(g) : Number.NaN)} (${g.length}) | ${bt ? "yes" : "no"} | ${ng ? "yes" : "no"} |`,
  );
}
console.log(
  `GPSampler beats Optuna TPE on ${beatsTpe}/6 (target >= 5), no worse than Optuna GP on ${notWorseGp}/6 (target >= 4)`,
);

console.log("\nCmaEsSampler, 200 trials: median best value (seeds) — lower is better");
console.log("| function | tunelab CMA-ES | Optuna CMA-ES | no worse |");
console.log("|---|---|---|---|");
let cmaOk = 0;
let cmaN = 0;
for (const o of OBJECTIVES.filter((x) => x.continuous)) {
  const a = ours("cmaes", o.name);
  if (a.length === 0) continue;
  const c = theirs("cmaes", o.name, 200);
  const ok = c.length > 0 && median(a) <= median(c);
  cmaN++;
  cmaOk += ok ? 1 : 0;
  console.log(
    `| ${o.name} | ${fmt(median(a))} (${a.length}) | ${fmt(median(c))} (${c.length}) | ${ok ? "yes" : "no"} |`,
  );
}
console.log(`CmaEsSampler no worse than Optuna's on ${cmaOk}/${cmaN} continuous functions`);
