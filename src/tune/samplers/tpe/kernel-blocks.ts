import { encode, type NumericEncoding } from "../transform.js";
import type { ArraySource } from "./array-pool.js";
import { FAST_EXP_REL_ERROR, fastExp } from "./fast-exp.js";

/**
 * Kernels per block: small enough that a block near the point is mostly useful work. (16 was
 * 5-10% cheaper at 1000-2000 trials, but while there are at most 16 kernels, when `bounds` is
 * first optimised, the scan never goes left of the first block: reached later, that code
 * deoptimised it.)
 */
const BLOCK = 8;
/** Neighbours on each side of the point (in the first dimension) that seed the threshold. */
const SEED_WIDTH = 4;
/**
 * Up to this many kernels, the prior's term joins the seed terms in the guess of a point's log
 * density that orders the points: with few (wide) kernels the prior often outweighs the nearest
 * ones (at 45 kernels, 39% fewer kernels visited than with the seeds alone), with many it
 * misleads (from 225 kernels on, 35-125% more visited; measured on the 5-float benchmark).
 */
const FEW_KERNELS = 128;

/**
 * The kernels of an all-continuous Parzen mixture sorted by μ in the first dimension and cut into
 * blocks of {@link BLOCK}, each with a bound of its kernels' log terms from that dimension alone
 * (largest log base, smallest 1/σ, μ range), plus the same bounds over every prefix and suffix of
 * blocks. A bounds scan walks outwards from the point and drops a whole block, or everything
 * beyond it, when the bound is below its threshold: far kernels cost one test per block
 * instead of one per kernel.
 *
 * Each kernel is packed as in the estimator: its log base (log weight plus every dimension's
 * constant term), then μ and 1/σ of each dimension; the prior kernel comes last, outside the blocks.
 */
export class KernelBlocks {
  private readonly sorted: Float64Array;
  private readonly stride: number;
  /** Kernels in blocks (the prior excluded). */
  private readonly n: number;
  private readonly nBlocks: number;
  private readonly muLo: Float64Array;
  private readonly muHi: Float64Array;
  private readonly baseMax: Float64Array;
  private readonly invMin: Float64Array;
  /** Over blocks b.. (suffix) and ..b (prefix): the largest log base and smallest 1/σ. */
  private readonly sufBase: Float64Array;
  private readonly sufInv: Float64Array;
  private readonly preBase: Float64Array;
  private readonly preInv: Float64Array;

  /**
   * @param sorted the packed kernels, the observations' ascending by μ of dimension 0, then the
   * prior (as {@link sortedKernels} lays them out).
   * @param n the observations' kernels (all but the prior).
   * @param dims the number of dimensions.
   */
  constructor(sorted: Float64Array, n: number, dims: number, pool: ArraySource) {
    // The loops are in functions of their own: the constructor then stays cold instead of being
    // compiled, every loop inlined, in each worker process.
    const stride = 2 * dims + 1;
    this.n = n;
    this.stride = stride;
    this.sorted = sorted;
    const nb = Math.ceil(n / BLOCK);
    this.nBlocks = nb;
    this.muLo = pool.f64(nb);
    this.muHi = pool.f64(nb);
    this.baseMax = pool.f64(nb);
    this.invMin = pool.f64(nb);
    blockBounds(sorted, stride, n, this.muLo, this.muHi, this.baseMax, this.invMin);
    this.sufBase = pool.f64(nb);
    this.sufInv = pool.f64(nb);
    this.preBase = pool.f64(nb);
    this.preInv = pool.f64(nb);
    outerBounds(this.baseMax, this.invMin, this.sufBase, this.sufInv, this.preBase, this.preInv);
  }

