import type { Distribution, FloatDistribution, IntDistribution } from "../../distributions.js";
import type { Rng } from "../../rng.js";
import { decode, encode, encoding, type NumericEncoding } from "../transform.js";
import { type ArraySource, FRESH_ARRAYS } from "./array-pool.js";
import { fastExp } from "./fast-exp.js";
import { KernelBlocks, scanBounds, sortedKernels } from "./kernel-blocks.js";
import { logNdtrDiff, ndtr, ndtri } from "./normal.js";
import { NEGLIGIBLE, scanPoint } from "./packed-scan.js";

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
  /** The observations' kernels sorted by μ (the prior kernel excluded). */
  order: Uint32Array;
};
/**
 * Bandwidth-dependent constants remembered across estimators, per observation (row) and
 * dimension: a kernel whose μ is fixed and whose σ did not change since the last estimator keeps
 * its normaliser instead of recomputing a log and a truncated-normal mass. Between two TPE
 * suggestions only the new observation's neighbours change σ.
 */
export interface KernelMemo {
  /** The row of each observation (slot). */
  rows: Uint32Array;
  /** Per dimension, per row: the σ last seen (NaN: none) and its log-normaliser. */
  sigma: (Float64Array | null)[];
  logNorm: (Float64Array | null)[];
}

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
  private readonly weights: Float64Array;
  /** Per kernel: log weight plus every dimension's constant log-density term. */
  private readonly logBase: Float64Array;
  /** The first continuous dimension (seeds the log-density scan), or -1. */
  private readonly seedDim: number;
  /** Every dimension is continuous: the scans use {@link packedKernels}. */
  private readonly continuous: boolean;
  private packed: Float64Array | null = null;
  private blocks: KernelBlocks | null = null;

  constructor(
    distributions: readonly Distribution[],
    columns: readonly Float64Array[],
    obsWeights: Float64Array,
    options: ParzenOptions,
    orders?: readonly (Uint32Array | null)[],
    memo?: KernelMemo,
    private readonly pool: ArraySource = FRESH_ARRAYS,
  ) {
    // Loops over kernels are in functions of their own and arrays are built by push, not map:
    // this constructor then stays cold instead of being compiled (every loop inlined) in each
    // worker process, and the arrays it hands on keep one shape (an optimised map() makes
    // holey arrays, the builtin packed ones: a new shape deoptimises the code that reads them).
    this.weights = mixtureWeights(obsWeights, options.priorWeight, pool);
    this.logBase = logWeights(this.weights, pool);
    // Each numeric dimension subtracts its constant terms from logBase, in dimension order.
    const dims: Dim[] = [];
    let seedDim = -1;
    let continuous = true;
    for (let j = 0; j < distributions.length; j++) {
      const d = distributions[j];
      const dim =
        d.kind === "categorical"
          ? categoricalDim(d.choices.length, columns[j], options, pool)
          : numericDim(d, columns[j], options, orders?.[j] ?? null, pool, this.logBase, memo, j);
      dims.push(dim);
      const isContinuous = dim.kind === "numeric" && dim.dist.step === null;
      if (isContinuous && seedDim < 0) seedDim = j;
      if (!isContinuous) continuous = false;
    }
    this.dims = dims;
    this.seedDim = seedDim;
    this.continuous = continuous;
  }

  /**
   * When every dimension is continuous: per kernel i, at i·(2·dims + 1), its logBase then μ and
   * 1/σ of each dimension, so the scan reads one array front to back (built on first use).
   */
  private packedKernels(): Float64Array {
    if (this.packed !== null) return this.packed;
    const k = this.weights.length;
    const stride = 2 * this.dims.length + 1;
    const packed = this.pool.f64(k * stride);
    for (let j = 0; j < this.dims.length; j++) {
      const dim = this.dims[j] as NumericDim;
      for (let i = 0, o = 2 * j + 1; i < k; i++, o += stride) {
        packed[o] = dim.mus[i];
        packed[o + 1] = dim.invSigmas[i];
      }
    }
    for (let i = 0; i < k; i++) packed[i * stride] = this.logBase[i];
    this.packed = packed;
    return packed;
  }

  /** Draws `count` points (internal values per dimension). */
  sample(rng: Rng, count: number): Float64Array[] {
    const comps = this.pool.i32(count);
    for (let c = 0; c < count; c++) comps[c] = rng.choice(this.weights);
    const points: Float64Array[] = [];
    for (const dim of this.dims) {
      const out = this.pool.f64(count);
      points.push(out);
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
    }
    return points;
  }

  /**
   * log density (or log probability mass for discrete dimensions) of each point.
   *
   * Kernel by kernel, with a running log-sum-exp: every dimension's term is <= 0 once the
   * constants are in `logBase`, so a kernel is dropped as soon as its partial sum falls
   * `NEGLIGIBLE` below the running maximum. With many observations most kernels are far from a
   * point and end after a dimension or two, which makes this several times cheaper than
   * evaluating every kernel in every dimension.
   */
  logPdf(points: readonly Float64Array[]): Float64Array {
    return this.scan(points, allOf(points[0]?.length ?? 0), null);
  }

  /** {@link logPdf} of the points `c` with `only[c] === 1`; NaN for the others. */
  logPdfOf(points: readonly Float64Array[], only: Uint8Array): Float64Array {
    return this.scan(points, only, null);
  }

  /**
   * Bounds of each point's log density, and of what {@link logPdf} returns, from a scan that
   * drops the kernels {@link BOUNDS_NEGLIGIBLE} below the largest term (instead of 37) and uses
   * {@link fastExp}: `hi − lo` is at most about k·e^−12 ≈ 6e-6·k, far below the usual gaps
   * between candidates, for a fraction of the exact scan's work. All-continuous mixtures also
   * skip whole blocks of far kernels ({@link KernelBlocks}).
   *
   * With `ll` (another log density at the same points), a point whose log density is proven
   * above ll[c] minus the best lower bound of ll − log density found so far cannot maximise
   * ll − log density: its scan may stop early, with `lo[c]` above that threshold and `hi[c] = +Infinity`.
   */
  logPdfBounds(points: readonly Float64Array[], ll?: Float64Array): { lo: Float64Array; hi: Float64Array } {
    if (!this.continuous) {
      const count = points[0]?.length ?? 0;
      const hi = this.pool.f64(count);
      return { lo: this.scan(points, allOf(count), hi), hi };
    }
    const dims = this.dims as NumericDim[];
    const encs: NumericEncoding[] = [];
    for (const d of dims) encs.push(d.enc);
    if (this.blocks === null) {
      const n = this.weights.length - 1;
      const mus: Float64Array[] = [];
      const invSigmas: Float64Array[] = [];
      for (const d of dims) {
        mus.push(d.mus);
        invSigmas.push(d.invSigmas);
      }
      const order = dims[0].order.subarray(0, n);
      const sorted = sortedKernels(this.logBase, mus, invSigmas, order, 2 * dims.length + 1, this.pool);
      this.blocks = new KernelBlocks(sorted, n, dims.length, this.pool);
    }
    return this.blocks.pointBounds(points, encs, BOUNDS_NEGLIGIBLE, this.pool, ll);
  }

  /**
   * The scan behind {@link logPdf}: points `c` with `only[c] !== 0`; with `hi`,
   * the bounds of {@link logPdfBounds} (lower ones returned).
   */
  private scan(points: readonly Float64Array[], only: Uint8Array, hi: Float64Array | null): Float64Array {
    if (this.continuous && hi === null) return this.scanContinuous(points, this.packedKernels(), only);
    const count = points[0]?.length ?? 0;
    const k = this.weights.length;
    const dims = this.dims;
    const nd = dims.length;
    const out = this.pool.f64(count);
    // Per dimension, the point's encoded value (continuous), cell bounds (discrete) or index (categorical).
    const xa = this.pool.f64(nd);
    const xb = this.pool.f64(nd);
    const logBase = this.logBase;
    const negligible = hi === null ? NEGLIGIBLE : BOUNDS_NEGLIGIBLE;
    // NaN for the points not scanned, filled ahead: a store in a branch first taken after this
    // code was optimised (logPdfOf's first call) would deoptimise it.
    out.fill(Number.NaN);
    const first = only.indexOf(1);
    for (let c = 0; c < count; c++) {
      if (only[c] === 0) continue;
      for (let j = 0; j < nd; j++) {
        const dim = dims[j];
        const x = points[j][c];
        if (dim.kind === "categorical") xa[j] = x;
        else if (dim.dist.step === null) xa[j] = encode(dim.enc, x);
        else {
          const half = dim.dist.step / 2;
          xa[j] = encode(dim.enc, x - half);
          xb[j] = encode(dim.enc, x + half);
        }
      }
      // A lower bound of the largest term, from the kernels nearest in one dimension, lets the
      // scan drop far kernels from its start. Computed for the first point even when unused: a
      // call first made after this code was optimised (the first mixture above SEED_ABOVE
      // kernels) would deoptimise it.
      const seed = k > SEED_ABOVE || c === first ? this.nearbyMax(xa, xb) : -Infinity;
      const known = k > SEED_ABOVE ? seed : -Infinity;
      let m = -Infinity;
      let s = 0;
      let rescaled = 0;
      let dropped = 0;
      for (let i = 0; i < k; i++) {
        let v = logBase[i];
        const floor = Math.max(m, known) - negligible;
        if (v <= floor) {
          dropped++;
          continue;
        }
        let j = 0;
        for (; j < nd; j++) {
          const dim = dims[j];
          if (dim.kind === "categorical") v += dim.logProbs[i * dim.n + xa[j]];
          else if (dim.dist.step === null) {
            const z = (xa[j] - dim.mus[i]) * dim.invSigmas[i];
            v -= 0.5 * z * z;
          } else {
            const inv = dim.invSigmas[i];
            v += logNdtrDiff((xa[j] - dim.mus[i]) * inv, (xb[j] - dim.mus[i]) * inv);
          }
          if (v <= floor) break;
        }
        if (j < nd) {
          dropped++;
          continue;
        }
        if (v > m) {
          s = s * (hi === null ? Math.exp(m - v) : fastExp(m - v)) + 1;
          m = v;
          rescaled++;
        } else s += hi === null ? Math.exp(v - m) : fastExp(v - m);
      }
      out[c] = m === -Infinity ? -Infinity : m + Math.log(s);
      if (hi !== null) scanBounds(out, hi, c, m, s, rescaled, k, dropped, known, BOUNDS_NEGLIGIBLE);
    }
    return out;
  }

  /** The exact {@link scan} when every dimension is continuous: one tight loop over kernel-major arrays. */
  private scanContinuous(
    points: readonly Float64Array[],
    packed: Float64Array,
    only: Uint8Array,
  ): Float64Array {
    const count = points[0]?.length ?? 0;
    const k = this.weights.length;
    const nd = this.dims.length;
    const end = k * (2 * nd + 1);
    const out = this.pool.f64(count);
    const xa = this.pool.f64(nd);
    const xb = xa;
    out.fill(Number.NaN); // as in scan
    const first = only.indexOf(1);
    for (let c = 0; c < count; c++) {
      if (only[c] === 0) continue;
      for (let j = 0; j < nd; j++) xa[j] = encode((this.dims[j] as NumericDim).enc, points[j][c]);
      const seed = k > SEED_ABOVE || c === first ? this.nearbyMax(xa, xb) : -Infinity; // as in scan
      const known = k > SEED_ABOVE ? seed : -Infinity;
      out[c] = scanPoint(xa, known, packed, end, nd);
    }
    return out;
  }

  /**
   * The largest full log term among the kernels nearest to the point in the first continuous
   * dimension (by the sorted μ): a term that exists, so a valid lower bound of the maximum.
   */
  private nearbyMax(xa: Float64Array, xb: Float64Array): number {
    const j = this.seedDim;
    if (j < 0) return -Infinity;
    const dim = this.dims[j] as NumericDim;
    const { order, mus } = dim;
    const x = xa[j];
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mus[order[mid]] < x) lo = mid + 1;
      else hi = mid;
    }
    let best = -Infinity;
    const end = Math.min(order.length, lo + SEED_WIDTH);
    for (let r = Math.max(0, lo - SEED_WIDTH); r < end; r++) {
      const v = this.termOf(order[r], xa, xb);
      if (v > best) best = v;
    }
    return best;
  }

  /** log(weight · density) of kernel i at the point. */
  private termOf(i: number, xa: Float64Array, xb: Float64Array): number {
    let v = this.logBase[i];
    for (let j = 0; j < this.dims.length; j++) {
      const dim = this.dims[j];
      if (dim.kind === "categorical") v += dim.logProbs[i * dim.n + xa[j]];
      else if (dim.dist.step === null) {
        const z = (xa[j] - dim.mus[i]) * dim.invSigmas[i];
        v -= 0.5 * z * z;
      } else {
        const inv = dim.invSigmas[i];
        v += logNdtrDiff((xa[j] - dim.mus[i]) * inv, (xb[j] - dim.mus[i]) * inv);
      }
    }
    return v;
  }
}

