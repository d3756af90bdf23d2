import type { Rng } from "../../rng.js";
import { symmetricEigen } from "../math/eigen.js";

/** Strategy constants of a (μ/μ_w, λ)-CMA-ES for dimension n and population λ. */
export interface CmaConstants {
  readonly n: number;
  readonly popsize: number;
  readonly mu: number;
  readonly weights: Float64Array;
  readonly muEff: number;
  readonly cc: number;
  readonly cs: number;
  readonly c1: number;
  readonly cmu: number;
  readonly damps: number;
  readonly chiN: number;
}

/**
 * Hansen's default constants ("The CMA Evolution Strategy: A Tutorial", 2016, eqs. 49–58),
 * with negative weights for the worse half of the population (active CMA-ES).
 * `weights` has λ entries: the first μ are positive and sum to 1.
 */
export function cmaConstants(n: number, popsize: number): CmaConstants {
  const mu = Math.floor(popsize / 2);
  const raw = Float64Array.from({ length: popsize }, (_, i) => Math.log((popsize + 1) / 2) - Math.log(i + 1));
  let sumPos = 0;
  let sumPosSq = 0;
  let sumNeg = 0;
  let sumNegSq = 0;
  for (let i = 0; i < popsize; i++) {
    if (raw[i] >= 0) {
      sumPos += raw[i];
      sumPosSq += raw[i] * raw[i];
    } else {
      sumNeg += raw[i];
      sumNegSq += raw[i] * raw[i];
    }
  }
  const muEff = (sumPos * sumPos) / sumPosSq;
  const muEffMinus = sumNegSq > 0 ? (sumNeg * sumNeg) / sumNegSq : 0;
  const alphaCov = 2;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const cs = (muEff + 2) / (n + muEff + 5);
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  const cmu = Math.min(
    1 - c1,
    (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2),
  );
  const negScale = Math.min(1 + c1 / cmu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cmu) / (n * cmu));
  const weights = Float64Array.from(raw, (w) => (w >= 0 ? w / sumPos : (negScale * w) / -sumNeg));
  const damps = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { n, popsize, mu, weights, muEff, cc, cs, c1, cmu, damps, chiN };
}

/** Default population size 4 + ⌊3 ln n⌋. */
export function defaultPopsize(n: number): number {
  return 4 + Math.floor(3 * Math.log(n));
}

/**
 * The state of one CMA-ES run over the unit cube [0, 1]^n: mean, step size, covariance and
 * evolution paths. Plain data, updated by {@link CmaState.tell}; replaying the same generations
 * from the same start gives the same state (the sampler rebuilds it from stored trials).
 */
export class CmaState {
  readonly k: CmaConstants;
  readonly mean: Float64Array;
  sigma: number;
  readonly sigma0: number;
  /** Covariance, row-major n×n. */
  readonly cov: Float64Array;
  readonly pc: Float64Array;
  readonly ps: Float64Array;
  /** Eigenvectors (columns) and square roots of eigenvalues of `cov`. */
  private b: Float64Array;
  private d: Float64Array;
  /** Per-coordinate extra scale (CMA-ES with margin raises it for discrete coordinates). */
  readonly scale: Float64Array;
  generation = 0;
  /** Best value of each told generation (for the stopping tests). */
  readonly history: number[] = [];
  private lastValues: number[] = [];