  /**
   * The largest full log term among the {@link SEED_WIDTH} kernels on each side of the encoded
   * point `x` in dimension 0, the prior excluded: what {@link ParzenEstimator}'s exact scans
   * seed their threshold with (the same kernels, so the same number).
   */
  nearbyMax(x: Float64Array): number {
    const { sorted, stride, n } = this;
    const nd = (stride - 1) >> 1;
    const a = this.firstAtOrAbove(x[0]);
    let best = -Infinity;
    for (let r = Math.max(0, a - SEED_WIDTH), end = Math.min(n, a + SEED_WIDTH); r < end; r++) {
      const v = termAt(sorted, r * stride, nd, x);
      if (v > best) best = v;
    }
    return best;
  }

  /** The first sorted kernel whose μ in dimension 0 is at least x0 (n when none). */
  private firstAtOrAbove(x0: number): number {
    const { sorted, stride } = this;
    let a = 0;
    let z = this.n;
    while (a < z) {
      const mid = (a + z) >>> 1;
      if (sorted[mid * stride + 1] < x0) a = mid + 1;
      else z = mid;
    }
    return a;
  }

  /**
   * The kernels in kernel order, as the estimator packs them for its exact scan: kernel i (by
   * `slot` of its row, the rows in dimension-0 order in `rows`) at i·stride, the prior last.
   */
  unsorted(rows: Uint32Array, slot: Int32Array, pool: ArraySource): Float64Array {
    const { sorted, stride, n } = this;
    const out = pool.f64((n + 1) * stride);
    for (let p = 0, o = 0; p <= n; p++, o += stride) {
      const to = (p < n ? slot[rows[p]] : n) * stride;
      for (let q = 0; q < stride; q++) out[to + q] = sorted[o + q];
    }
    return out;
  }

