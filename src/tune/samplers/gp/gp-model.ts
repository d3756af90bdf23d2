import { choleskyInPlace, solveLower, solveUpper } from "../math/cholesky.js";
import { lbfgsMinimize } from "./lbfgs.js";

const SQRT5 = Math.sqrt(5);

/** Matérn 5/2 as a function of r²: (1 + √5 r + 5r²/3)·exp(−√5 r). */
function matern(r2: number): number {
  const r = Math.sqrt(r2);
  return (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/** d matern / d(r²) = −(5/6)(1 + √5 r)·exp(−√5 r) (finite at r = 0). */
function maternSlope(r2: number): number {
  const r = Math.sqrt(r2);
  return -(5 / 6) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}

/**
 * Hyperparameters, all on a log scale: inverse squared length scales ρ_i (one per dimension,
 * automatic relevance determination), the kernel scale s and the noise variance.
 */
export interface GpHyperparameters {
  logInvSqLengthscales: Float64Array;
  logScale: number;
  logNoise: number;
}

/** Lower bound of the noise variance (in units of the standardised objective). */
const MIN_NOISE = 1e-6;

/**
 * A Gaussian process with a Matérn 5/2 ARD kernel over points of a {@link UnitSpace}: numeric
 * coordinates contribute ρ_i·(x_i − y_i)², categorical ones ρ_i·[x_i ≠ y_i] (a Hamming distance)
 * to r². Targets are standardised; the hyperparameters maximise the log marginal likelihood plus
 * weak log priors (Rasmussen & Williams, "Gaussian Processes for Machine Learning", 2006, §5.4).
 */
export class GaussianProcess {
  readonly n: number;
  readonly d: number;
  /** Row-major n×d training inputs. */
  readonly x: Float64Array;
  /** Standardised targets. */
  readonly y: Float64Array;
  readonly categorical: Uint8Array;
  hyper: GpHyperparameters;
  private rho: Float64Array;
  private scale = 1;
  /** Cholesky factor of K + noise·I and α = K⁻¹y. */
  private chol: Float64Array;
  private alpha: Float64Array;

  /**
   * @param fixNoise keep the noise variance at its floor (a noise-free objective).
   */
  constructor(
    x: Float64Array,
    y: Float64Array,
    categorical: Uint8Array,
    init?: GpHyperparameters,
    private readonly fixNoise = false,
  ) {
    this.d = categorical.length;
    this.n = y.length;
    this.x = x;
    this.y = y;
    this.categorical = categorical;
    this.hyper = init
      ? {
          logInvSqLengthscales: Float64Array.from(init.logInvSqLengthscales),
          logScale: init.logScale,
          logNoise: init.logNoise,
        }
      : { logInvSqLengthscales: new Float64Array(this.d), logScale: 0, logNoise: Math.log(1e-2) };
    this.rho = new Float64Array(this.d);
    this.chol = new Float64Array(this.n * this.n);
    this.alpha = new Float64Array(this.n);
  }

  /** Fits the hyperparameters (L-BFGS on the negative log posterior), then factorises. */
  fit(maxIter = 50): void {
    const d = this.d;
    const theta = new Float64Array(d + 2);
    theta.set(this.hyper.logInvSqLengthscales);
    theta[d] = this.hyper.logScale;
    theta[d + 1] = Math.log(Math.max(Math.exp(this.hyper.logNoise) - MIN_NOISE, 1e-9));
    const work = {
      k: new Float64Array(this.n * this.n),
      kinv: new Float64Array(this.n * this.n),
      alpha: new Float64Array(this.n),
    };
    // The noise may fall to its floor (MIN_NOISE + e^−40): a noise-free objective should get an
    // interpolating GP, otherwise the posterior keeps spurious variance at observed points.
    const lower = new Float64Array(d + 2).fill(-12);
    lower[d + 1] = -40;
    lbfgsMinimize((t, g) => this.negLogPosterior(t, g, work), theta, {
      lower,
      upper: 12,
      maxIter,
      pgtol: 1e-2,
    });
    this.setTheta(theta);
    this.factorise();
  }

  /**
   * Uses the current hyperparameters without fitting. With `prefix` — the Cholesky factor of the
   * first m training points under the same hyperparameters — only the new rows are computed
   * (O(n²) per added point instead of O(n³) for the whole factor).
   */
  factorise(prefix?: { m: number; chol: Float64Array }): void {
    this.setRho();
    if (prefix && prefix.m <= this.n && this.extend(prefix)) {
      this.solveAlpha();
      return;
    }
    const n = this.n;
    const noise = Math.exp(this.hyper.logNoise);
    this.buildKernel(this.chol);
    for (let jitter = 0; ; jitter = jitter === 0 ? 1e-8 : jitter * 10) {
      this.buildKernel(this.chol);
      for (let i = 0; i < n; i++) this.chol[i * n + i] += noise;
      if (choleskyInPlace(n, this.chol, jitter)) break;
      if (jitter > 1) throw new Error("GP kernel matrix is not positive definite");
    }
    this.solveAlpha();
  }

  /**
   * Posterior mean of the latent function at training point j: y_j − σ²·α_j, since
   * (K + σ²I)·α = y.
   */
  trainingMean(j: number): number {
    return this.y[j] - Math.exp(this.hyper.logNoise) * this.alpha[j];
  }

  /** The Cholesky factor (row-major n×n lower), for incremental refactorisation. */
  get factor(): Float64Array {
    return this.chol;
  }

  private solveAlpha(): void {
    this.alpha.set(this.y);
    solveLower(this.n, this.chol, this.alpha);
    solveUpper(this.n, this.chol, this.alpha);
  }

  private extend(prefix: { m: number; chol: Float64Array }): boolean {
    const { n, d, x, rho, categorical } = this;
    const m = prefix.m;
    const noise = Math.exp(this.hyper.logNoise);
    const l = this.chol;
    l.fill(0);
    for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) l[i * n + j] = prefix.chol[i * m + j];
    for (let i = m; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j <= i; j++) {
        let kij: number;
        if (j === i) kij = this.scale + noise;
        else {
          let r2 = 0;
          for (let f = 0; f < d; f++) {
            const diff = x[i * d + f] - x[j * d + f];
            r2 += categorical[f] ? (diff !== 0 ? rho[f] : 0) : rho[f] * diff * diff;
          }
          kij = this.scale * matern(r2);
        }
        const rj = j * n;
        let s = kij;
        for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
        if (j === i) {
          if (!(s > 1e-12)) return false;
          l[ri + i] = Math.sqrt(s);
        } else l[ri + j] = s / l[rj + j];
      }
    }
    return true;
  }

  /**
   * Posterior mean and variance of the latent function at `p` (length d), and optionally their
   * gradients with respect to the numeric coordinates (written to `dMean`, `dVar`).
   */
  predict(
    p: Float64Array,
    scratch: { k: Float64Array; v: Float64Array; dk: Float64Array },
    dMean?: Float64Array,
    dVar?: Float64Array,
  ): { mean: number; variance: number } {
    const { n, d, x, rho, categorical } = this;
    const { k, v, dk } = scratch;
    let mean = 0;
    for (let j = 0; j < n; j++) {
      let r2 = 0;
      const row = j * d;
      for (let i = 0; i < d; i++) {
        const diff = p[i] - x[row + i];
        r2 += categorical[i] ? (diff !== 0 ? rho[i] : 0) : rho[i] * diff * diff;
      }
      k[j] = this.scale * matern(r2);
      if (dMean) dk[j] = this.scale * maternSlope(r2);
      mean += k[j] * this.alpha[j];
    }
    v.set(k);
    solveLower(n, this.chol, v);
    let vv = 0;
    for (let j = 0; j < n; j++) vv += v[j] * v[j];
    const variance = Math.max(this.scale - vv, 1e-12 * this.scale);
    if (dMean && dVar) {
      solveUpper(n, this.chol, v); // v = K⁻¹k
      dMean.fill(0);
      dVar.fill(0);
      for (let j = 0; j < n; j++) {
        const row = j * d;
        const a = dk[j] * this.alpha[j];
        const b = dk[j] * v[j];
        for (let i = 0; i < d; i++) {
          if (categorical[i]) continue;
          const g = 2 * rho[i] * (p[i] - x[row + i]);
          dMean[i] += a * g;
          dVar[i] -= 2 * b * g;
        }
      }
    }
    return { mean, variance };
  }

  /** Inverse squared length scale of dimension i. */
  inverseSquaredLengthscale(i: number): number {
    return this.rho[i];
  }

  private setTheta(theta: Float64Array): void {
    const d = this.d;
    this.hyper = {
      logInvSqLengthscales: theta.slice(0, d),
      logScale: theta[d],
      logNoise: Math.log(Math.exp(theta[d + 1]) + MIN_NOISE),
    };
  }

  private setRho(): void {
    for (let i = 0; i < this.d; i++) this.rho[i] = Math.exp(this.hyper.logInvSqLengthscales[i]);
    this.scale = Math.exp(this.hyper.logScale);
  }

  private buildKernel(out: Float64Array): void {
    const { n, d, x, rho, categorical } = this;
    for (let a = 0; a < n; a++) {
      out[a * n + a] = this.scale;
      for (let b = 0; b < a; b++) {
        let r2 = 0;
        for (let i = 0; i < d; i++) {
          const diff = x[a * d + i] - x[b * d + i];
          r2 += categorical[i] ? (diff !== 0 ? rho[i] : 0) : rho[i] * diff * diff;
        }
        const v = this.scale * matern(r2);
        out[a * n + b] = v;
        out[b * n + a] = v;
      }
    }
  }

  /**
   * −(log marginal likelihood + log prior) and its gradient in θ = (log ρ, log s, log(noise − min)).
   * Priors: −(0.1/ρ + 0.1ρ) per length scale (keeps ρ away from 0 and ∞), Gamma(2, 1) on s,
   * Gamma(1.1, 30) on the noise (favours small noise).
   */
  private negLogPosterior(
    theta: Float64Array,
    grad: Float64Array,
    work: { k: Float64Array; kinv: Float64Array; alpha: Float64Array },
  ): number {
    const { n, d, x, y, categorical } = this;
    this.setTheta(theta);
    this.setRho();
    const rho = this.rho;
    const s = this.scale;
    if (this.fixNoise) theta[d + 1] = -40;
    const noiseExtra = Math.exp(theta[d + 1]);
    const noise = noiseExtra + MIN_NOISE;
    const l = work.k;
    this.buildKernel(l);
    for (let i = 0; i < n; i++) l[i * n + i] += noise;
    if (!choleskyInPlace(n, l, 1e-10)) {
      grad.fill(0);
      return Infinity;
    }
    const alpha = work.alpha;
    alpha.set(y);
    solveLower(n, l, alpha);
    let quad = 0;
    for (let i = 0; i < n; i++) quad += alpha[i] * alpha[i];
    solveUpper(n, l, alpha);
    let logDet = 0;
    for (let i = 0; i < n; i++) logDet += Math.log(l[i * n + i]);
    // K⁻¹ = L⁻ᵀ L⁻¹. Row j of `ut` is column j of L⁻¹ (forward substitution on e_j), so that
    // K⁻¹_ab = Σ_k ut[a,k]·ut[b,k] reads two contiguous rows.
    const ut = work.kinv;
    ut.fill(0);
    for (let j = 0; j < n; j++) {
      const row = j * n;
      ut[row + j] = 1 / l[j * n + j];
      for (let i = j + 1; i < n; i++) {
        const ri = i * n;
        let sum = 0;
        for (let k = j; k < i; k++) sum += l[ri + k] * ut[row + k];
        ut[row + i] = -sum / l[ri + i];
      }
    }
    // W = ααᵀ − K⁻¹, symmetric; only its lower triangle is needed. Reuse `l` for it.
    const w = l;
    for (let a = 0; a < n; a++) {
      const ra = a * n;
      for (let b = 0; b <= a; b++) {
        const rb = b * n;
        let kinv = 0;
        for (let k = a; k < n; k++) kinv += ut[ra + k] * ut[rb + k];
        w[ra + b] = alpha[a] * alpha[b] - kinv;
      }
    }
    grad.fill(0);
    let traceW = 0;
    let dScale = 0;
    for (let a = 0; a < n; a++) {
      traceW += w[a * n + a];
      dScale += w[a * n + a] * s;
      for (let b = 0; b < a; b++) {
        let r2 = 0;
        for (let i = 0; i < d; i++) {
          const diff = x[a * d + i] - x[b * d + i];
          r2 += categorical[i] ? (diff !== 0 ? rho[i] : 0) : rho[i] * diff * diff;
        }
        const wab = w[a * n + b];
        dScale += 2 * wab * s * matern(r2);
        const slope = 2 * wab * s * maternSlope(r2);
        for (let i = 0; i < d; i++) {
          const diff = x[a * d + i] - x[b * d + i];
          const di = categorical[i] ? (diff !== 0 ? 1 : 0) : diff * diff;
          grad[i] += slope * di * rho[i];
        }
      }
    }
    // grad now holds ∂LML/∂θ·2 pieces: ∂LML/∂θ = ½ Σ W ∂K/∂θ.
    for (let i = 0; i < d; i++) grad[i] *= 0.5;
    grad[d] = 0.5 * dScale;
    grad[d + 1] = 0.5 * traceW * noiseExtra;
    let lml = -0.5 * quad - logDet - 0.5 * n * Math.log(2 * Math.PI);
    // Log priors and their gradients.
    for (let i = 0; i < d; i++) {
      lml += -(0.1 / rho[i] + 0.1 * rho[i]);
      grad[i] += 0.1 / rho[i] - 0.1 * rho[i];
    }
    lml += Math.log(s) - s; // Gamma(2, 1)
    grad[d] += 1 - s;
    lml += 0.1 * Math.log(noise) - 30 * noise; // Gamma(1.1, 30)
    grad[d + 1] += (0.1 / noise - 30) * noiseExtra;
    if (this.fixNoise) grad[d + 1] = 0;
    for (let i = 0; i < d + 2; i++) grad[i] = -grad[i];
    return -lml;
  }
}
