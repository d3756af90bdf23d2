/** Reads the cached Optuna side of the sampler benchmarks (bench/tune/py/samplers_quality.py). */
import { existsSync, readFileSync } from "node:fs";

/** One single-objective Optuna run. */
export interface PySingleRun {
  sampler: string;
  function: string;
  seed: number;
  n_trials: number;
  best_value: number;
}

/** One multi-objective Optuna run. */
export interface PyMultiRun {
  sampler: string;
  problem: string;
  seed: number;
  hypervolume: Record<string, number>;
  front: number[][];
}

const FILES = [
  "optuna-samplers.json",
  "optuna-gp.json",
  "optuna-gp-b.json",
  "optuna-gp-c.json",
  "optuna-motpe.json",
];

/** Every cached Optuna run, deduplicated by (sampler, function or problem, seed), with the measurement dates. */
export function loadOptunaResults(dir = new URL("../results/", import.meta.url)): {
  single: PySingleRun[];
  multi: PyMultiRun[];
  measured: string[];
  optuna: string;
} {
  const single = new Map<string, PySingleRun>();
  const multi = new Map<string, PyMultiRun>();
  const measured: string[] = [];
  let optuna = "?";
  for (const f of FILES) {
    const url = new URL(f, dir);
    if (!existsSync(url)) continue;
    const data = JSON.parse(readFileSync(url, "utf8"));
    optuna = data.meta?.optuna ?? optuna;
    measured.push(...(data.meta?.measured_utc ?? []));
    for (const r of data.single ?? []) single.set(`${r.sampler}|${r.function}|${r.seed}`, r);
    for (const r of data.multi ?? []) multi.set(`${r.sampler}|${r.problem}|${r.seed}`, r);
  }
  return {
    single: [...single.values()],
    multi: [...multi.values()],
    measured: [...new Set(measured)].sort(),
    optuna,
  };
}

/** Median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}
