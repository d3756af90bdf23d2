import type { Rng } from "../../rng.js";
import type { UnitSpace } from "../unit-space.js";
import type { GaussianProcess } from "./gp-model.js";
import { lbfgsMinimize } from "./lbfgs.js";
import { logCdf, logH } from "./log-ei.js";

/** An acquisition function to maximise over unit points, with its gradient in numeric coordinates. */
export interface Acquisition {
  /** The objective's GP (its length scales scale the local search). */
  readonly gp: GaussianProcess;
  value(p: Float64Array, grad?: Float64Array): number;
}

/** Log expected improvement over `best` (maximisation) of a fitted GP, with its gradient. */
export class LogEI implements Acquisition {
  private readonly scratch: { k: Float64Array; v: Float64Array; dk: Float64Array };
  private readonly dMean: Float64Array;
  private readonly dVar: Float64Array;
  /** Number of evaluations so far (for benchmarks). */
  evaluations = 0;

  constructor(
    readonly gp: GaussianProcess,
    readonly best: number,
  ) {
    this.scratch = { k: new Float64Array(gp.n), v: new Float64Array(gp.n), dk: new Float64Array(gp.n) };
    this.dMean = new Float64Array(gp.d);
    this.dVar = new Float64Array(gp.d);
  }

  /** log EI at p; with `grad`, also its gradient in the numeric coordinates. */
  value(p: Float64Array, grad?: Float64Array): number {
    this.evaluations++;
    const { mean, variance } = this.gp.predict(
      p,
      this.scratch,
      grad ? this.dMean : undefined,
      grad ? this.dVar : undefined,
    );
    const sigma = Math.sqrt(variance);
    const z = (mean - this.best) / sigma;
    const h = logH(z);
    if (grad) {
      for (let i = 0; i < p.length; i++) {
        const dSigma = this.dVar[i] / (2 * sigma);
        const dz = (this.dMean[i] - z * dSigma) / sigma;
        grad[i] = dSigma / sigma + h.slope * dz;
      }
    }
    return Math.log(sigma) + h.value;
  }
}

/** Options of {@link maximizeAcquisition}. */
export interface AcquisitionSearchOptions {
  /** Random candidates screened first. */
  nRandom: number;
  /** Candidates drawn around the best observed points. */
  nLocal: number;
  /** Local searches started from the best candidates. */
  nStarts: number;
  /** Gradient steps per local search. */
  maxSteps: number;
}

/**
 * Maximises the acquisition by multi-start local search: screen random points and perturbations
 * of the best observed points, then from the best few run projected, length-scale-preconditioned
 * gradient ascent over the numeric coordinates, alternated with a discrete pass that tries the
 * neighbouring grid cells of int coordinates and every choice of categorical ones.
 */
