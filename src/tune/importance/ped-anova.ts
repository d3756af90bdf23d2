import type { Distribution } from "../distributions.js";
import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import { UnitSpace } from "../samplers/unit-space.js";
import type { ImportanceEvaluator } from "./evaluator.js";

/** Options of {@link PedAnovaImportanceEvaluator}. */
export interface PedAnovaImportanceEvaluatorOptions {
  /** Fraction of the best trials whose distribution is compared (γ′). Default 0.1. */
  targetQuantile?: number;
  /** Fraction of the best trials that defines the region compared against (γ; 1 = all trials). Default 1. */
  regionQuantile?: number;
}

const GRID = 100;

/**
 * PED-ANOVA (Watanabe, Bansal & Hutter, "PED-ANOVA: efficiently quantifying hyperparameter
 * importance in arbitrary subspaces", IJCAI 2023): a parameter matters when the best γ′ trials are
 * distributed differently from the trials of the region γ. Its importance is the Pearson
 * divergence (γ′/γ)²·∫(p_γ′(x)/p_γ(x) − 1)² p_γ(x) dx between one-dimensional Parzen estimates
 * (Scott's bandwidth on the unit scale of the shared encoding; smoothed frequencies for
 * categoricals). Needs no surrogate model, so it is fast on thousands of trials.
 */
export class PedAnovaImportanceEvaluator implements ImportanceEvaluator {
  private readonly targetQuantile: number;
  private readonly regionQuantile: number;

  constructor(options: PedAnovaImportanceEvaluatorOptions = {}) {
    const { targetQuantile = 0.1, regionQuantile = 1 } = options;
    if (!(targetQuantile > 0 && targetQuantile < regionQuantile && regionQuantile <= 1))
      throw new InvalidArgumentError(
        `PedAnovaImportanceEvaluator: need 0 < targetQuantile < regionQuantile <= 1, got ${targetQuantile} and ${regionQuantile}`,
      );
    this.targetQuantile = targetQuantile;
    this.regionQuantile = regionQuantile;
  }

  evaluate(
    trials: readonly FrozenTrial[],
    searchSpace: Readonly<Record<string, Distribution>>,
    target: (trial: FrozenTrial) => number,
  ): Record<string, number> {
    const space = new UnitSpace(searchSpace);
    const sorted = [...trials].sort((a, b) => target(a) - target(b));
    const nRegion = Math.max(2, Math.ceil(this.regionQuantile * sorted.length));
    const nTop = Math.max(2, Math.ceil(this.targetQuantile * sorted.length));
    const out: Record<string, number> = {};
    if (sorted.length < 4 || nTop >= nRegion) {
      for (const n of space.names) out[n] = 0;
      return out;
    }
    const ratio = nTop / nRegion;
    const points = sorted.map((t) => space.toUnit(t)!);
    for (let i = 0; i < space.dim; i++) {
      const region = points.slice(0, nRegion).map((p) => p[i]);
      const top = points.slice(0, nTop).map((p) => p[i]);
      const k = space.choices[i];
      const pr = k > 0 ? frequencies(region, k) : parzenOnGrid(region);
      const pt = k > 0 ? frequencies(top, k) : parzenOnGrid(top);
      let divergence = 0;
      const dx = k > 0 ? 1 : 1 / GRID;
      for (let g = 0; g < pr.length; g++) if (pr[g] > 0) divergence += (pt[g] / pr[g] - 1) ** 2 * pr[g] * dx;
      out[space.names[i]] = ratio * ratio * divergence;
    }
    return out;
  }
}

/** Smoothed category frequencies (one pseudo-count spread over the k choices). */
function frequencies(values: number[], k: number): Float64Array {
  const out = new Float64Array(k).fill(1 / k);
  for (const v of values) out[v] += 1;
  for (let c = 0; c < k; c++) out[c] /= values.length + 1;
  return out;
}

/** A Gaussian-kernel density on [0, 1] (Scott's bandwidth, reflected at the bounds), on GRID midpoints. */
function parzenOnGrid(values: number[]): Float64Array {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let sd = 0;
  for (const v of values) sd += (v - mean) ** 2;
  sd = Math.sqrt(sd / Math.max(1, n - 1));
  const h = Math.max(1.06 * sd * n ** -0.2, 0.02);
  const out = new Float64Array(GRID);
  let total = 0;
  for (let g = 0; g < GRID; g++) {
    const x = (g + 0.5) / GRID;
    let s = 0;
    for (const v of values) for (const c of [v, -v, 2 - v]) s += Math.exp(-0.5 * ((x - c) / h) ** 2);
    out[g] = s;
    total += s;
  }
  for (let g = 0; g < GRID; g++) out[g] = (out[g] / total) * GRID;
  return out;
}
