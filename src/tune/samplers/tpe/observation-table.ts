import type { Distribution, ParamValue } from "../../distributions.js";
import type { FrozenTrial } from "../../frozen-trial.js";
import { ArrayPool } from "./array-pool.js";
import type { KernelMemo } from "./parzen-estimator.js";

/**
 * TPE's observations of one search space, kept across suggestions so that a suggestion costs
 * O(n) instead of O(n log n) with large constants: each trial's internal values are read once,
 * and every numeric dimension keeps its rows sorted (by value, then trial number), updated by one
 * insertion per new trial. A Parzen estimator over any subset of rows then gets its bandwidths
 * from one filtered walk of these orders, without sorting.
 *
 * Rows are never removed: a trial that is no longer passed to {@link sync} (it failed) is simply
 * not active. A trial's values cannot change once all of the space's parameters are set, so a row
 * is valid for the trial's whole life; a row whose trial id now carries other values (a study
 * recreated under the same name) resets the table.
 */
export class ObservationTable {
  /** Internal values, one column per dimension, `size` rows. */
  private cols: Float64Array[];
  private numbers = new Float64Array(16);
  /** Per numeric dimension: rows sorted by (value, trial number); null for categorical ones. */
  private sorted: (Uint32Array | null)[];
  private size = 0;
  private resets = 0;
  private readonly rowOf = new Map<number, number>();
  /** The params object last seen for each row: the same object means the same values. */
  private paramsSeen: (Readonly<Record<string, ParamValue>> | null)[] = [];
  /** Finished trials that lack a parameter of the space (they never gain one). */
  private readonly unusable = new Set<number>();
  private readonly scratch: Float64Array;
  /** The last {@link sync}'s trials by position and their rows: a snapshot seen there again skips the lookups. */
  private readonly lastTrials: (FrozenTrial | undefined)[] = [];
  private lastRows = new Int32Array(16);
  private rowsOut = new Uint32Array(16);
  /** Per position of the last {@link sync}: the snapshot's {@link plainValue}. */
  private lastValues = new Float64Array(16);
  private valuesOut = new Float64Array(16);
  /** Per numeric dimension, per row: {@link KernelMemo}'s σ and log-normaliser. */
  private memoSigma: (Float64Array | null)[];
  private memoLogNorm: (Float64Array | null)[];

  constructor(
    readonly names: readonly string[],
    readonly dists: readonly Distribution[],
  ) {
    this.cols = dists.map(() => new Float64Array(16));
    this.sorted = dists.map((d) => (d.kind === "categorical" ? null : new Uint32Array(16)));
    this.scratch = new Float64Array(dists.length);
    this.memoSigma = dists.map((d) =>
      d.kind === "categorical" ? null : new Float64Array(16).fill(Number.NaN),
    );
    this.memoLogNorm = dists.map((d) => (d.kind === "categorical" ? null : new Float64Array(16)));
  }

  /**
   * The kernel memo for an estimator whose kernel i is row `rows[i]`. A row's remembered σ
   * belongs to whichever estimator saw it last; a mismatch only recomputes.
   */
  memo(rows: Uint32Array): KernelMemo {
    return { rows, sigma: this.memoSigma, logNorm: this.memoLogNorm };
  }

  /** Number of rows (trials ever seen with all parameters of the space). */
  get rowCount(): number {
    return this.size;
  }

  /** Counts the resets: rows keep their values until the next one. */
  get generation(): number {
    return this.resets;
  }

  /** Dimension j's internal values by row (valid until the next {@link sync}). */
  column(j: number): Float64Array {
    return this.cols[j];
  }

  /** The trial number of each row (valid until the next {@link sync}). */
  get trialNumbers(): Float64Array {
    return this.numbers;
  }

  /** Numeric dimension j's rows sorted by (value, trial number) (valid until the next {@link sync}). */
  sortedRows(j: number): Uint32Array {
    return this.sorted[j]!.subarray(0, this.size);
  }

