import type { Distribution, FloatDistribution, IntDistribution } from "../../distributions.js";
import type { Rng } from "../../rng.js";
import { decode, encode, encoding, type NumericEncoding } from "../transform.js";
import { logNdtrDiff, ndtr, ndtri } from "./normal.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Settings of the estimator (TPE's knobs, Optuna's defaults). */
export interface ParzenOptions {
  priorWeight: number;
  considerMagicClip: boolean;
  /** Multiplies the neighbour-gap bandwidth (Optuna: 1). */
  bandwidthFactor: number;
  /** The magic-clip floor is range / min(100, magicClipScale · (n + 2)) (Optuna: 1). */
  magicClipScale: number;
  considerEndpoints: boolean;
}

type NumericDim = {
  kind: "numeric";
  dist: FloatDistribution | IntDistribution;
  enc: NumericEncoding;
  low: number;
  high: number;
  mus: Float64Array;
  sigmas: Float64Array;
  invSigmas: Float64Array;
  /** log Z + log σ (continuous) or log Z (discrete), per kernel. */
  logNorm: Float64Array;
};
type CategoricalDim = { kind: "categorical"; n: number; logProbs: Float64Array; probs: Float64Array };
type Dim = NumericDim | CategoricalDim;

/**
 * A Parzen estimator as in TPE (Bergstra et al., 2011; Watanabe, 2023): a weighted mixture with one
 * product kernel per observation plus a prior kernel. Numeric dimensions use normals truncated to
 * the (encoded) bounds, with bandwidth from the neighbours' gaps; categorical dimensions use a
 * smoothed indicator. Observations are internal values in `columns[d][i]`; `orders[d]`, when
 * given, lists them ascending (ties by index) and saves the sort (see {@link ObservationTable}).
 */
export class ParzenEstimator {
  private readonly dims: Dim[];
  private readonly logWeights: Float64Array;
  private readonly weights: Float64Array;
  /** Per kernel: log weight plus every dimension's constant log-density term. */
  private readonly logBase: Float64Array;

  constructor(
    distributions: readonly Distribution[],
    columns: readonly Float64Array[],
    obsWeights: Float64Array,
    options: ParzenOptions,
    orders?: readonly (Uint32Array | null)[],
  ) {
    const n = obsWeights.length;
    const k = n + 1;
    this.weights = new Float64Array(k);
    let total = options.priorWeight;
    for (let i = 0; i < n; i++) total += obsWeights[i];
    for (let i = 0; i < n; i++) this.weights[i] = obsWeights[i] / total;
    this.weights[n] = options.priorWeight / total;
    this.logWeights = this.weights.map(Math.log);
    this.dims = distributions.map((d, j) =>
      d.kind === "categorical"
        ? categoricalDim(d.choices.length, columns[j], options)
        : numericDim(d, columns[j], options, orders?.[j] ?? null),
    );
    this.logBase = this.logWeights.slice();
    for (const dim of this.dims) {
      if (dim.kind === "categorical") continue;
      const continuous = dim.dist.step === null;
      for (let i = 0; i < k; i++) this.logBase[i] -= dim.logNorm[i] + (continuous ? LOG_SQRT_2PI : 0);
    }
  }

  /** Draws `count` points (internal values per dimension). */
  sample(rng: Rng, count: number): Float64Array[] {
    const comps = new Int32Array(count);
    for (let c = 0; c < count; c++) comps[c] = rng.choice(this.weights);
    return this.dims.map((dim) => {
      const out = new Float64Array(count);
      for (let c = 0; c < count; c++) {
        const k = comps[c];
        if (dim.kind === "categorical") {
          out[c] = rng.choice(dim.probs.subarray(k * dim.n, (k + 1) * dim.n));
        } else {
          const mu = dim.mus[k];
          const sigma = dim.sigmas[k];
          const pa = ndtr((dim.low - mu) / sigma);
          const pb = ndtr((dim.high - mu) / sigma);
          const z = ndtri(pa + rng.random() * (pb - pa));
          const x = Math.min(dim.high, Math.max(dim.low, mu + sigma * z));
          out[c] = decode(dim.dist, x);
        }
      }
      return out;
    });
  }

  /** log density (or log probability mass for discrete dimensions) of each point. */
  logPdf(points: readonly Float64Array[]): Float64Array {
    const count = points[0]?.length ?? 0;
    const k = this.weights.length;
    const acc = new Float64Array(count * k);
    for (let c = 0; c < count; c++) acc.set(this.logBase, c * k);
    for (let j = 0; j < this.dims.length; j++) {
      const dim = this.dims[j];
      const xs = points[j];
      if (dim.kind === "categorical") {
        const { logProbs, n } = dim;
        for (let c = 0; c < count; c++) {
          const x = xs[c];
          for (let i = 0, o = c * k; i < k; i++, o++) acc[o] += logProbs[i * n + x];
        }
        continue;
      }
      const { mus, invSigmas, enc } = dim;
      if (dim.dist.step === null) {
        for (let c = 0; c < count; c++) {
          const ex = encode(enc, xs[c]);
          for (let i = 0, o = c * k; i < k; i++, o++) {
            const z = (ex - mus[i]) * invSigmas[i];
            acc[o] -= 0.5 * z * z;
          }
        }
      } else {
        const half = dim.dist.step / 2;
        for (let c = 0; c < count; c++) {
          const lo = encode(enc, xs[c] - half);
          const hi = encode(enc, xs[c] + half);
          for (let i = 0, o = c * k; i < k; i++, o++)
            acc[o] += logNdtrDiff((lo - mus[i]) * invSigmas[i], (hi - mus[i]) * invSigmas[i]);
        }
      }
    }
    const out = new Float64Array(count);
    for (let c = 0; c < count; c++) out[c] = logSumExp(acc, c * k, k);
    return out;
  }
}

