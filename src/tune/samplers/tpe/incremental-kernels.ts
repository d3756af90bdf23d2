import type { FloatDistribution } from "../../distributions.js";
import { encode, encoding, type NumericEncoding } from "../transform.js";
import type { ArraySource } from "./array-pool.js";
import { KernelBlocks } from "./kernel-blocks.js";
import { lowerBound, type ObservationTable } from "./observation-table.js";
import { scanPoint } from "./packed-scan.js";
import {
  allOf,
  BOUNDS_NEGLIGIBLE,
  kernelRange,
  kernelSigma,
  logNormaliser,
  mixtureWeights,
  type ParzenEstimator,
  type ParzenOptions,
  SEED_ABOVE,
} from "./parzen-estimator.js";

/** As in {@link ParzenEstimator}: the same expression, so the same number. */
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Rows that may join or leave the set between two updates before the orders are rebuilt instead. */
const MAX_EDITS = 16;
/** Per row and dimension: μ, σ, 1/σ and the log-normaliser (log Z + log σ). */
const FIELDS = 4;

/**
 * The kernels of a Parzen mixture over continuous dimensions (TPE's bad density g) over a set of
 * an {@link ObservationTable}'s rows, kept from one suggestion to the next. Between two
 * suggestions a row or two join the set (the new trial, one pushed out of the good ones), so
 * instead of gathering, sorting and normalising every kernel again, each dimension keeps the set's
 * rows in the table's (value, trial number) order and each row its σ and log-normaliser: only the
 * neighbours of a row that joined or left get a new σ. The kernels stay packed in dimension-0
 * order for {@link KernelBlocks}; the weights change every suggestion (they follow the kernel's
 * rank by trial number), which leaves one pass that writes each kernel's log base.
 *
 * Every number is computed as {@link ParzenEstimator} computes it (the same operations in the same
 * order), so the blocks equal those of an estimator built from scratch over the same rows.
 */
export class IncrementalKernels {
  private readonly nd: number;
  private readonly encs: NumericEncoding[] = [];
  /** Per dimension: the encoded range as the estimator pads it, and the prior's log-normaliser. */
  private readonly ranges: Float64Array;
  private readonly priorLogNorm: Float64Array;
  private readonly minSigmas: Float64Array;
  /** Per row, FIELDS numbers per dimension (row-major: one row's kernel is read at one place). */
  private rec = new Float64Array(0);
  private member = new Uint8Array(0);
  /** Per dimension: the set's rows by (value, trial number), `count` of them. */
  private orders: Uint32Array[] = [];
  private count = 0;
  /** The table generation the rows belong to; -1 when nothing is kept. */
  private generation = -1;
  private readonly edits = new Uint32Array(MAX_EDITS);
  /** Per dimension, rows whose neighbours changed (3 per edit), and how many. */
  private readonly touched: Uint32Array;
  private readonly nTouched: Int32Array;
  private touchedAll = true;
  /**
   * The kernels as {@link KernelBlocks} takes them, in dimension-0 order (the prior after them):
   * μ and 1/σ kept in place; the log bases, which follow the weights, written by {@link density}.
   */
  private packed = new Float64Array(0);
  /**
   * Per position of dimension 0's order, each dimension's log-normaliser plus log √(2π): what the
   * estimator subtracts from the log weight (the same sum, so the same number).
   */
  private logNorms = new Float64Array(0);
  /** μ, 1/σ and log-normalisers to be packed anew from the rows (after a full refresh). */
  private repack = true;

  /** `dists`: continuous ones (no step); `options` as the estimator's. */
  constructor(
    dists: readonly FloatDistribution[],
    private readonly options: ParzenOptions,
  ) {
    const nd = dists.length;
    this.nd = nd;
    this.ranges = new Float64Array(nd);
    this.priorLogNorm = new Float64Array(nd);
    this.minSigmas = new Float64Array(nd).fill(Number.NaN);
    for (let j = 0; j < nd; j++) {
      const enc = encoding(dists[j]);
      this.encs.push(enc);
      const { low, high } = enc;
      const range = kernelRange(low, high);
      this.ranges[j] = range;
      this.priorLogNorm[j] = logNormaliser(0.5 * (low + high), range, low, high, true);
      this.orders.push(new Uint32Array(0));
    }
    this.touched = new Uint32Array(nd * 3 * MAX_EDITS);
    this.nTouched = new Int32Array(nd);
  }

