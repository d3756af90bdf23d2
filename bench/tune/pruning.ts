/**
 * `npm run bench:tune-pruning`: pruners on the anchor's synthetic learning curves
 * (shared/anchors/optuna/pruning.py), 100 trials x 100 steps, TPE, side by side with Optuna's
 * pruners (Python venv, same run). Paired: both sides enqueue the same 10 start-up trials and add
 * the same step noise (`pruning-streams.ts` and its Python twin), and use the same study names
 * (Hyperband's brackets hash them), so seed by seed only the samplers' later choices differ.
 * Reports medians of total steps consumed, best final value and the noise-free loss of the best
 * trial, then per seed how often tunelab's best is at least as good as Optuna's and the median
 * of the paired differences, then the same runs per step spent: tunelab's best within the steps
 * Optuna consumed, and the steps each side needed to reach an equal best.
 *
 *   npm run bench:tune-pruning -- [--seeds 10] [--no-optuna] [--pruners median,hyperband] [--optuna-kernels | --kernels bf,mcs]
 *                                  [--optuna-cache FILE] [--seed-offset K] [--sampler random] [--curves parallel]
 *
 * `--optuna-kernels` gives tunelab's TPE Optuna's kernel settings (bandwidthFactor 1, magicClipScale 1);
 * `--kernels 0.9,2` any other pair. `--optuna-cache FILE` reuses (or saves) Optuna's side.
 * `--seed-offset K` runs seeds K..K+n-1 instead of 0..n-1 (held-out seeds: a sampler change
 * chosen on seeds 0–99 is confirmed on 100–199); a cache records its offset and must match it.
 * `--sampler random` runs tunelab's RandomSampler instead of TPE, alone (Optuna's side is TPE, so
 * no pairing): how many steps the pruners consume when proposals do not improve over time.
 * `--curves parallel` gives every curve the same time constant (10 steps) on both sides, so the
 * ranking at every step is the final one: a guard for sampler changes, since on the anchor's
 * crossing curves the pruners' early verdicts mislead and trusting them less saves steps there.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  createStudy,
  HyperbandPruner,
  MedianPruner,
  NopPruner,
  type Pruner,
  RandomSampler,
  SuccessiveHalvingPruner,
  setVerbosity,
  TPESampler,
  TrialPruned,
} from "../../src/tune/index.js";
import { startupParams, stepNoise } from "./pruning-streams.js";
import { fmt, median, quantile } from "./stats.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const seeds = Number(opt("seeds", "10"));
const seedOffset = Number(opt("seed-offset", "0"));
if (!Number.isInteger(seedOffset) || seedOffset < 0)
  throw new Error(`--seed-offset must be an integer >= 0, got ${opt("seed-offset", "0")}`);
const seedList = Array.from({ length: seeds }, (_, i) => seedOffset + i);
const venv = process.env.TUNELAB_VENV ?? `${process.env.HOME}/.cache/tunelab-venv`;
const STEPS = 100;
const N_TRIALS = 100;
const N_STARTUP = 10;
const NOISE_SD = 0.02;
const OPT_OFFSET: Record<string, number> = { adam: 0.0, rmsprop: 0.03, sgd: 0.06 };
const OPT_SLOW: Record<string, number> = { adam: 1.0, rmsprop: 1.2, sgd: 2.0 };

function curve(lr: number, dropout: number, width: number, opt: string) {
  const a =
    0.1 +
    0.12 * (Math.log10(lr) + 2.5) ** 2 +
    1.5 * (dropout - 0.2) ** 2 +
    0.02 * (Math.log2(width) - 7) ** 2 +
    OPT_OFFSET[opt];
  const tau = parallel
    ? 10
    : Math.min(Math.max(6 * Math.sqrt(0.01 / lr) * OPT_SLOW[opt] * (1 + dropout), 1), 80);
  return (t: number) => a + (2.5 - a) * Math.exp(-t / tau);
}

const ALL_PRUNERS: Record<string, () => Pruner> = {
  nop: () => new NopPruner(),
  median: () => new MedianPruner(),
  successive_halving: () => new SuccessiveHalvingPruner(),
  hyperband: () => new HyperbandPruner(),
};
const [bandwidthFactor, magicClipScale] = (args.includes("--optuna-kernels") ? "1,1" : opt("kernels", ""))
  .split(",")
  .filter(Boolean)
  .map(Number);
const kernels = bandwidthFactor ? { bandwidthFactor, magicClipScale } : {};
/** `--name`'s value, one of `allowed` (the first is the default). */
function choice(name: string, allowed: string[]): string {
  const v = opt(name, allowed[0]);
  if (!allowed.includes(v))
    throw new Error(`--${name} must be ${allowed.join(" or ")}, got ${JSON.stringify(v)}`);
  return v;
}
const curves = choice("curves", ["anchor", "parallel"]);
const parallel = curves === "parallel";
const random = choice("sampler", ["tpe", "random"]) === "random";
const pruners = opt("pruners", Object.keys(ALL_PRUNERS).join(",")).split(",");
for (const p of pruners) if (!ALL_PRUNERS[p]) throw new Error(`unknown pruner ${JSON.stringify(p)}`);