  /**
   * Bounds of the log density at each point (internal values per dimension, encoded by `encs`),
   * as {@link ParzenEstimator.logPdfBounds}. With `ll`, the likely winners first, so that the
   * others can stop early: by ll minus the largest of the point's seed terms ({@link nearbyMax}),
   * or of those and the prior's with at most {@link FEW_KERNELS} kernels, an estimate of
   * ll − log density that costs a few kernels. The first points settle the
   * threshold of the others (the best lower bound of ll − log density), so a winner met early
   * saves most of the rest's work (at 1000 trials, 40% of the kernels visited when ordered by ll).
   */
  pointBounds(
    points: readonly Float64Array[],
    encs: readonly NumericEncoding[],
    negligible: number,
    pool: ArraySource,
    ll?: Float64Array,
  ): { lo: Float64Array; hi: Float64Array } {
    const count = points[0]?.length ?? 0;
    const nd = encs.length;
    const hi = pool.f64(count);
    const lo = pool.f64(count);
    const x = pool.f64(nd);
    const xs = pool.f64(count * nd);
    const knowns = pool.f64(count);
    const guesses = pool.f64(count);
    const order = pool.u32(count);
    const n = this.n;
    const few = n <= FEW_KERNELS;
    for (let c = 0; c < count; c++) {
      for (let j = 0; j < nd; j++) {
        x[j] = encode(encs[j], points[j][c]);
        xs[c * nd + j] = x[j];
      }
      // A term that exists (a lower bound of the largest): of the nearest kernels or the prior.
      const seed = this.nearbyMax(x);
      const prior = termAt(this.sorted, n * this.stride, nd, x);
      knowns[c] = Math.max(seed, prior);
      // Both terms computed either way (a branch first taken later would deoptimise this).
      guesses[c] = prior > seed && few ? prior : seed;
      order[c] = c;
    }
    if (ll !== undefined) likelyWinnersFirst(order, ll, guesses, pool);
    let bestLow = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < count; r++) {
      const c = order[r];
      for (let j = 0; j < nd; j++) x[j] = xs[c * nd + j];
      const useLl = ll !== undefined && Number.isFinite(ll[c]) && bestLow > Number.NEGATIVE_INFINITY;
      this.bounds(x, knowns[c], negligible, lo, hi, c, useLl ? ll[c] - bestLow : Number.POSITIVE_INFINITY);
      if (ll !== undefined && hi[c] < Number.POSITIVE_INFINITY && ll[c] - hi[c] > bestLow)
        bestLow = ll[c] - hi[c];
    }
    return { lo, hi };
  }

  /**
   * Bounds `lo[c]`, `hi[c]` of the log density at the point `x` (encoded, one value per
   * dimension), and of what the exact kernel-by-kernel scan returns, from a scan that drops
   * every kernel (or block) whose log term is at most `negligible` below the larger of the
   * largest and `known` (a term that exists at `x`: {@link nearbyMax}'s or the prior's).
   *
   * A dropped term is at most max − `negligible`, so the dropped mass adds at most
   * dropped·e^−negligible (relative to the largest term) to `hi`. The rest of the margin is that
   * of {@link fastExp} and rounding, as in the exact scan's own bounds.
   *
   * The scan stops early, with `lo[c]` above `stopAbove` and `hi[c] = +Infinity`, once the kernels seen
   * so far prove the log density above `stopAbove`: walking outwards from the point meets most of
   * the mass first, so a point that cannot win is usually settled before its far kernels.
   */
  bounds(
    x: Float64Array,
    known: number,
    negligible: number,
    lo: Float64Array,
    hi: Float64Array,
    c: number,
    stopAbove = Number.POSITIVE_INFINITY,
  ): void {
    const { sorted, stride, n, nBlocks: nb } = this;
    const nd = (stride - 1) >> 1;
    const x0 = x[0];
    const p = this.firstAtOrAbove(x0);
    let m = -Infinity;
    let s = 0;
    let rescaled = 0;
    let dropped = 0;
    const bp = Math.min(nb - 1, Math.floor(p / BLOCK));
    // Visit order: the prior, then blocks outwards from bp, the nearer side (in μ) first.
    let right = nb > 0 ? bp : 0;
    let left = bp - 1;
    let prior = true;
    // s above sLimit proves the density above stopAbove (margin: fastExp's and rounding errors).
    let limitM = Number.NaN;
    let sLimit = Number.POSITIVE_INFINITY;
    let margin = 0;
    for (;;) {
      let from: number;
      let to: number;
      if (prior) {
        prior = false;
        from = n;
        to = n + 1;
      } else {
        if (stopAbove < Number.POSITIVE_INFINITY && m > Number.NEGATIVE_INFINITY) {
          if (m !== limitM) {
            limitM = m;
            margin =
              2 * (rescaled + 1) * FAST_EXP_REL_ERROR +
              1e-9 +
              4 * (n + 3) * Number.EPSILON * (1 + Math.abs(m));
            sLimit = Math.exp(stopAbove - m + margin);
          }
          if (s > sLimit) {
            // The proven bound itself (not just stopAbove), so that the caller excludes the point.
            lo[c] = m + Math.log(s) - margin;
            hi[c] = Number.POSITIVE_INFINITY;
            return;
          }
        }
        const floor = Math.max(m, known) - negligible;
        const dRight = right < nb ? Math.max(0, this.muLo[right] - x0) : Number.POSITIVE_INFINITY;
        const dLeft = left >= 0 ? Math.max(0, x0 - this.muHi[left]) : Number.POSITIVE_INFINITY;
        // Everything from a side's next block outwards is beyond the threshold: close that side.
        // (Counts computed whether or not a side closes, as for a block below.)
        if (right < nb) {
          const far = beyond(this.sufBase[right], dRight, this.sufInv[right], floor);
          const size = n - right * BLOCK;
          dropped += far ? size : 0;
          if (far) right = nb;
        }
        if (left >= 0) {
          const far = beyond(this.preBase[left], dLeft, this.preInv[left], floor);
          const size = (left + 1) * BLOCK;
          dropped += far ? size : 0;
          if (far) left = -1;
        }
        let b: number;
        if (right < nb && (left < 0 || dRight <= dLeft)) b = right++;
        else if (left >= 0) b = left--;
        else break;
        from = b * BLOCK;
        to = Math.min(n, from + BLOCK);
        const d = x0 < this.muLo[b] ? this.muLo[b] - x0 : x0 > this.muHi[b] ? x0 - this.muHi[b] : 0;
        const far = beyond(this.baseMax[b], d, this.invMin[b], floor);
        // Computed whether or not the block is dropped: arithmetic first reached after this code
        // was optimised (blocks are seldom dropped in the first trials) would deoptimise it.
        const size = to - from;
        dropped += far ? size : 0;
        if (far) continue;
      }
      let vNext = 0;
      // The threshold moves only with m.
      let floor = Math.max(m, known) - negligible;
      for (let o = from * stride, end = to * stride, odd = 0; o < end; o += stride, odd ^= 1) {
        let v = vNext;
        if (odd === 0) {
          // The terms of this kernel and the next (this one again when there is none) in one
          // pass: two independent chains of subtractions overlap, where one kernel's waits on
          // itself (7-10% off the whole bounds scan). Each term is computed as the exact scan
          // computes it (the same operations in the same order, so the same number). Every
          // kernel is tested, the log base too, at one drop site: a branch first taken after
          // this code was optimised would deoptimise it.
          const o2 = o + stride < end ? o + stride : o;
          let v0 = sorted[o];
          let v1 = sorted[o2];
          for (let j = 0, q = o + 1, q2 = o2 + 1; j < nd; j++, q += 2, q2 += 2) {
            const xj = x[j];
            const z0 = (xj - sorted[q]) * sorted[q + 1];
            const z1 = (xj - sorted[q2]) * sorted[q2 + 1];
            v0 -= 0.5 * z0 * z0;
            v1 -= 0.5 * z1 * z1;
          }
          v = v0;
          vNext = v1;
        }
        if (v <= floor) {
          dropped++;
          continue;
        }
        if (v > m) {
          s = s * fastExp(m - v) + 1;
          m = v;
          rescaled++;
          floor = Math.max(m, known) - negligible;
        } else s += fastExp(v - m);
      }
    }
    scanBounds(lo, hi, c, m, s, rescaled, n + 1, dropped, known, negligible);
  }
}