/**
 * The bounds scans' threshold: dropping the kernels this far below the largest term moves the
 * density by at most k·e^-12 ≈ 6.1e-6·k (relative), which {@link scanBounds} adds to the upper bound.
 * Looser would save little: most kernels near a candidate lie within 12 of the largest term
 * (about 300 of 975 at 1000 trials), and below 9 more candidates need the exact scan.
 */
export const BOUNDS_NEGLIGIBLE = 12;
/** Mixtures with more kernels than this seed the scan's threshold ({@link ParzenEstimator.nearbyMax}). */
export const SEED_ABOVE = 64;
/** Neighbours on each side that seed it. */
const SEED_WIDTH = 4;

let ones = new Uint8Array(32).fill(1);

/**
 * A mask that selects all of `count` points. The scans always read a mask (none would be a
 * branch that {@link ParzenEstimator.logPdfOf}, often first called after the scans were
 * optimised, would take for the first time, throwing that code away).
 */
export function allOf(count: number): Uint8Array {
  if (ones.length < count) ones = new Uint8Array(2 * count).fill(1);
  return ones.subarray(0, count);
}

/** The mixture's weights: the observations' then the prior's, normalised to sum 1. */
export function mixtureWeights(
  obsWeights: Float64Array,
  priorWeight: number,
  pool: ArraySource,
): Float64Array {
  const n = obsWeights.length;
  const weights = pool.f64(n + 1);
  let total = priorWeight;
  for (let i = 0; i < n; i++) total += obsWeights[i];
  for (let i = 0; i < n; i++) weights[i] = obsWeights[i] / total;
  weights[n] = priorWeight / total;
  return weights;
}