type Row = {
  pruner: string;
  seed: number;
  total_steps: number;
  n_pruned: number;
  best_final_value: number;
  best_trial_clean_final: number;
  /** [steps consumed, best value so far] after each trial (absent in caches from older runs). */
  trajectory?: [number, number | null][];
};

async function runOne(pruner: string, seed: number): Promise<Row> {
  let steps = 0;
  const clean = new Map<number, number>();
  const study = await createStudy({
    studyName: `pruning-${seed}`,
    sampler: random ? new RandomSampler({ seed }) : new TPESampler({ seed, ...kernels }),
    pruner: ALL_PRUNERS[pruner](),
  });
  for (let n = 0; n < N_STARTUP; n++) study.enqueueTrial(startupParams(seed, n));
  const trajectory: [number, number | null][] = [];
  let best: number | null = null;
  await study.optimize(
    (trial) => {
      const f = curve(
        trial.suggestFloat("lr", 1e-4, 1, { log: true }),
        trial.suggestFloat("dropout", 0, 0.6),
        trial.suggestInt("width", 16, 1024, { log: true }),
        trial.suggestCategorical("optimizer", ["sgd", "rmsprop", "adam"]) as string,
      );
      const noise = stepNoise(seed, trial.number, STEPS);
      clean.set(trial.number, f(STEPS));
      let v = 0;
      for (let t = 1; t <= STEPS; t++) {
        v = f(t) + NOISE_SD * noise[t - 1];
        steps++;
        trial.report(v, t);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return v;
    },
    {
      nTrials: N_TRIALS,
      callbacks: [
        (_, t) => {
          if (t.state === "COMPLETE" && (best === null || t.value! < best)) best = t.value!;
          trajectory.push([steps, best]);
        },
      ],
    },
  );
  return {
    pruner,
    seed,
    total_steps: steps,
    n_pruned: study.trials.filter((t) => t.state === "PRUNED").length,
    best_final_value: study.bestValue,
    best_trial_clean_final: clean.get(study.bestTrial.number)!,
    trajectory,
  };
}

setVerbosity("error");
const rows: (Row & { who: string })[] = [];
for (const pruner of pruners)
  for (const seed of seedList) rows.push({ who: "tunelab", ...(await runOne(pruner, seed)) });

/** Optuna's side as printed by optuna_pruning.py, from `--optuna-cache FILE` when it exists. */
function optunaOutput(): string | null {
  if (random) return null;
  const cache = opt("optuna-cache", "");
  if (cache && existsSync(cache)) return readFileSync(cache, "utf8");
  if (args.includes("--no-optuna") || !existsSync(`${venv}/bin/python`)) return null;
  const out = execFileSync(
    `${venv}/bin/python`,
    ["bench/tune/optuna_pruning.py", String(seeds), pruners.join(","), String(seedOffset), curves],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  if (cache) writeFileSync(cache, out);
  return out;
}

const out = optunaOutput();
if (out) {
  const [first, ...lines] = out.trim().split("\n");
  const ours = JSON.stringify([stepNoise(3, 7, STEPS).reduce((a, b) => a + b, 0), startupParams(3, 7)]);
  const head = JSON.parse(first) as { fingerprint: unknown; seed_offset?: number; curves?: string };
  const theirs = JSON.stringify(head.fingerprint);
  if (ours !== theirs) throw new Error(`the paired streams differ: tunelab ${ours}, Python ${theirs}`);
  // Caches written before --seed-offset existed hold seeds 0..n-1.
  if ((head.seed_offset ?? 0) !== seedOffset)
    throw new Error(`Optuna's side starts at seed ${head.seed_offset ?? 0}, this run at ${seedOffset}`);
  if ((head.curves ?? "anchor") !== curves)
    throw new Error(`Optuna's side ran the ${head.curves ?? "anchor"} curves, this run the ${curves} ones`);
  for (const line of lines) {
    const row = JSON.parse(line) as Row;
    if (pruners.includes(row.pruner) && seedList.includes(row.seed)) rows.push({ who: "optuna", ...row });
  }
}

console.log(
  `\n${N_TRIALS} trials x ${STEPS} steps, ${seeds} seeds ${seedOffset}–${seedOffset + seeds - 1} (paired streams), medians\n`,
);
console.log(
  "| pruner | engine | total steps | pruned trials | best final value [q25, q75] | noise-free loss of best trial |\n|---|---|---|---|---|---|",
);
for (const name of pruners)
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

/** Each tunelab run of `pruner` with the Optuna run of the same seed (seeds Optuna's side has). */
function seedPairs(pruner: string): (readonly [Row, Row])[] {
  const optuna = new Map(
    rows.filter((o) => o.who === "optuna" && o.pruner === pruner).map((o) => [o.seed, o]),
  );
  return rows
    .filter((t) => t.who === "tunelab" && t.pruner === pruner && optuna.has(t.seed))
    .map((t) => [t, optuna.get(t.seed)!] as const);
}

if (rows.some((r) => r.who === "optuna")) {
  console.log(
    "\nSeed by seed (tunelab against Optuna on the same streams)\n\n| pruner | best <= Optuna's | steps <= Optuna's | median best difference | median steps ratio |\n|---|---|---|---|---|",
  );
  for (const name of pruners) {
    const pairs = seedPairs(name);
    const share = (ok: (t: Row, o: Row) => boolean) =>
      `${pairs.filter(([t, o]) => ok(t, o)).length}/${pairs.length}`;
    console.log(
      `| ${name} | ${share((t, o) => t.best_final_value <= o.best_final_value)} | ${share((t, o) => t.total_steps <= o.total_steps)} | ${fmt(median(pairs.map(([t, o]) => t.best_final_value - o.best_final_value)))} | ${fmt(median(pairs.map(([t, o]) => t.total_steps / o.total_steps)))} |`,
    );
  }
}

/** The best value a run had reached once `budget` steps were consumed (+Infinity before any). */
function bestWithin(trajectory: [number, number | null][], budget: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const [steps, b] of trajectory) if (steps <= budget && b !== null) best = b;
  return best;
}

/** The steps a run had consumed when its best first reached `target`. */
function stepsToReach(trajectory: [number, number | null][], target: number): number {
  return trajectory.find(([, b]) => b !== null && b <= target)?.[0] ?? Number.POSITIVE_INFINITY;
}

// The same runs judged per step spent rather than after all 100 trials: each tunelab run cut at
// the steps its paired Optuna run consumed, and the steps each side needed to reach the worse of
// the two final bests (a value both reached).
if (pruners.some((name) => seedPairs(name).some(([t, o]) => t.trajectory && o.trajectory))) {
  console.log(
    "\nPer step spent (paired by seed)\n\n| pruner | tunelab best within Optuna's steps | Optuna final best | seeds tunelab <= Optuna | steps to reach the worse final best, tunelab / Optuna (median ratio) | seeds tunelab needs fewer or equal |\n|---|---|---|---|---|---|",
  );
  for (const name of pruners) {
    const pairs = seedPairs(name).filter(([t, o]) => t.trajectory && o.trajectory);
    if (!pairs.length) continue;
    const within = pairs.map(([t, o]) => bestWithin(t.trajectory!, o.total_steps));
    const reach = pairs.map(([t, o]) => {
      const target = Math.max(t.best_final_value, o.best_final_value);
      return stepsToReach(t.trajectory!, target) / stepsToReach(o.trajectory!, target);
    });
    console.log(
      `| ${name} | ${fmt(median(within))} | ${fmt(median(pairs.map(([, o]) => o.best_final_value)))} | ${pairs.filter(([, o], i) => within[i] <= o.best_final_value).length}/${pairs.length} | ${fmt(median(reach))} | ${reach.filter((r) => r <= 1).length}/${pairs.length} |`,
    );
  }
}