  /**
   * Folds `trials` (ordered by number) into the table and returns the usable ones, still in number
   * order, with their row indices and, when all are plain COMPLETE trials, their values (valid
   * until the next call). `excludeTrialId` (the trial being sampled) is skipped.
   */
  sync(trials: readonly FrozenTrial[], excludeTrialId: number): SyncResult {
    const out: FrozenTrial[] = [];
    if (this.rowsOut.length < trials.length) {
      this.rowsOut = new Uint32Array(trials.length + (trials.length >> 2) + 16);
      this.valuesOut = new Float64Array(this.rowsOut.length);
    }
    if (this.lastRows.length < trials.length) {
      const wider = new Int32Array(trials.length + (trials.length >> 2) + 16);
      wider.set(this.lastRows);
      this.lastRows = wider;
      const values = new Float64Array(wider.length);
      values.set(this.lastValues);
      this.lastValues = values;
    }
    const rows = this.rowsOut;
    const values = this.valuesOut;
    const last = this.lastTrials;
    let plain = true;
    for (let i = 0; i < trials.length; i++) {
      const t = trials[i];
      if (t.trialId === excludeTrialId) continue;
      // The same snapshot at the same place as last time has the same row (or none).
      const same = last[i] === t;
      const r = same ? this.lastRows[i] : this.rowFor(t);
      if (r === RESET) {
        this.reset();
        return this.sync(trials, excludeTrialId);
      }
      if (!same) this.lastValues[i] = plainValue(t);
      last[i] = t;
      this.lastRows[i] = r;
      if (r === NONE) continue;
      values[out.length] = this.lastValues[i];
      if (Number.isNaN(this.lastValues[i])) plain = false;
      rows[out.length] = r;
      out.push(t);
    }
    const n = out.length;
    return { trials: out, rows: rows.subarray(0, n), values: plain ? values.subarray(0, n) : null };
  }

  /** The trial's row, inserted if new; NONE when it lacks a parameter, RESET when its values changed. */
  private rowFor(t: FrozenTrial): number {
    const r = this.rowOf.get(t.trialId);
    if (r !== undefined) {
      if (this.paramsSeen[r] !== t.params) {
        // Another snapshot of the trial: check that it still holds the row's values.
        if (!this.read(t) || !this.sameAsRow(r, t.number)) return RESET;
        this.paramsSeen[r] = t.params;
      }
      return r;
    }
    if (this.unusable.has(t.trialId)) return NONE;
    if (!this.read(t)) {
      if (t.state !== "RUNNING") this.unusable.add(t.trialId);
      return NONE;
    }
    return this.insert(t);
  }

  /**
   * Columns and per-dimension ascending orders (ties by kernel index) of the rows whose
   * `slot[row] >= 0`, placed at their slot: what {@link ParzenEstimator} takes (arrays from `pool`).
   */
  gather(
    slot: Int32Array,
    count: number,
    pool = new ArrayPool(),
  ): { columns: Float64Array[]; orders: (Uint32Array | null)[] } {
    const columns: Float64Array[] = [];
    const orders: (Uint32Array | null)[] = [];
    for (let j = 0; j < this.dists.length; j++) {
      const src = this.cols[j];
      const col = pool.f64(count);
      columns.push(col);
      const sorted = this.sorted[j];
      if (sorted === null) {
        for (let r = 0; r < this.size; r++) if (slot[r] >= 0) col[slot[r]] = src[r];
        orders.push(null);
        continue;
      }
      // One walk of the sorted rows fills the column and its order.
      const order = pool.u32(count);
      let k = 0;
      for (let p = 0; p < this.size; p++) {
        const r = sorted[p];
        const s = slot[r];
        if (s >= 0) {
          col[s] = src[r];
          order[k++] = s;
        }
      }
      // Rows of equal value are ordered by trial number, and slots follow trial number.
      orders.push(order);
    }
    return { columns, orders };
  }

  /**
   * {@link gather} of the rows `rows` (kernel i is row rows[i], rows in trial-number order). A few
   * rows (TPE's good trials) are sorted directly instead of walking every row of the table.
   */
  gatherRows(
    rows: Uint32Array,
    pool = new ArrayPool(),
  ): { columns: Float64Array[]; orders: (Uint32Array | null)[] } {
    const count = rows.length;
    if (count * FEW_ROWS > this.size) {
      const slot = pool.i32(this.size).fill(-1);
      for (let i = 0; i < count; i++) slot[rows[i]] = i;
      return this.gather(slot, count, pool);
    }
    const columns: Float64Array[] = [];
    const orders: (Uint32Array | null)[] = [];
    for (let j = 0; j < this.dists.length; j++) {
      const src = this.cols[j];
      const col = pool.f64(count);
      for (let i = 0; i < count; i++) col[i] = src[rows[i]];
      columns.push(col);
      if (this.sorted[j] === null) {
        orders.push(null);
        continue;
      }
      // Insertion sort by (value, kernel index): kernel order is trial-number order, so this is
      // the table's (value, number) order.
      const order = pool.u32(count);
      for (let i = 0; i < count; i++) {
        const v = col[i];
        let p = i;
        while (p > 0 && col[order[p - 1]] > v) {
          order[p] = order[p - 1];
          p--;
        }
        order[p] = i;
      }
      orders.push(order);
    }
    return { columns, orders };
  }