/** log of each weight: the start of `logBase`, before the dimensions' constant terms. */
function logWeights(weights: Float64Array, pool: ArraySource): Float64Array {
  const logBase = pool.f64(weights.length);
  for (let i = 0; i < weights.length; i++) logBase[i] = Math.log(weights[i]);
  return logBase;
}

function categoricalDim(
  nChoices: number,
  obs: Float64Array,
  options: ParzenOptions,
  pool: ArraySource,
): CategoricalDim {
  const n = obs.length;
  const k = n + 1;
  const probs = pool.f64(k * nChoices);
  const base = options.priorWeight / (n + 1);
  for (let i = 0; i < n; i++) {
    const row = i * nChoices;
    for (let c = 0; c < nChoices; c++) probs[row + c] = base;
    probs[row + obs[i]] += 1;
    const sum = base * nChoices + 1;
    for (let c = 0; c < nChoices; c++) probs[row + c] /= sum;
  }
  for (let c = 0; c < nChoices; c++) probs[n * nChoices + c] = 1 / nChoices;
  const logProbs = pool.f64(k * nChoices);
  for (let i = 0; i < logProbs.length; i++) logProbs[i] = Math.log(probs[i]);
  return { kind: "categorical", n: nChoices, probs, logProbs };
}

function numericDim(
  d: FloatDistribution | IntDistribution,
  obs: Float64Array,
  options: ParzenOptions,
  sortedOrder: Uint32Array | null,
  pool: ArraySource,
  logBase: Float64Array,
  memo?: KernelMemo,
  dimIndex = 0,
): NumericDim {
  const enc = encoding(d);
  const { low, high } = enc;
  const n = obs.length;
  const mus = pool.f64(n + 1);
  const sigmas = pool.f64(n + 1);
  if (enc.log) for (let i = 0; i < n; i++) mus[i] = encode(enc, obs[i]);
  else mus.set(obs);
  mus[n] = 0.5 * (low + high);

  const range = kernelRange(low, high);
  const minSigma = options.considerMagicClip
    ? range / Math.min(100, options.magicClipScale * (n + 2))
    : 1e-12;
  const { considerEndpoints, bandwidthFactor } = options;
  let order: Uint32Array = n === 1 ? Uint32Array.of(0) : new Uint32Array(0);
  if (n === 1)
    sigmas[0] = Math.min(range, Math.max(minSigma, bandwidthFactor * Math.max(mus[0] - low, high - mus[0])));
  else if (n > 1) {
    // Bandwidth = the larger gap to the sorted neighbours (bounds pad the ends), then clipped.
    order = sortedOrder ?? stableArgsort(mus.subarray(0, n));
    let prev = low;
    let mu = mus[order[0]];
    for (let r = 0; r < n; r++) {
      const next = r + 1 < n ? mus[order[r + 1]] : high;
      const inner = considerEndpoints || (r > 0 && r < n - 1);
      sigmas[order[r]] = kernelSigma(mu - prev, next - mu, inner, r === 0, bandwidthFactor, minSigma, range);
      prev = mu;
      mu = next;
    }
  }
  sigmas[n] = range;

  // Per kernel, log Z + log σ (continuous) or log Z (discrete), with the density's 1/sqrt(2π)
  // for continuous ones, leaves logBase.
  const invSigmas = pool.f64(n + 1);
  const memoRows = memo?.rows ?? null;
  const memoSigma = memo?.sigma[dimIndex] ?? null;
  const memoLogNorm = memo?.logNorm[dimIndex] ?? null;
  const continuous = d.step === null;
  const constant = continuous ? LOG_SQRT_2PI : 0;
  for (let i = 0; i <= n; i++) {
    const sigma = sigmas[i];
    const inv = 1 / sigma;
    invSigmas[i] = inv;
    const row = memoSigma !== null && i < n ? memoRows![i] : -1;
    let logNorm: number;
    if (row >= 0 && memoSigma![row] === sigma) logNorm = memoLogNorm![row];
    else {
      logNorm = logNormaliser(mus[i], sigma, low, high, continuous);
      if (row >= 0) {
        memoSigma![row] = sigma;
        memoLogNorm![row] = logNorm;
      }
    }
    logBase[i] -= logNorm + constant;
  }
  return { kind: "numeric", dist: d, enc, low, high, mus, sigmas, invSigmas, order };
}

