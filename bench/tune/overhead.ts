/**
 * `npm run bench:tune-overhead`: the engine's own cost per trial (instant objective, 5 floats,
 * in memory), tunelab TPE and random side by side with Optuna's (Python venv, same run).
 * Prints ms/trial over the last 100 trials of runs of N trials, wall time and the process's CPU
 * time (on a shared machine the CPU ratio is the steadier one).
 *
 *   npm run bench:tune-overhead -- [--n 100,1000,2000,10000] [--optuna-n 100,1000] [--reps 3]
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createStudy, RandomSampler, type Sampler, TPESampler } from "../../src/tune/index.js";
import { fmt, median } from "./stats.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ns = opt("n", "100,1000,2000,10000").split(",").map(Number);
const optunaNs = opt("optuna-n", "100,1000").split(",").filter(Boolean).map(Number);
const reps = Number(opt("reps", "3"));
const venv = process.env.TUNELAB_VENV ?? `${process.env.HOME}/.cache/tunelab-venv`;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run(
  make: () => Sampler,
  n: number,
): Promise<{ total: number; last100: number; cpuLast100: number }> {
  const study = await createStudy({ sampler: make() });
  const stamps: number[] = [];
  const cpu: number[] = [];
  const cpu0 = cpuMs();
  const t0 = performance.now();
  await study.optimize(
    (t) => {
      let s = 0;
      for (let i = 0; i < 5; i++) s += t.suggestFloat(`x${i}`, -10, 10) ** 2;
      return s;
    },
    {
      nTrials: n,
      callbacks: [
        () => {
          stamps.push(performance.now());
          cpu.push(cpuMs());
        },
      ],
    },
  );
  const total = performance.now() - t0;
  const k = Math.min(100, n);
  const last100 = (stamps[n - 1] - (n > k ? stamps[n - k - 1] : t0)) / k;
  const cpuLast100 = (cpu[n - 1] - (n > k ? cpu[n - k - 1] : cpu0)) / k;
  return { total, last100, cpuLast100 };
}

const table: { who: string; n: number; last100: number; mean: number; cpuLast100: number }[] = [];
for (const [who, make] of [
  ["tunelab_tpe", () => new TPESampler({ seed: 0 })],
  ["tunelab_random", () => new RandomSampler({ seed: 0 })],
] as const) {
  for (const n of ns) {
    const results = [];
    for (let r = 0; r < (n >= 10000 ? 1 : reps); r++) results.push(await run(make, n));
    table.push({
      who,
      n,
      last100: median(results.map((x) => x.last100)),
      cpuLast100: median(results.map((x) => x.cpuLast100)),
      mean: median(results.map((x) => x.total / n)),
    });
  }
}

if (optunaNs.length && existsSync(`${venv}/bin/python`)) {
  const out = execFileSync(`${venv}/bin/python`, ["bench/tune/optuna_overhead.py", optunaNs.join(",")], {
    encoding: "utf8",
  });
  for (const line of out.trim().split("\n")) table.push(JSON.parse(line));
}

console.log(
  "\n| engine | N | ms/trial, last 100 | CPU ms/trial, last 100 | mean ms/trial |\n|---|---|---|---|---|",
);
for (const r of table)
  console.log(`| ${r.who} | ${r.n} | ${fmt(r.last100)} | ${fmt(r.cpuLast100)} | ${fmt(r.mean)} |`);
for (const n of optunaNs) {
  const ours = table.find((r) => r.who === "tunelab_tpe" && r.n === n);
  const theirs = table.find((r) => r.who === "optuna_tpe" && r.n === n);
  if (ours && theirs)
    console.log(
      `TPE at N=${n}: tunelab / Optuna = ${fmt(ours.last100 / theirs.last100)} wall, ${fmt(ours.cpuLast100 / theirs.cpuLast100)} CPU (last 100 trials; target <= 0.05)`,
    );
}
