import type { GaussianProcess } from "./gp-model.js";
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