/** The (encoded) range that bandwidths are clipped to: ranges narrower than float resolution still need a positive one. */
export function kernelRange(low: number, high: number): number {
  return Math.max(high - low, 4 * Number.EPSILON * Math.max(1, Math.abs(high)));
}

/**
 * A kernel's bandwidth from the gaps to its sorted neighbours (the bounds pad the ends): the
 * larger gap for an `inner` kernel, else the gap on the inside (`first`: the right one), times
 * `factor`, clipped to [minSigma, range].
 */
export function kernelSigma(
  left: number,
  right: number,
  inner: boolean,
  first: boolean,
  factor: number,
  minSigma: number,
  range: number,
): number {
  // Comparisons rather than Math.max/min (a third cheaper in numericDim's loop): the same σ, as
  // the gaps are >= 0 and minSigma > 0.
  // biome-ignore lint/complexity/useMathMinMax: hot loop, see above
  const gap = inner ? (left > right ? left : right) : first ? right : left;
  const wide = factor * gap;
  // biome-ignore lint/complexity/useMathMinMax: hot loop, see above
  const clipped = wide > minSigma ? wide : minSigma;
  // biome-ignore lint/complexity/useMathMinMax: hot loop, see above
  return clipped < range ? clipped : range;
}

/**
 * log Z of a normal kernel (μ, σ) truncated to [low, high], plus log σ when `continuous` (a
 * density, not a cell's mass). Z is taken as 1 when both bounds are beyond 8σ.
 */
export function logNormaliser(
  mu: number,
  sigma: number,
  low: number,
  high: number,
  continuous: boolean,
): number {
  const inv = 1 / sigma;
  const a = (low - mu) * inv;
  const b = (high - mu) * inv;
  return (b > 8 && a < -8 ? 0 : logNdtrDiff(a, b)) + (continuous ? Math.log(sigma) : 0);
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
