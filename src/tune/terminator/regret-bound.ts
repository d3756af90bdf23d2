import type { FrozenTrial } from "../frozen-trial.js";
import { Rng } from "../rng.js";
import { GaussianProcess } from "../samplers/gp/gp-model.js";
import { UnitSpace } from "../samplers/unit-space.js";
import { intersectionSearchSpace } from "../search-space.js";
import type { StudyDirection } from "../storage/storage.js";
import type { ErrorEvaluator, ImprovementEvaluator } from "./evaluator.js";

/** Options of {@link RegretBoundEvaluator}. */
export interface RegretBoundEvaluatorOptions {
  /** Fraction of the best trials the GP is fitted to. Default 0.5. */
  topTrialsRatio?: number;
  /** Fit on at least this many trials. Default 20. */
  minNTrials?: number;
  /** Confidence parameter δ of the GP-UCB bound. Default 0.1. */
  delta?: number;
  /** Seed of the candidate points. Default 0. */
  seed?: number;
}

interface Fitted {
  gp: GaussianProcess;
  space: UnitSpace;
  points: Float64Array[];
  sd: number;
}

/** Fits a GP (the GPSampler's model) to the best trials; null when too few. */
function fitTop(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  ratio: number,
  minN: number,
): Fitted | null {
  const sign = directions[0] === "maximize" ? 1 : -1;
  const valid = trials.filter((t) => t.values !== null && Number.isFinite(t.values[0]));
  const spaceDef = intersectionSearchSpace(valid);
  if (Object.keys(spaceDef).length === 0 || valid.length < 2) return null;
  const sorted = [...valid].sort((a, b) => sign * (b.values![0] - a.values![0]));
  const top = sorted.slice(0, Math.min(sorted.length, Math.max(minN, Math.ceil(ratio * sorted.length))));
  const space = new UnitSpace(spaceDef);
  const points = top.map((t) => space.toUnit(t)!);
  const raw = top.map((t) => sign * t.values![0]);
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length) || 1;
  const d = space.dim;
  const x = new Float64Array(points.length * d);
  for (let j = 0; j < points.length; j++) x.set(points[j], j * d);
  const y = Float64Array.from(raw, (v) => (v - mean) / sd);
  const gp = new GaussianProcess(
    x,
    y,
    Uint8Array.from(space.choices, (k) => (k > 0 ? 1 : 0)),
  );
  gp.fit();
  return { gp, space, points, sd };
}

/**
 * The GP-UCB regret bound (Makarova et al., "Automatic termination for hyperparameter
 * optimization", AutoML 2022), as Optuna's terminator: fit a GP to the best trials, then
 * bound = max over the space of UCB − max over the observed points of LCB, with
 * UCB/LCB = μ ± √β·σ and β = 2·log(d·n²·π² / (6δ)) / 5, in objective units.
 * Returns Infinity with fewer than `minNTrials` trials.
 */
export class RegretBoundEvaluator implements ImprovementEvaluator {
  private readonly ratio: number;
  private readonly minN: number;
  private readonly delta: number;
  private readonly seed: number;

  constructor(options: RegretBoundEvaluatorOptions = {}) {
    const { topTrialsRatio = 0.5, minNTrials = 20, delta = 0.1, seed = 0 } = options;
    this.ratio = topTrialsRatio;
    this.minN = minNTrials;
    this.delta = delta;
    this.seed = seed;
  }

  evaluate(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number {
    if (trials.length < this.minN) return Infinity;
    const fitted = fitTop(trials, directions, this.ratio, this.minN);
    if (fitted === null) return Infinity;
    const { gp, space, points, sd } = fitted;
    const n = points.length;
    const beta = (2 * Math.log((space.dim * n * n * Math.PI * Math.PI) / (6 * this.delta))) / 5;
    const root = Math.sqrt(Math.max(beta, 0));
    const scratch = { k: new Float64Array(n), v: new Float64Array(n), dk: new Float64Array(n) };
    const bound = (p: Float64Array, s: number) => {
      const { mean, variance } = gp.predict(p, scratch);
      return mean + s * root * Math.sqrt(variance);
    };
    let lcb = -Infinity;
    let ucb = -Infinity;
    for (const p of points) {
      lcb = Math.max(lcb, bound(p, -1));
      ucb = Math.max(ucb, bound(p, 1));
    }
    // UCB over the space: random points and perturbations of the observed ones.
    const rng = new Rng(this.seed);
    const p = new Float64Array(space.dim);
    for (let c = 0; c < 1024; c++) {
      const base = c % 2 === 0 ? null : points[rng.int(n)];
      for (let i = 0; i < space.dim; i++) {
        const k = space.choices[i];
        if (k > 0) p[i] = base && rng.random() < 0.8 ? base[i] : rng.int(k);
        else p[i] = base ? Math.min(1, Math.max(0, base[i] + 0.05 * rng.normal())) : rng.random();
      }
      ucb = Math.max(ucb, bound(p, 1));
    }
    return Math.max(0, ucb - lcb) * sd;
  }
}

/**
 * The objective's noise as the GP sees it: √(noise variance) of a GP fitted to the best trials,
 * in objective units. The fallback error estimate when no cross-validation scores are reported.
 */
export class GpNoiseErrorEvaluator implements ErrorEvaluator {
  constructor(
    private readonly topTrialsRatio = 0.5,
    private readonly minNTrials = 20,
  ) {}

  evaluate(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number {
    const fitted = fitTop(trials, directions, this.topTrialsRatio, this.minNTrials);
    if (fitted === null) return 0;
    return Math.sqrt(Math.exp(fitted.gp.hyper.logNoise)) * fitted.sd;
  }
}