  /**
   * Brings the kernels to the rows with `slot[row] >= 0` (`count` of them; slot has one entry
   * per table row). False, keeping nothing, when fewer than two rows are in the set (the
   * estimator's special cases): the caller builds the estimator instead.
   */
  update(table: ObservationTable, slot: Int32Array, count: number): boolean {
    if (count < 2) {
      this.generation = -1;
      return false;
    }
    const size = table.rowCount;
    this.reserve(size);
    const nEdits = table.generation === this.generation ? this.diff(slot, size) : -1;
    this.generation = table.generation;
    if (nEdits < 0) this.rebuild(table, slot, size);
    else for (let e = 0; e < nEdits; e++) this.flip(table, this.edits[e]);
    this.refreshSigmas(table);
    return true;
  }

  /**
   * The bad density over the kept rows, `obsWeights` by kernel (slot) index (arrays from `pool`
   * and kept ones: valid until the next update).
   */
  density(obsWeights: Float64Array, slot: Int32Array, pool: ArraySource): BlockedDensity {
    const weights = mixtureWeights(obsWeights, this.options.priorWeight, pool);
    const sorted = this.logBases(weights, slot);
    const blocks = new KernelBlocks(sorted, this.count, this.nd, pool);
    return new BlockedDensity(blocks, this.encs, pool, this.rowsOf(0), slot);
  }

  /** The set's rows of dimension j in (value, trial number) order. */
  rowsOf(j: number): Uint32Array {
    return this.orders[j].subarray(0, this.count);
  }

  /** The kept σ of row r in dimension j (for tests). */
  sigmaOf(r: number, j: number): number {
    return this.rec[r * FIELDS * this.nd + j * FIELDS + 1];
  }

  /** Room for `size` rows in every per-row array. */
  private reserve(size: number): void {
    if (this.member.length >= size) return;
    const cap = size + (size >> 2) + 16;
    const member = new Uint8Array(cap);
    member.set(this.member);
    this.member = member;
    const rec = new Float64Array(cap * FIELDS * this.nd);
    rec.set(this.rec);
    this.rec = rec;
    for (let j = 0; j < this.nd; j++) {
      const o = new Uint32Array(cap);
      o.set(this.orders[j]);
      this.orders[j] = o;
    }
    const packed = new Float64Array((cap + 1) * (2 * this.nd + 1));
    packed.set(this.packed);
    this.packed = packed;
    const logNorms = new Float64Array(cap * this.nd);
    logNorms.set(this.logNorms);
    this.logNorms = logNorms;
  }

  /** The rows whose membership changed, into `edits`; -1 when there are more than MAX_EDITS. */
  private diff(slot: Int32Array, size: number): number {
    const member = this.member;
    let n = 0;
    for (let r = 0; r < size; r++) {
      const inSet = slot[r] >= 0 ? 1 : 0;
      if (inSet === member[r]) continue;
      if (n === MAX_EDITS) return -1;
      this.edits[n++] = r;
    }
    return n;
  }

  /** Every order filtered from the table's, every row's σ to be computed. */
  private rebuild(table: ObservationTable, slot: Int32Array, size: number): void {
    const member = this.member;
    member.fill(0);
    let count = 0;
    for (let r = 0; r < size; r++)
      if (slot[r] >= 0) {
        member[r] = 1;
        this.setRow(table, r);
        count++;
      }
    for (let j = 0; j < this.nd; j++) filterRows(table.sortedRows(j), slot, this.orders[j]);
    this.count = count;
    this.touchedAll = true;
  }

  /** Row r joins the set (or leaves it): one insertion (removal) per order, its neighbours touched. */
  private flip(table: ObservationTable, r: number): void {
    const joins = this.member[r] === 0;
    if (joins) this.setRow(table, r);
    const numbers = table.trialNumbers;
    for (let j = 0; j < this.nd; j++) {
      const order = this.orders[j];
      const p = lowerBound(order, this.count, table.column(j), numbers, r);
      if (j === 0) this.shiftPacked(p, joins, r);
      if (joins) {
        order.copyWithin(p + 1, p, this.count);
        order[p] = r;
        this.touch(j, order, p - 1, this.count + 1);
        this.touch(j, order, p, this.count + 1);
        this.touch(j, order, p + 1, this.count + 1);
      } else {
        order.copyWithin(p, p + 1, this.count);
        this.touch(j, order, p - 1, this.count - 1);
        this.touch(j, order, p, this.count - 1);
      }
    }
    this.member[r] = joins ? 1 : 0;
    this.count += joins ? 1 : -1;
  }

