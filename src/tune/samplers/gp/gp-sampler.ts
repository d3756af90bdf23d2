import type { Distribution, ParamValue } from "../../distributions.js";
import { InvalidArgumentError } from "../../errors.js";
import type { FrozenTrial } from "../../frozen-trial.js";
import { warnOnce } from "../../logging.js";
import { intersectionSearchSpace } from "../../search-space.js";
import type { StudyView } from "../../study-view.js";
import { RelativeSamplerBase, type RelativeSamplerOptions } from "../relative-sampler-base.js";
import { spaceSignature, UnitSpace } from "../unit-space.js";
import { type Acquisition, ConstrainedLogEI, LogEI } from "./acquisition.js";
import { GaussianProcess, type GpHyperparameters } from "./gp-model.js";
import { maximizeAcquisition } from "./optimize-acquisition.js";

/** Options of {@link GPSampler}. */
export interface GPSamplerOptions extends RelativeSamplerOptions {
  /**
   * Trials sampled before the GP is used. Default 10. Without an `independentSampler` they form
   * a Latin hypercube (each parameter's range cut into nStartupTrials strata, one trial per
   * stratum, shuffled per parameter), a more even start than independent random draws.
   */
  nStartupTrials?: number;
  /** Assume a noise-free objective (noise variance fixed at its floor). Default false. */
  deterministicObjective?: boolean;
  /** Warn when a parameter is sampled independently after start-up. Default true. */
  warnIndependentSampling?: boolean;
  /**
   * Transform of the objective before the GP sees it: "none" (standardise only), "log" (a monotone
   * log warping towards the best value) or "auto" (log when the values are strongly skewed towards
   * bad ones, skewness < −1). Default "auto".
   */
  warpObjective?: "auto" | "none" | "log";
}

/**
 * Gaussian-process Bayesian optimisation for small budgets (10–300 trials), single objective.
 *
 * Points live in the unit cube of the shared encoding (log parameters in log space, ints on
 * cells of equal width, categoricals as choice indices). The surrogate is a GP with a Matérn 5/2
 * kernel with automatic relevance determination and a Hamming distance for categoricals; its
 * hyperparameters maximise the marginal likelihood with weak priors (warm-started from the
 * previous fit). The next point maximises log expected improvement (Ament et al., NeurIPS 2023)
 * over the best posterior mean at a trial, found by screening scrambled Sobol points and local
 * L-BFGS searches (length-scale preconditioned, alternating with exhaustive passes over discrete
 * coordinates) from the best screened point, roulette-chosen others and the incumbent. The
 * first `nStartupTrials` trials form a Latin hypercube. With constraints
 * (`trial.setConstraint`), each constraint gets its own GP and the acquisition is multiplied by
 * the probability of feasibility (Gardner et al. 2014). All numerical kernels
 * (Cholesky, solves, gradients) run on Float64Array.
 *
 * @example
 * const study = await createStudy({ sampler: new GPSampler({ seed: 0 }) });
 * await study.optimize(objective, { nTrials: 100 });
 */
export class GPSampler extends RelativeSamplerBase {
  private readonly nStartupTrials: number;
  private readonly deterministic: boolean;
  private readonly warnIndependent: boolean;
  private readonly warpObjective: "auto" | "none" | "log";
  /** Latin-hypercube start-up (no independent sampler given): a permutation of strata per parameter. */
  private readonly latinStartup: boolean;
  private readonly strata = new Map<string, number[]>();
  private warm: { sig: string; hyper: GpHyperparameters; fittedAt: number } | null = null;
  /** The last Cholesky factor, reused when only new points were added under the same hyperparameters. */
  private factorCache: { warm: object; n: number; x: Float64Array; chol: Float64Array } | null = null;

