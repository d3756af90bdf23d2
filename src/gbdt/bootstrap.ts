import type { Rng } from "./rng.js";

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  readonly type: "Bayesian" | "Bernoulli" | "MVS" | "No";
  readonly subsample: number;
  readonly baggingTemperature: number;
  /** MVS regulariser; null = squared mean absolute gradient of this iteration. */
  readonly mvsReg: number | null;
}

/**
 * Rows and weights for one tree (CatBoost's bootstrap types; sampling is per tree).
 * - No: every row, weight 1.
 * - Bernoulli: each row kept with probability `subsample`, weight 1.
 * - Bayesian: every row, weight (-log U)^baggingTemperature (Rubin's Bayesian bootstrap).
 * - MVS (Ibragimov & Gusev, "Minimal Variance Sampling in Stochastic Gradient Boosting", 2019):
 *   row i kept with p_i = min(1, sqrt(g_i^2 + reg) / mu), mu chosen so that the expected sample
 *   is `subsample` of the rows; kept rows weigh 1 / p_i, so sums stay unbiased.
 *
 * Writes the kept row indices (ascending) into `rows`, their weights into `weights`, and returns
 * how many were kept.
 */
export function bootstrap(
  opts: BootstrapOptions,
  m: number,
  grad: Float64Array,
  dims: number,
  rng: Rng,
  rows: Uint32Array,
  weights: Float64Array,
  scratch: Float64Array,
): number {
  let k = 0;
  switch (opts.type) {
    case "No":
      for (let i = 0; i < m; i++) {
        rows[i] = i;
        weights[i] = 1;
      }
      return m;
    case "Bernoulli":
      for (let i = 0; i < m; i++) {
        if (rng.random() < opts.subsample) {
          rows[k] = i;
          weights[k++] = 1;
        }
      }
      return k > 0 ? k : bootstrap({ ...opts, type: "No" }, m, grad, dims, rng, rows, weights, scratch);
    case "Bayesian": {
      const t = opts.baggingTemperature;
      for (let i = 0; i < m; i++) {
        rows[i] = i;
        weights[i] = t === 0 ? 1 : (-Math.log(1 - rng.random())) ** t;
      }
      return m;
    }
    case "MVS": {
      if (opts.subsample >= 1)
        return bootstrap({ ...opts, type: "No" }, m, grad, dims, rng, rows, weights, scratch);
      // importance of each row: the norm of its gradient, regularised
      let absSum = 0;
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let d = 0; d < dims; d++) s += grad[d * m + i] * grad[d * m + i];
        scratch[i] = s;
        absSum += Math.sqrt(s);
      }
      const reg = opts.mvsReg ?? (absSum / m) ** 2;
      let maxA = 0;
      for (let i = 0; i < m; i++) {
        scratch[i] = Math.sqrt(scratch[i] + reg);
        if (scratch[i] > maxA) maxA = scratch[i];
      }
      // bisection on mu: sum(min(1, a_i / mu)) decreases in mu
      const target = opts.subsample * m;
      let lo = 0;
      let hi = maxA * m;
      for (let it = 0; it < 50; it++) {
        const mu = (lo + hi) / 2;
        // sum(min(1, a_i / mu)) as (rows at or above mu) + (sum of the others) / mu: one division
        let above = 0;
        let below = 0;
        for (let i = 0; i < m; i++) {
          const a = scratch[i];
          if (a >= mu) above++;
          else below += a;
        }
        if (above + below / mu > target) lo = mu;
        else hi = mu;
        if (hi - lo <= 1e-9 * hi) break;
      }
      const mu = hi;
      for (let i = 0; i < m; i++) {
        const p = scratch[i] >= mu ? 1 : scratch[i] / mu;
        if (p >= 1 || rng.random() < p) {
          rows[k] = i;
          weights[k++] = 1 / p;
        }
      }
      return k > 0 ? k : bootstrap({ ...opts, type: "No" }, m, grad, dims, rng, rows, weights, scratch);
    }
  }
}