/**
 * Bounds `lo[c]`, `hi[c]` of a log density (and of what an exact scan of it returns) from a
 * bounds scan's sum e^m·s over `kernels` kernels, of which `dropped` were skipped as at most
 * max(m, known) − `negligible`. {@link fastExp}'s relative error enters once for the terms (all
 * positive) and once per rescale of s; the dropped kernels raise `hi` by their count times
 * their bound (with a factor e^1e-9 for the rounding of block bounds). The rest is covered by
 * 4(kernels + 2)·2^-53·(1 + |m|): the additions' rounding, that of m + log s, the per-term
 * rounding differences of the exact scan's own sum and the kernels it drops (each below
 * e^-37 < 2^-53 of the largest term).
 */
export function scanBounds(
  lo: Float64Array,
  hi: Float64Array,
  c: number,
  m: number,
  s: number,
  rescaled: number,
  kernels: number,
  dropped: number,
  known: number,
  negligible: number,
): void {
  if (m === -Infinity) {
    lo[c] = -Infinity;
    hi[c] = dropped === 0 || known === -Infinity ? -Infinity : Infinity;
    return;
  }
  const top = Math.max(m, known);
  const slack =
    2 * (rescaled + 1) * FAST_EXP_REL_ERROR + 4 * (kernels + 2) * Number.EPSILON * (1 + Math.abs(m));
  lo[c] = m + Math.log(s) - slack;
  hi[c] = m + Math.log(s + dropped * Math.exp(top - m - negligible + 1e-9)) + slack;
}

/**
 * Sorts the points' indices in `order` by ll − guess (of the log density), largest first (ties,
 * and NaN last, by index): a point whose nearest kernels are far (small guess) where ll is large
 * likely maximises ll − log density.
 */