  constructor(options: GPSamplerOptions = {}) {
    super(options);
    const {
      nStartupTrials = 10,
      deterministicObjective = false,
      warnIndependentSampling = true,
      warpObjective = "auto",
    } = options;
    if (!["auto", "none", "log"].includes(warpObjective))
      throw new InvalidArgumentError(
        `GPSampler: invalid warpObjective: ${String(warpObjective)} (expected auto | none | log)`,
      );
    this.warpObjective = warpObjective;
    if (!Number.isInteger(nStartupTrials) || nStartupTrials < 0)
      throw new InvalidArgumentError(
        `GPSampler: nStartupTrials must be an integer >= 0, got ${nStartupTrials}`,
      );
    this.nStartupTrials = nStartupTrials;
    this.deterministic = deterministicObjective;
    this.warnIndependent = warnIndependentSampling;
    this.latinStartup = options.independentSampler === undefined;
  }

  override inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    if (study.directions.length > 1) {
      warnOnce("GP_MULTI_OBJECTIVE", "GPSampler is single-objective; this study samples independently");
      return {};
    }
    const complete = study.getTrials({ states: ["COMPLETE"] });
    if (complete.length < Math.max(1, this.nStartupTrials)) return {};
    return intersectionSearchSpace(complete);
  }

  override sampleRelative(
    study: StudyView,
    _trial: FrozenTrial,
    searchSpace: Record<string, Distribution>,
  ): Record<string, ParamValue> {
    if (Object.keys(searchSpace).length === 0) return {};
    const space = new UnitSpace(searchSpace);
    const sign = study.directions[0] === "maximize" ? 1 : -1;
    const points: Float64Array[] = [];
    const raw: number[] = [];
    const used: FrozenTrial[] = [];
    for (const t of study.getTrials({ states: ["COMPLETE"] })) {
      const p = space.toUnit(t);
      if (p === null || t.values === null || !Number.isFinite(t.values[0])) continue;
      points.push(p);
      raw.push(sign * t.values[0]);
      used.push(t);
    }
    if (points.length < 2) return {};
    const n = points.length;
    const d = space.dim;
    // Standardise (the GP maximises).
    let mean = 0;
    for (const v of raw) mean += v;
    mean /= n;
    let sd = 0;
    for (const v of raw) sd += (v - mean) ** 2;
    sd = Math.sqrt(sd / n) || 1;
    const warp = this.warpObjective === "log" || (this.warpObjective === "auto" && skewness(raw) < -1);
    const y = warp ? logWarp(raw) : Float64Array.from(raw, (v) => (v - mean) / sd);
    const x = new Float64Array(n * d);
    for (let j = 0; j < n; j++) x.set(points[j], j * d);
    const categorical = Uint8Array.from(space.choices, (k) => (k > 0 ? 1 : 0));

    const sig = spaceSignature(space);
    const warm = this.warm?.sig === sig ? this.warm : null;
    const gp = new GaussianProcess(x, y, categorical, warm?.hyper, this.deterministic);
    // Refit every trial while n is small; beyond 100 points refit when n has grown by 10 %
    // (warm-started), otherwise reuse the hyperparameters — the marginal likelihood moves slowly —
    // and extend the previous Cholesky factor by the new rows.
    if (warm === null || n <= 100 || n >= warm.fittedAt * 1.1) {
      gp.fit(warm === null ? 80 : n <= 100 ? 30 : 15);
      this.warm = { sig, hyper: gp.hyper, fittedAt: n };
    } else {
      const c = this.factorCache;
      const reusable = c !== null && c.warm === warm && c.n <= n && sameRows(c.x, x, c.n * d);
      gp.factorise(reusable ? { m: c.n, chol: c.chol } : undefined);
    }
    this.factorCache = { warm: this.warm!, n, x, chol: gp.factor };

    // Constraints (trial.setConstraint, feasible when <= 0): one GP per constraint, and the
    // incumbent is the best feasible trial.
    const constraintNames = [...new Set(used.flatMap((t) => Object.keys(t.constraints)))].sort();
    const feasible = used.map((t) => constraintNames.every((c) => (t.constraints[c] ?? 0) <= 0));
    let best = -Infinity;
    let incumbent = -1;
    // The incumbent is the best posterior mean at a (feasible) trial rather than the best
    // observation: on a noisy or rugged objective the best observation is optimistic, and EI
    // measured from it under-explores around the good region. Noise-free fits give the same.
    // Not with the log warp: its spike at the best value is fitted as noise, and the plug-in
    // value would then stop the search from refining the best region.
    for (let j = 0; j < n; j++) {
      const v = warp ? y[j] : gp.trainingMean(j);
      if (feasible[j] && v > best) {
        best = v;
        incumbent = j;
      }
    }
    let acq: Acquisition = new LogEI(gp, best);
    if (constraintNames.length > 0) {
      const constraintGps = constraintNames.map((c) => {
        const values = used.map((t) => t.constraints[c] ?? 0);
        const m = values.reduce((a, b) => a + b, 0) / n;
        const s = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / n) || 1;
        const cgp = new GaussianProcess(
          x,
          Float64Array.from(values, (v) => (v - m) / s),
          categorical,
        );
        cgp.fit(40);
        return { gp: cgp, threshold: -m / s };
      });
      acq = new ConstrainedLogEI(best > -Infinity ? (acq as LogEI) : null, gp, constraintGps);
    }
    // Screening costs O(n²) per point: fewer points and local searches as n grows.
    const nPreliminary = Math.max(256, Math.min(2048, Math.floor(2048 * (100 / n) ** 2)));
    const p = maximizeAcquisition(acq, space, incumbent >= 0 ? [points[incumbent]] : [], this.rng, {
      nPreliminary,
      nLocalSearch: n <= 100 ? 10 : n <= 200 ? 6 : 4,
      maxIter: 200,
      pgtol: 1e-2,
    });
    return space.fromUnit(p);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    if (
      this.warnIndependent &&
      study.directions.length === 1 &&
      study.getTrials({ states: ["COMPLETE"] }).length >= Math.max(1, this.nStartupTrials)
    )
      warnOnce(
        "GP_INDEPENDENT_SAMPLING",
        `GPSampler samples "${name}" with the independent sampler (it is not in every complete trial)`,
      );
    if (this.latinStartup && trial.number < this.nStartupTrials) {
      // Latin hypercube over the start-up trials: trial k takes stratum perm[k] of each parameter.
      let perm = this.strata.get(name);
      if (!perm) {
        perm = this.rng.shuffle(Array.from({ length: this.nStartupTrials }, (_, k) => k));
        this.strata.set(name, perm);
      }
      const u = (perm[trial.number] + this.rng.random()) / this.nStartupTrials;
      return new UnitSpace({ [name]: distribution }).fromUniform([u])[name];
    }
    return this.independent.sampleIndependent(study, trial, name, distribution);
  }
}