  /**
   * Makes room for row r at position p of the packed kernels (it joins; its μ set, its 1/σ and
   * log-normalisers follow its σ) or closes the gap it leaves there.
   */
  private shiftPacked(p: number, joins: boolean, r: number): void {
    const nd = this.nd;
    const ps = 2 * nd + 1;
    const n = this.count;
    const packed = this.packed;
    if (joins) {
      packed.copyWithin((p + 1) * ps, p * ps, n * ps);
      this.logNorms.copyWithin((p + 1) * nd, p * nd, n * nd);
      const q = r * FIELDS * nd;
      for (let j = 0; j < nd; j++) packed[p * ps + 1 + 2 * j] = this.rec[q + j * FIELDS];
    } else {
      packed.copyWithin(p * ps, (p + 1) * ps, n * ps);
      this.logNorms.copyWithin(p * nd, (p + 1) * nd, n * nd);
    }
  }

  /** Remembers the row at position p of dimension j's order (of n rows), if any. */
  private touch(j: number, order: Uint32Array, p: number, n: number): void {
    if (p < 0 || p >= n) return;
    const t = this.nTouched[j]++;
    if (t < 3 * MAX_EDITS) this.touched[j * 3 * MAX_EDITS + t] = order[p];
  }

  /** A row's μ per dimension, its σ unknown (NaN: computed by the next refresh). */
  private setRow(table: ObservationTable, r: number): void {
    const base = r * FIELDS * this.nd;
    for (let j = 0; j < this.nd; j++) {
      const v = table.column(j)[r];
      this.rec[base + j * FIELDS] = this.encs[j].log ? Math.log(v) : v;
      this.rec[base + j * FIELDS + 1] = Number.NaN;
    }
  }

  /**
   * σ of the touched rows, or of all when the magic clip's floor moved (it depends on the count
   * below 32 kernels) or after a rebuild.
   */
  private refreshSigmas(table: ObservationTable): void {
    const n = this.count;
    const { considerMagicClip, magicClipScale } = this.options;
    const numbers = table.trialNumbers;
    for (let j = 0; j < this.nd; j++) {
      const minSigma = considerMagicClip ? this.ranges[j] / Math.min(100, magicClipScale * (n + 2)) : 1e-12;
      const order = this.orders[j];
      if (this.touchedAll || minSigma !== this.minSigmas[j] || this.nTouched[j] > 3 * MAX_EDITS) {
        this.minSigmas[j] = minSigma;
        for (let p = 0; p < n; p++) this.refreshAt(j, p, minSigma);
        this.repack = true;
      } else
        for (let t = 0; t < this.nTouched[j]; t++) {
          const r = this.touched[j * 3 * MAX_EDITS + t];
          if (this.member[r] === 0) continue;
          const p = lowerBound(order, n, table.column(j), numbers, r);
          if (this.refreshAt(j, p, minSigma) && !this.repack)
            this.packSigma(j === 0 ? p : lowerBound(this.orders[0], n, table.column(0), numbers, r), r, j);
        }
      this.nTouched[j] = 0;
    }
    this.touchedAll = false;
    if (this.repack) this.packAll();
    this.repack = false;
  }

  /** Row r's new 1/σ and log-normaliser of dimension j into the packed kernels (at position p0 of dimension 0). */
  private packSigma(p0: number, r: number, j: number): void {
    const q = r * FIELDS * this.nd + j * FIELDS;
    this.packed[p0 * (2 * this.nd + 1) + 2 + 2 * j] = this.rec[q + 2];
    this.logNorms[p0 * this.nd + j] = this.rec[q + 3] + LOG_SQRT_2PI;
  }

  /** Every kept row's μ, 1/σ and log-normalisers into the packed kernels, in dimension-0 order. */
  private packAll(): void {
    const nd = this.nd;
    const ps = 2 * nd + 1;
    const stride = FIELDS * nd;
    const order = this.orders[0];
    for (let p = 0; p < this.count; p++) {
      const q = order[p] * stride;
      for (let j = 0; j < nd; j++) {
        this.packed[p * ps + 1 + 2 * j] = this.rec[q + j * FIELDS];
        this.packed[p * ps + 2 + 2 * j] = this.rec[q + j * FIELDS + 2];
        this.logNorms[p * nd + j] = this.rec[q + j * FIELDS + 3] + LOG_SQRT_2PI;
      }
    }
  }