function logSumExp(a: Float64Array, offset: number, n: number): number {
  let m = -Infinity;
  for (let i = offset; i < offset + n; i++) if (a[i] > m) m = a[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  // Terms below e^-50 of the largest cannot change the sum (their total is < 1e-19 of it).
  const floor = m - 50;
  for (let i = offset; i < offset + n; i++) if (a[i] > floor) s += Math.exp(a[i] - m);
  return m + Math.log(s);
}

function categoricalDim(nChoices: number, obs: Float64Array, options: ParzenOptions): CategoricalDim {
  const n = obs.length;
  const k = n + 1;
  const probs = new Float64Array(k * nChoices);
  const base = options.priorWeight / (n + 1);
  for (let i = 0; i < n; i++) {
    const row = i * nChoices;
    for (let c = 0; c < nChoices; c++) probs[row + c] = base;
    probs[row + obs[i]] += 1;
    const sum = base * nChoices + 1;
    for (let c = 0; c < nChoices; c++) probs[row + c] /= sum;
  }
  for (let c = 0; c < nChoices; c++) probs[n * nChoices + c] = 1 / nChoices;
  return { kind: "categorical", n: nChoices, probs, logProbs: probs.map(Math.log) };
}

function numericDim(
  d: FloatDistribution | IntDistribution,
  obs: Float64Array,
  options: ParzenOptions,
  sortedOrder: Uint32Array | null,
): NumericDim {
  const enc = encoding(d);
  const { low, high } = enc;
  const n = obs.length;
  const mus = new Float64Array(n + 1);
  const sigmas = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) mus[i] = encode(enc, obs[i]);
  mus[n] = 0.5 * (low + high);

  if (n === 1) sigmas[0] = Math.max(mus[0] - low, high - mus[0]);
  else if (n > 1) {
    // Bandwidth = the larger gap to the sorted neighbours (bounds pad the ends).
    const order = sortedOrder ?? stableArgsort(mus.subarray(0, n));
    for (let r = 0; r < n; r++) {
      const i = order[r];
      const left = r === 0 ? mus[i] - low : mus[i] - mus[order[r - 1]];
      const right = r === n - 1 ? high - mus[i] : mus[order[r + 1]] - mus[i];
      if (!options.considerEndpoints && r === 0) sigmas[i] = right;
      else if (!options.considerEndpoints && r === n - 1) sigmas[i] = left;
      else sigmas[i] = Math.max(left, right);
    }
  }
  // Ranges narrower than float resolution still need a positive bandwidth.
  const range = Math.max(high - low, 4 * Number.EPSILON * Math.max(1, Math.abs(high)));
  const minSigma = options.considerMagicClip
    ? range / Math.min(100, options.magicClipScale * (n + 2))
    : 1e-12;
  for (let i = 0; i < n; i++)
    sigmas[i] = Math.min(range, Math.max(minSigma, options.bandwidthFactor * sigmas[i]));
  sigmas[n] = range;

  const invSigmas = new Float64Array(n + 1);
  const logNorm = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    invSigmas[i] = 1 / sigmas[i];
    const a = (low - mus[i]) * invSigmas[i];
    const b = (high - mus[i]) * invSigmas[i];
    logNorm[i] = (b > 8 && a < -8 ? 0 : logNdtrDiff(a, b)) + (d.step === null ? Math.log(sigmas[i]) : 0);
  }
  return { kind: "numeric", dist: d, enc, low, high, mus, sigmas, invSigmas, logNorm };
}

/**
 * Indices that sort `values` ascending, ties in index order (as a stable sort). A quicksort on
 * (value, index) keys over typed arrays: much faster than a comparator sort of boxed indices.
 */
function stableArgsort(values: Float64Array): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const less = (a: number, b: number) => values[a] < values[b] || (values[a] === values[b] && a < b);
  const stack: number[] = [0, n - 1];
  while (stack.length) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo < 16) {
      for (let i = lo + 1; i <= hi; i++) {
        const x = order[i];
        let j = i - 1;
        while (j >= lo && less(x, order[j])) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      continue;
    }
    const pivot = order[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (less(order[i], pivot)) i++;
      while (less(pivot, order[j])) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (lo < j) stack.push(lo, j);
    if (i < hi) stack.push(i, hi);
  }
  return order;
}
