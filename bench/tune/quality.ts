/**
 * `npm run bench:tune-quality`: median best value over 10 seeds, 100 trials, on the anchor suite,
 * tunelab's samplers side by side with Optuna's (run from the Python venv in the same call, or read
 * from a cached result with --optuna-json).
 *
 *   npm run bench:tune-quality -- [--trials 100] [--seeds 10] [--optuna-json bench/results/optuna-quality.json]
 *                                  [--kernels bandwidthFactor,magicClipScale]
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createStudy, RandomSampler, type Sampler, TPESampler } from "../../src/tune/index.js";
import { OBJECTIVES } from "./objectives.js";
import { fmt, median } from "./stats.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const trials = Number(opt("trials", "100"));
const seeds = Number(opt("seeds", "10"));
const venv = process.env.TUNELAB_VENV ?? `${process.env.HOME}/.cache/tunelab-venv`;

/** `--kernels 1,1`: TPE's bandwidthFactor and magicClipScale (default: the sampler's own). */
const [bandwidthFactor, magicClipScale] = opt("kernels", "").split(",").filter(Boolean).map(Number);
const kernels = bandwidthFactor ? { bandwidthFactor, magicClipScale } : {};
const SAMPLERS: Record<string, (seed: number) => Sampler> = {
  tpe: (seed) => new TPESampler({ seed, ...kernels }),
  tpe_independent: (seed) => new TPESampler({ seed, multivariate: false, ...kernels }),
  random: (seed) => new RandomSampler({ seed }),
};

type Row = { objective: string; sampler: string; seed: number; best: number; seconds: number };
const rows: Row[] = [];
for (const obj of OBJECTIVES)
  for (const [name, make] of Object.entries(SAMPLERS))
    for (let seed = 0; seed < seeds; seed++) {
      const study = await createStudy({ sampler: make(seed) });
      const t0 = performance.now();
      await study.optimize(obj.objective, { nTrials: trials });
      rows.push({
        objective: obj.name,
        sampler: name,
        seed,
        best: study.bestValue,
        seconds: (performance.now() - t0) / 1000,
      });
    }

let optunaJson = opt("optuna-json", "");
if (!optunaJson) {
  optunaJson = "/tmp/tunelab-optuna-quality.json";
  if (existsSync(`${venv}/bin/python`))
    execFileSync(
      `${venv}/bin/python`,
      ["bench/tune/optuna_quality.py", optunaJson, "--trials", String(trials), "--seeds", String(seeds)],
      {
        stdio: "inherit",
      },
    );
}
const optuna = existsSync(optunaJson)
  ? (JSON.parse(readFileSync(optunaJson, "utf8")) as { optuna: string; rows: Row[] })
  : null;
if (optuna) rows.push(...optuna.rows);
else console.log("(no Optuna results: create the venv, see README)");

const names = [...new Set(rows.map((r) => r.sampler))];
const cell = (o: string, s: string) => {
  const r = rows.filter((x) => x.objective === o && x.sampler === s);
  return r.length ? median(r.map((x) => x.best)) : Number.NaN;
};
console.log(
  `\nmedian best value, ${trials} trials, ${seeds} seeds${optuna ? ` (Optuna ${optuna.optuna})` : ""}\n`,
);
console.log(`| sampler | ${OBJECTIVES.map((o) => `${o.name} (opt ${fmt(o.optimum)})`).join(" | ")} |`);
console.log(`|---|${OBJECTIVES.map(() => "---").join("|")}|`);
for (const s of names) console.log(`| ${s} | ${OBJECTIVES.map((o) => fmt(cell(o.name, s))).join(" | ")} |`);
if (optuna) {
  const wins = OBJECTIVES.filter((o) => cell(o.name, "tpe") <= cell(o.name, "optuna_tpe")).length;
  const noWorseThanRandom = OBJECTIVES.filter((o) => cell(o.name, "tpe") <= cell(o.name, "random")).length;
  console.log(
    `\ntunelab TPE no worse than Optuna TPE on ${wins} of ${OBJECTIVES.length}; no worse than random on ${noWorseThanRandom} of ${OBJECTIVES.length}`,
  );
}
const ms = (s: string) => median(rows.filter((r) => r.sampler === s).map((r) => r.seconds * 1000));
console.log(`median wall ms per run: ${names.map((s) => `${s} ${fmt(ms(s))}`).join(", ")}`);
