import { borderLookup, countBelowLookup } from "./border-lookup.js";
import { InvalidDataError } from "./errors.js";
import { Rng } from "./rng.js";

/** A numeric feature cut into bins: the kernels only ever see `bins`. */
export interface QuantizedColumn {
  /** Ascending borders; a value v falls right of border b when v > b. */
  readonly borders: Float64Array;
  /** Whether the column had missing values (then one bin holds them). */
  readonly hasNan: boolean;
  /** Bin of each row. */
  readonly bins: Uint8Array | Uint16Array;
  /** Number of bins (borders + 1, + 1 for missing values). */
  readonly nBins: number;
}

/** CatBoost computes borders on a sample of at most this many rows; so do we. */
const MAX_BORDER_SAMPLE = 200_000;

/**
 * Borders for one numeric column. "Median" gives bins of about equal row counts without ever
 * separating equal values; "Uniform" gives equal-width bins. With few distinct values every gap
 * between neighbours gets a border (at the midpoint, as CatBoost places them).
 */
export function computeBorders(
  values: Float64Array,
  borderCount: number,
  type: "Median" | "Uniform",
  seed = 0,
): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  // without missing values a sample reads the column itself (sorting below needs a copy)
  let present = values;
  if (n < values.length || n <= MAX_BORDER_SAMPLE) {
    present = new Float64Array(n);
    n = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present[n++] = values[i];
  }
  if (present.length > MAX_BORDER_SAMPLE) {
    const rng = new Rng(seed);
    const s = new Float64Array(MAX_BORDER_SAMPLE);
    for (let i = 0; i < s.length; i++) s[i] = present[rng.int(present.length)];
    present = s;
  }
  if (present.length === 0) return new Float64Array(0);
  present.sort();
  const { uniq, counts } = distinct(present);
  const u = uniq.length;
  if (u <= 1) return new Float64Array(0);
  if (u - 1 <= borderCount) {
    const b = new Float64Array(u - 1);
    for (let i = 0; i < u - 1; i++) b[i] = midpoint(uniq[i], uniq[i + 1]);
    return b;
  }
  if (type === "Uniform") {
    const lo = uniq[0];
    const hi = uniq[u - 1];
    const b = new Float64Array(borderCount);
    for (let i = 0; i < borderCount; i++) b[i] = lo + ((hi - lo) * (i + 1)) / (borderCount + 1);
    return b;
  }
  // equal frequency: cut after a distinct value once the running count reaches the share of the
  // rows still to place per remaining bin (heavy values then take a bin of their own)
  const out: number[] = [];
  let remainingRows = present.length;
  let inBin = 0;
  for (let i = 0; i < u - 1 && out.length < borderCount; i++) {
    inBin += counts[i];
    const binsLeft = borderCount + 1 - out.length;
    const target = remainingRows / binsLeft;
    if (inBin >= target || u - 1 - i <= borderCount - out.length) {
      out.push(midpoint(uniq[i], uniq[i + 1]));
      remainingRows -= inBin;
      inBin = 0;
    }
  }
  return Float64Array.from(out);
}

/** Distinct values of sorted `v` and how often each occurs. */
function distinct(v: Float64Array): { uniq: Float64Array; counts: Int32Array } {
  let u = 0;
  for (let i = 0; i < v.length; i++) if (i === 0 || v[i] !== v[i - 1]) u++;
  const uniq = new Float64Array(u);
  const counts = new Int32Array(u);
  let k = -1;
  for (let i = 0; i < v.length; i++) {
    if (i === 0 || v[i] !== v[i - 1]) uniq[++k] = v[i];
    counts[k]++;
  }
  return { uniq, counts };
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m < b ? m : a;
}

/**
 * Bins of a numeric column for the given borders. "Min": missing values take bin 0 (left of every
 * split), "Max": the last bin (right of every split), "Forbidden": a missing value is an error.
 */
export function binColumn(
  name: string,
  values: Float64Array,
  borders: Float64Array,
  nanMode: "Min" | "Max" | "Forbidden",
): QuantizedColumn {
  const n = values.length;
  const nanAt = firstNaN(values);
  const hasNan = nanAt >= 0;
  if (hasNan && nanMode === "Forbidden")
    throw new InvalidDataError(
      `numeric feature "${name}" has a missing value in row ${nanAt} (nanMode Forbidden)`,
      name,
    );
  const nBins = borders.length + 1 + (hasNan ? 1 : 0);
  const bins = nBins <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  binInto(values, borders, hasNan, nanMode, bins);
  return { borders, hasNan, bins, nBins };
}

/** Index of the first NaN, or -1. */
function firstNaN(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return i;
  return -1;
}

/**
 * Writes the bin of each value into `out`, laid out as for a learn column that had (`hasNan`) or
 * had not missing values: with "Min" a missing value lands left of every split, with "Max" right.
 */
export function binInto(
  values: Float64Array,
  borders: Float64Array,
  hasNan: boolean,
  nanMode: "Min" | "Max" | "Forbidden",
  out: Uint8Array | Uint16Array,
): void {
  const m = borders.length;
  const shift = hasNan && nanMode === "Min" ? 1 : 0;
  const nanBin = nanMode === "Min" ? 0 : hasNan ? m + 1 : m;
  if (values.length < 64 * m) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = Number.isNaN(v) ? nanBin : shift + countBelow(borders, v);
    }
    return;
  }
  // many values per border: a grid lookup beats the binary search's unpredictable branches
  const lookup = borderLookup(borders);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? nanBin : shift + countBelowLookup(lookup, v);
  }
}

/**
 * Equal-width borders over the range of `values` (no NaN; CatBoost's Uniform CTR borders) and
 * the bin of each value: what binColumn(values, those borders, "Min") gives, computed from each
 * value's grid position then corrected against the borders, so exact.
 */
export function binUniform(values: Float64Array, count: number): QuantizedColumn {
  const lo = minOf(values);
  const hi = maxOf(values);
  const n = values.length;
  const bins = new Uint8Array(n);
  if (!(hi > lo)) return { borders: new Float64Array(0), hasNan: false, bins, nBins: 1 };
  const borders = new Float64Array(count);
  for (let i = 0; i < count; i++) borders[i] = lo + ((hi - lo) * (i + 1)) / (count + 1);
  binByGrid(values, borders, lo, (count + 1) / (hi - lo), bins);
  return { borders, hasNan: false, bins, nBins: count + 1 };
}

function minOf(v: Float64Array): number {
  let lo = Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] < lo) lo = v[i];
  return lo;
}

function maxOf(v: Float64Array): number {
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > hi) hi = v[i];
  return hi;
}

/** Borders below each value, starting from its cell in the equal-width grid (lo, scale). */
function binByGrid(values: Float64Array, b: Float64Array, lo: number, scale: number, out: Uint8Array): void {
  const count = b.length;
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    const x = Math.floor((v - lo) * scale);
    // (a NaN grid position, from an infinite range, starts at 0: the walk below stays exact)
    let i = x > 0 ? Math.min(x, count) : 0;
    while (i > 0 && b[i - 1] >= v) i--;
    while (i < count && b[i] < v) i++;
    out[j] = i;
  }
}

/** Number of borders strictly below v (binary search). */
export function countBelow(borders: Float64Array, v: number): number {
  let lo = 0;
  let hi = borders.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (borders[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