function likelyWinnersFirst(
  order: Uint32Array,
  ll: Float64Array,
  guesses: Float64Array,
  pool: ArraySource,
): void {
  const key = pool.f64(order.length);
  for (let c = 0; c < order.length; c++) {
    const k = ll[c] - guesses[c];
    key[c] = Number.isNaN(k) ? Number.NEGATIVE_INFINITY : k;
  }
  order.sort((a, b) => (key[b] > key[a] ? 1 : key[a] > key[b] ? -1 : a - b));
}

/** The full log term of the packed kernel at `o`. */
function termAt(packed: Float64Array, o: number, nd: number, x: Float64Array): number {
  let v = packed[o];
  for (let j = 0, q = o + 1; j < nd; j++, q += 2) {
    const zj = (x[j] - packed[q]) * packed[q + 1];
    v -= 0.5 * zj * zj;
  }
  return v;
}

/**
 * Whether kernels whose log base is at most `base`, 1/σ at least `inv` and μ at least `d` from the
 * point all have log terms at most `floor`. One function for the three block tests of {@link
 * KernelBlocks.bounds}: they share its type feedback, so the test first reached after `bounds` was
 * optimised does not throw that code away.
 */
function beyond(base: number, d: number, inv: number, floor: number): boolean {
  const z = d * inv;
  return base - 0.5 * z * z <= floor;
}

/** The packed kernels in `order` (ascending μ of dimension 0), then the prior (kernel n). */
export function sortedKernels(
  logBase: Float64Array,
  mus: readonly Float64Array[],
  invSigmas: readonly Float64Array[],
  order: Uint32Array,
  stride: number,
  pool: ArraySource,
): Float64Array {
  const n = order.length;
  const sorted = pool.f64((n + 1) * stride);
  // One dimension at a time: a third cheaper than kernel by kernel across the dimensions' arrays.
  for (let r = 0, o = 0; r <= n; r++, o += stride) sorted[o] = logBase[r < n ? order[r] : n];
  for (let j = 0; j < mus.length; j++) {
    const mu = mus[j];
    const inv = invSigmas[j];
    for (let r = 0, o = 2 * j + 1; r <= n; r++, o += stride) {
      const i = r < n ? order[r] : n;
      sorted[o] = mu[i];
      sorted[o + 1] = inv[i];
    }
  }
  return sorted;
}

/** Per block of the n sorted kernels: its μ range (dimension 0), largest log base and smallest 1/σ. */
function blockBounds(
  sorted: Float64Array,
  stride: number,
  n: number,
  muLo: Float64Array,
  muHi: Float64Array,
  baseMax: Float64Array,
  invMin: Float64Array,
): void {
  for (let b = 0; b < baseMax.length; b++) {
    const end = Math.min(n, (b + 1) * BLOCK);
    let base = -Infinity;
    let inv = Infinity;
    for (let r = b * BLOCK, o = r * stride; r < end; r++, o += stride) {
      if (sorted[o] > base) base = sorted[o];
      if (sorted[o + 2] < inv) inv = sorted[o + 2];
    }
    muLo[b] = sorted[b * BLOCK * stride + 1];
    muHi[b] = sorted[(end - 1) * stride + 1];
    baseMax[b] = base;
    invMin[b] = inv;
  }
}

/** The block bounds over every suffix (blocks b..) and prefix (..b) of blocks. */
function outerBounds(
  baseMax: Float64Array,
  invMin: Float64Array,
  sufBase: Float64Array,
  sufInv: Float64Array,
  preBase: Float64Array,
  preInv: Float64Array,
): void {
  const nb = baseMax.length;
  for (let b = nb - 1; b >= 0; b--) {
    sufBase[b] = b + 1 < nb ? Math.max(baseMax[b], sufBase[b + 1]) : baseMax[b];
    sufInv[b] = b + 1 < nb ? Math.min(invMin[b], sufInv[b + 1]) : invMin[b];
  }
  for (let b = 0; b < nb; b++) {
    preBase[b] = b > 0 ? Math.max(baseMax[b], preBase[b - 1]) : baseMax[b];
    preInv[b] = b > 0 ? Math.min(invMin[b], preInv[b - 1]) : invMin[b];
  }
}