function sameRows(a: Float64Array, b: Float64Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Monotone log warping of the (maximised) values: −log(1 + gap / (0.1·median gap)), where gap is
 * the distance to the best value, then standardised. Tames objectives whose bad values are
 * orders of magnitude away from the good ones (Rosenbrock-like), which would otherwise squash the
 * region of interest into a flat GP.
 */
function logWarp(raw: number[]): Float64Array<ArrayBuffer> {
  const n = raw.length;
  let max = -Infinity;
  for (const v of raw) max = Math.max(max, v);
  const gaps = raw.map((v) => max - v).sort((a, b) => a - b);
  const scale = gaps[Math.floor(n / 2)] || 1;
  const t = raw.map((v) => -Math.log1p((max - v) / (0.1 * scale)));
  let m = 0;
  for (const v of t) m += v;
  m /= n;
  let sd = 0;
  for (const v of t) sd += (v - m) ** 2;
  sd = Math.sqrt(sd / n) || 1;
  return Float64Array.from(t, (v) => (v - m) / sd);
}

/** Sample skewness (third standardised moment). */
function skewness(raw: number[]): number {
  const n = raw.length;
  let m = 0;
  for (const v of raw) m += v;
  m /= n;
  let m2 = 0;
  let m3 = 0;
  for (const v of raw) {
    m2 += (v - m) ** 2;
    m3 += (v - m) ** 3;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}