  constructor(mean: Float64Array, sigma: number, popsize: number) {
    const n = mean.length;
    this.k = cmaConstants(n, popsize);
    this.mean = Float64Array.from(mean);
    this.sigma = sigma;
    this.sigma0 = sigma;
    this.cov = new Float64Array(n * n);
    this.b = new Float64Array(n * n);
    this.d = new Float64Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      this.cov[i * n + i] = 1;
      this.b[i * n + i] = 1;
    }
    this.pc = new Float64Array(n);
    this.ps = new Float64Array(n);
    this.scale = new Float64Array(n).fill(1);
  }

  /**
   * One candidate x = m + σ·s∘(B·D·z), z ~ N(0, I), resampled up to 100 times until it lies in
   * [0, 1]^n, then clipped.
   */
  ask(rng: Rng, first?: Float64Array): Float64Array {
    const n = this.k.n;
    const x = new Float64Array(n);
    const z = new Float64Array(n);
    for (let attempt = 0; attempt < 100; attempt++) {
      for (let i = 0; i < n; i++) z[i] = (attempt === 0 && first ? first[i] : rng.normal()) * this.d[i];
      let inside = true;
      for (let i = 0; i < n; i++) {
        let y = 0;
        for (let j = 0; j < n; j++) y += this.b[i * n + j] * z[j];
        x[i] = this.mean[i] + this.sigma * this.scale[i] * y;
        if (x[i] < 0 || x[i] > 1) inside = false;
      }
      if (inside) return x;
    }
    for (let i = 0; i < n; i++) x[i] = Math.min(1, Math.max(0, x[i]));
    return x;
  }

  /** A deep copy. */
  clone(): CmaState {
    const c = new CmaState(this.mean, this.sigma0, this.k.popsize);
    c.sigma = this.sigma;
    c.cov.set(this.cov);
    c.pc.set(this.pc);
    c.ps.set(this.ps);
    c.b = Float64Array.from(this.b);
    c.d = Float64Array.from(this.d);
    c.scale.set(this.scale);
    c.generation = this.generation;
    c.history.push(...this.history);
    c.lastValues = [...this.lastValues];
    return c;
  }

  /** Updates the state from one generation of `popsize` (solution, value) pairs, minimising. */
  tell(solutions: readonly { x: Float64Array; value: number }[]): void {
    const { n, mu, weights, muEff, cc, cs, c1, cmu, damps, chiN, popsize } = this.k;
    const sorted = [...solutions].sort((a, b) => a.value - b.value);
    const ys: Float64Array[] = [];
    for (let i = 0; i < popsize; i++) {
      const y = new Float64Array(n);
      for (let j = 0; j < n; j++) y[j] = (sorted[i].x[j] - this.mean[j]) / (this.sigma * this.scale[j]);
      ys.push(y);
    }
    const yw = new Float64Array(n);
    for (let i = 0; i < mu; i++) for (let j = 0; j < n; j++) yw[j] += weights[i] * ys[i][j];
    for (let j = 0; j < n; j++) this.mean[j] += this.sigma * this.scale[j] * yw[j];

    const invSqrtC = (v: Float64Array, out: Float64Array) => {
      // C^{-1/2}·v = B·D^{-1}·Bᵀ·v
      const t = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += this.b[i * n + j] * v[i];
        t[j] = s / this.d[j];
      }
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += this.b[i * n + j] * t[j];
        out[i] = s;
      }
    };
    const csFactor = Math.sqrt(cs * (2 - cs) * muEff);
    const white = new Float64Array(n);
    invSqrtC(yw, white);
    let psNorm = 0;
    for (let i = 0; i < n; i++) {
      this.ps[i] = (1 - cs) * this.ps[i] + csFactor * white[i];
      psNorm += this.ps[i] * this.ps[i];
    }
    psNorm = Math.sqrt(psNorm);
    const g = this.generation + 1;
    const hsig = psNorm / Math.sqrt(1 - (1 - cs) ** (2 * g)) / chiN < 1.4 + 2 / (n + 1) ? 1 : 0;
    const ccFactor = hsig * Math.sqrt(cc * (2 - cc) * muEff);
    for (let i = 0; i < n; i++) this.pc[i] = (1 - cc) * this.pc[i] + ccFactor * yw[i];
    // Negative weights are rescaled by n / ‖C^{-1/2} y‖² so they cannot make C indefinite.
    const wEff = Float64Array.from(weights);
    let sumW = 0;
    for (let k = 0; k < popsize; k++) {
      sumW += weights[k];
      if (weights[k] < 0) {
        invSqrtC(ys[k], white);
        let norm2 = 0;
        for (let i = 0; i < n; i++) norm2 += white[i] * white[i];
        wEff[k] = (weights[k] * n) / Math.max(norm2, 1e-20);
      }
    }
    const decay = 1 + c1 * (1 - hsig) * cc * (2 - cc) - c1 - cmu * sumW;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let rankMu = 0;
        for (let k = 0; k < popsize; k++) rankMu += wEff[k] * ys[k][i] * ys[k][j];
        const v = decay * this.cov[i * n + j] + c1 * this.pc[i] * this.pc[j] + cmu * rankMu;
        this.cov[i * n + j] = v;
        this.cov[j * n + i] = v;
      }
    }
    this.sigma *= Math.exp(Math.min(1, (cs / damps) * (psNorm / chiN - 1)));
    this.decompose();
    this.generation = g;
    this.history.push(sorted[0].value);
    this.lastValues = sorted.map((s) => s.value);
  }

  /** σ·s_i·√C_ii, the standard deviation of coordinate i. */
  coordinateStd(i: number): number {
    return this.sigma * this.scale[i] * Math.sqrt(this.cov[i * this.k.n + i]);
  }

  /**
   * True when this run has converged or degenerated (Hansen's TolFun, TolX, TolXUp and
   * ConditionCov criteria), so a restart should begin.
   */
  shouldStop(): boolean {
    const n = this.k.n;
    if (this.generation === 0) return false;
    const recent = this.history.slice(-(10 + Math.ceil((30 * n) / this.k.popsize)));
    const all = [...recent, ...this.lastValues];
    if (recent.length >= 2 && Math.max(...all) - Math.min(...all) < 1e-12) return true;
    const tolX = 1e-12 * this.sigma0;
    let small = true;
    for (let i = 0; i < n; i++)
      if (!(this.coordinateStd(i) < tolX && this.sigma * this.pc[i] < tolX)) small = false;
    if (small) return true;
    let dMax = 0;
    let dMin = Infinity;
    for (let i = 0; i < n; i++) {
      dMax = Math.max(dMax, this.d[i]);
      dMin = Math.min(dMin, this.d[i]);
    }
    if (this.sigma * dMax > 1e4 * this.sigma0) return true;
    if ((dMax / dMin) ** 2 > 1e14) return true;
    return !Number.isFinite(this.sigma) || this.sigma <= 0;
  }

  private decompose(): void {
    const n = this.k.n;
    const { values, vectors } = symmetricEigen(n, this.cov);
    for (let i = 0; i < n; i++) this.d[i] = Math.sqrt(Math.max(values[i], 1e-300));
    this.b = vectors;
  }
}

/**
 * λ standard-normal vectors of dimension n drawn as orthogonal blocks (Wang, Emmerich & Bäck,
 * "Mirrored orthogonal sampling with pairwise selection in evolution strategies", SAC 2014):
 * within each block of up to n vectors the directions are orthogonalised (Gram–Schmidt) and each
 * gets the length of an independent N(0, I) vector, so every vector is still N(0, I) but a
 * generation covers its directions without redundancy.
 */
export function orthogonalNormals(n: number, count: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  while (out.length < count) {
    const block: Float64Array[] = [];
    const size = Math.min(n, count - out.length);
    while (block.length < size) {
      const v = Float64Array.from({ length: n }, () => rng.normal());
      for (const b of block) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i] * b[i];
        for (let i = 0; i < n; i++) v[i] -= dot * b[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm);
      if (norm < 1e-10) continue;
      for (let i = 0; i < n; i++) v[i] /= norm;
      block.push(v);
    }
    for (const b of block) {
      let len = 0;
      for (let i = 0; i < n; i++) len += rng.normal() ** 2;
      len = Math.sqrt(len);
      out.push(Float64Array.from(b, (v) => v * len));
    }
  }
  return out;
}