  /** Reads the trial's internal values into `scratch`; false when one is missing or out of range. */
  private read(t: FrozenTrial): boolean {
    for (let j = 0; j < this.names.length; j++) {
      const d = this.dists[j];
      const v = t.params[this.names[j]];
      const tDist = t.distributions[this.names[j]];
      if (v === undefined || tDist === undefined || tDist.kind !== d.kind || !inRange(d, v)) return false;
      this.scratch[j] = d.toInternal(v);
    }
    return true;
  }

  private sameAsRow(r: number, number: number): boolean {
    if (this.numbers[r] !== number) return false;
    for (let j = 0; j < this.cols.length; j++) if (!Object.is(this.cols[j][r], this.scratch[j])) return false;
    return true;
  }

  /** Appends the values in `scratch` as a new row and inserts it into each sorted order. */
  private insert(t: FrozenTrial): number {
    const r = this.size;
    if (r === this.numbers.length) this.grow();
    this.numbers[r] = t.number;
    for (let j = 0; j < this.cols.length; j++) {
      const col = this.cols[j];
      col[r] = this.scratch[j];
      const sorted = this.sorted[j];
      if (sorted === null) continue;
      const lo = lowerBound(sorted, r, col, this.numbers, r);
      sorted.copyWithin(lo + 1, lo, r);
      sorted[lo] = r;
    }
    this.size++;
    this.rowOf.set(t.trialId, r);
    this.paramsSeen[r] = t.params;
    return r;
  }

  private grow(): void {
    const cap = this.numbers.length * 2;
    const widen = <T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.numbers = widen(this.numbers, (n) => new Float64Array(n));
    this.cols = this.cols.map((c) => widen(c, (n) => new Float64Array(n)));
    this.sorted = this.sorted.map((s) => (s === null ? null : widen(s, (n) => new Uint32Array(n))));
    this.memoSigma = this.memoSigma.map((s) =>
      s === null ? null : widen(s, (n) => new Float64Array(n).fill(Number.NaN)),
    );
    this.memoLogNorm = this.memoLogNorm.map((s) =>
      s === null ? null : widen(s, (n) => new Float64Array(n)),
    );
  }

  private reset(): void {
    this.resets++;
    this.lastTrials.length = 0;
    this.size = 0;
    this.rowOf.clear();
    this.unusable.clear();
    this.paramsSeen = [];
    for (const s of this.memoSigma) s?.fill(Number.NaN);
  }
}

/** What {@link ObservationTable.sync} returns (arrays valid until the next call). */
export interface SyncResult {
  /** The usable trials, in number order. */
  trials: FrozenTrial[];
  /** Their rows. */
  rows: Uint32Array;
  /**
   * Their values when every one is a COMPLETE trial without constraints with one finite value:
   * all a single-objective split needs (see {@link splitByValue}); null otherwise.
   */
  values: Float64Array | null;
}

/** The trial's only value if it is COMPLETE, without constraints and finite, else NaN. */
function plainValue(t: FrozenTrial): number {
  if (t.state !== "COMPLETE" || t.hasConstraints || t.values === null || t.values.length !== 1)
    return Number.NaN;
  const v = t.values[0];
  return Number.isFinite(v) ? v : Number.NaN;
}

/** {@link ObservationTable.gatherRows} sorts when the rows are fewer than 1/FEW_ROWS of the table. */
const FEW_ROWS = 16;
/** {@link ObservationTable.rowFor}: the trial has no row; the table must start over. */
const NONE = -1;
const RESET = -2;

function inRange(d: Distribution, v: ParamValue): boolean {
  if (d.kind === "categorical") return d.choices.includes(v as never);
  return typeof v === "number" && v >= d.low && v <= d.high;
}

/** The first position of `order` (n rows) whose row does not sort before row r by (value, number). */
export function lowerBound(
  order: Uint32Array,
  n: number,
  col: Float64Array,
  numbers: Float64Array,
  r: number,
): number {
  const v = col[r];
  const num = numbers[r];
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = order[mid];
    if (col[m] < v || (col[m] === v && numbers[m] < num)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