  /**
   * σ (and, when it changed, 1/σ and the log-normaliser) of the row at position p of dimension j;
   * whether it changed.
   */
  private refreshAt(j: number, p: number, minSigma: number): boolean {
    const order = this.orders[j];
    const n = this.count;
    const stride = FIELDS * this.nd;
    const { low, high } = this.encs[j];
    const range = this.ranges[j];
    const { considerEndpoints, bandwidthFactor } = this.options;
    const q = order[p] * stride + j * FIELDS;
    const mu = this.rec[q];
    const prev = p > 0 ? this.rec[order[p - 1] * stride + j * FIELDS] : low;
    const next = p + 1 < n ? this.rec[order[p + 1] * stride + j * FIELDS] : high;
    const inner = considerEndpoints || (p > 0 && p < n - 1);
    const sigma = kernelSigma(mu - prev, next - mu, inner, p === 0, bandwidthFactor, minSigma, range);
    if (this.rec[q + 1] === sigma) return false;
    this.rec[q + 1] = sigma;
    this.rec[q + 2] = 1 / sigma;
    this.rec[q + 3] = logNormaliser(mu, sigma, low, high, true);
    return true;
  }

  /**
   * The packed kernels with their log bases for these weights, each summed as the estimator sums
   * it (log weight, then each dimension's constant in order), and the prior after them.
   */
  private logBases(weights: Float64Array, slot: Int32Array): Float64Array {
    const n = this.count;
    const nd = this.nd;
    const ps = 2 * nd + 1;
    const order = this.orders[0];
    const packed = this.packed;
    const logNorms = this.logNorms;
    for (let p = 0, o = 0, f = 0; p < n; p++, o += ps) {
      let v = Math.log(weights[slot[order[p]]]);
      for (let j = 0; j < nd; j++, f++) v -= logNorms[f];
      packed[o] = v;
    }
    let v = Math.log(weights[n]);
    const o = n * ps;
    for (let j = 0; j < nd; j++) {
      const { low, high } = this.encs[j];
      v -= this.priorLogNorm[j] + LOG_SQRT_2PI;
      packed[o + 1 + 2 * j] = 0.5 * (low + high);
      packed[o + 2 + 2 * j] = 1 / this.ranges[j];
    }
    packed[o] = v;
    return packed.subarray(0, (n + 1) * ps);
  }
}

/**
 * The bad density over kept kernels: bounds from {@link KernelBlocks}, and the exact log
 * densities, seldom needed (see {@link bestCandidate}), from the same kernels put back in kernel
 * order, scanned as the estimator scans them.
 */
export class BlockedDensity {
  private byKernel: Float64Array | null = null;

  /** `rows`: the kernels' rows in dimension-0 order; `slot`: each row's kernel index. */
  constructor(
    private readonly blocks: KernelBlocks,
    private readonly encs: readonly NumericEncoding[],
    private readonly pool: ArraySource,
    private readonly rows: Uint32Array,
    private readonly slot: Int32Array,
  ) {}

  /** As {@link ParzenEstimator.logPdfBounds}. */
  logPdfBounds(points: readonly Float64Array[], ll?: Float64Array): { lo: Float64Array; hi: Float64Array } {
    return this.blocks.pointBounds(points, this.encs, BOUNDS_NEGLIGIBLE, this.pool, ll);
  }

  /** As {@link ParzenEstimator.logPdf}. */
  logPdf(points: readonly Float64Array[]): Float64Array {
    return this.logPdfOf(points, allOf(points[0]?.length ?? 0));
  }

  /** As {@link ParzenEstimator.logPdfOf}: the same kernels, seeds and order, so the same numbers. */
  logPdfOf(points: readonly Float64Array[], only: Uint8Array): Float64Array {
    this.byKernel ??= this.blocks.unsorted(this.rows, this.slot, this.pool);
    const nd = this.encs.length;
    const k = this.rows.length + 1;
    const count = points[0]?.length ?? 0;
    const out = this.pool.f64(count).fill(Number.NaN);
    const x = this.pool.f64(nd);
    for (let c = 0; c < count; c++) {
      if (only[c] === 0) continue;
      for (let j = 0; j < nd; j++) x[j] = encode(this.encs[j], points[j][c]);
      const known = k > SEED_ABOVE ? this.blocks.nearbyMax(x) : Number.NEGATIVE_INFINITY;
      out[c] = scanPoint(x, known, this.byKernel, k * (2 * nd + 1), nd);
    }
    return out;
  }
}

/** The rows of `sorted` with slot >= 0, in order, into `out`. */
function filterRows(sorted: Uint32Array, slot: Int32Array, out: Uint32Array): void {
  let k = 0;
  for (let p = 0; p < sorted.length; p++) {
    const r = sorted[p];
    if (slot[r] >= 0) out[k++] = r;
  }
}