export function maximizeAcquisition(
  acq: Acquisition,
  space: UnitSpace,
  observed: readonly Float64Array[],
  observedValues: ArrayLike<number>,
  rng: Rng,
  options: AcquisitionSearchOptions,
): Float64Array {
  const d = space.dim;
  const candidates: Float64Array[] = [];
  for (let c = 0; c < options.nRandom; c++) {
    const p = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      const k = space.choices[i];
      p[i] = k > 0 ? rng.int(k) : space.snap(i, rng.random());
    }
    candidates.push(p);
  }
  // Around the best observed points, at several scales of their length scales.
  const order = [...observed.keys()].sort((a, b) => observedValues[b] - observedValues[a]);
  const top = order.slice(0, Math.min(5, order.length));
  for (let c = 0; c < options.nLocal && top.length > 0; c++) {
    const base = observed[top[c % top.length]];
    const p = Float64Array.from(base);
    const spread = [0.05, 0.2, 0.5][c % 3];
    for (let i = 0; i < d; i++) {
      const k = space.choices[i];
      if (k > 0) {
        if (rng.random() < 0.2) p[i] = rng.int(k);
      } else {
        const ls = 1 / Math.sqrt(acq.gp.inverseSquaredLengthscale(i));
        p[i] = space.snap(i, Math.min(1, Math.max(0, p[i] + rng.normal() * spread * Math.min(ls, 1))));
      }
    }
    candidates.push(p);
  }
  const scores = candidates.map((p) => acq.value(p));
  const ranked = [...scores.keys()].sort((a, b) => scores[b] - scores[a]);
  let best = candidates[ranked[0]];
  let bestScore = scores[ranked[0]];
  for (let s = 0; s < Math.min(options.nStarts, ranked.length); s++) {
    const p = Float64Array.from(candidates[ranked[s]]);
    const score = localSearch(acq, space, p, scores[ranked[s]], options.maxSteps);
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

function localSearch(
  acq: Acquisition,
  space: UnitSpace,
  p: Float64Array,
  score: number,
  maxSteps: number,
): number {
  const d = space.dim;
  const numeric: number[] = [];
  for (let i = 0; i < d; i++) if (space.choices[i] === 0) numeric.push(i);
  const grad = new Float64Array(d);
  const sub = new Float64Array(numeric.length);
  for (let round = 0; round < 2; round++) {
    if (numeric.length > 0) {
      // L-BFGS on −log EI over the numeric coordinates (the others held fixed), clipped to [0, 1].
      for (let k = 0; k < numeric.length; k++) sub[k] = p[numeric[k]];
      const q = Float64Array.from(p);
      lbfgsMinimize(
        (v, g) => {
          for (let k = 0; k < numeric.length; k++) q[numeric[k]] = v[k];
          const f = -acq.value(q, grad);
          for (let k = 0; k < numeric.length; k++) g[k] = -grad[numeric[k]];
          return Number.isFinite(f) ? f : Infinity;
        },
        sub,
        { lower: 0, upper: 1, maxIter: maxSteps, tol: 1e-9 },
      );
      for (let k = 0; k < numeric.length; k++) q[numeric[k]] = space.snap(numeric[k], sub[k]);
      const s = acq.value(q);
      if (s > score) {
        score = s;
        p.set(q);
      }
    }
    // Discrete pass: neighbouring cells of grid coordinates, every choice of categoricals.
    let improved = false;
    for (let i = 0; i < d; i++) {
      const options: number[] = [];
      const k = space.choices[i];
      if (k > 0) for (let c = 0; c < k; c++) options.push(c);
      else {
        const cell = space.cell(i, p[i]);
        if (cell === null) continue;
        const w = cell[1] - cell[0];
        options.push(space.snap(i, cell[0] - w / 2), space.snap(i, cell[1] + w / 2));
      }
      const keep = p[i];
      let bestV = keep;
      for (const v of options) {
        if (v === keep) continue;
        p[i] = v;
        const s = acq.value(p);
        if (s > score + 1e-9) {
          score = s;
          bestV = v;
          improved = true;
        }
      }
      p[i] = bestV;
    }
    if (!improved) break;
  }
  return score;
}

/**
 * Constrained log EI (Gardner et al., "Bayesian optimization with inequality constraints",
 * ICML 2014): log EI of the objective plus Σ log P(c_k(x) <= threshold_k) under one GP per
 * constraint. Without a feasible observation yet, the EI term is left out and the search
 * maximises the probability of feasibility alone.
 */
export class ConstrainedLogEI implements Acquisition {
  private readonly scratch: { k: Float64Array; v: Float64Array; dk: Float64Array };
  private readonly dMean: Float64Array;
  private readonly dVar: Float64Array;

  constructor(
    private readonly objective: LogEI | null,
    readonly gp: GaussianProcess,
    private readonly constraints: readonly { gp: GaussianProcess; threshold: number }[],
  ) {
    this.scratch = { k: new Float64Array(gp.n), v: new Float64Array(gp.n), dk: new Float64Array(gp.n) };
    this.dMean = new Float64Array(gp.d);
    this.dVar = new Float64Array(gp.d);
  }

  value(p: Float64Array, grad?: Float64Array): number {
    let total = 0;
    if (this.objective) total = this.objective.value(p, grad);
    else grad?.fill(0);
    for (const c of this.constraints) {
      const { mean, variance } = c.gp.predict(
        p,
        this.scratch,
        grad ? this.dMean : undefined,
        grad ? this.dVar : undefined,
      );
      const sigma = Math.sqrt(variance);
      const z = (c.threshold - mean) / sigma;
      const lc = logCdf(z);
      total += lc.value;
      if (grad)
        for (let i = 0; i < p.length; i++) {
          const dSigma = this.dVar[i] / (2 * sigma);
          grad[i] += lc.slope * ((-this.dMean[i] - z * dSigma) / sigma);
        }
    }
    return total;
  }
}
