/**
 * Quantising new rows for prediction: each loop is its own small function so that the JIT
 * compiles it for the few array types it sees (one closure over every source kind was slower).
 */
import { type BorderLookup, countBelowLookup } from "./border-lookup.js";

/** `q[i]` = number of thresholds below `x[i]` (`nan` for a missing value). */
export function quantizeFloats(
  x: Float64Array,
  look: BorderLookup,
  nan: number,
  q: Uint8Array | Uint16Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    const v = x[i];
    q[i] = Number.isNaN(v) ? nan : countBelowLookup(look, v);
  }
}

/** `q[i]` = `lut[ix[i]]`: a categorical source's value for each row's category index. */
export function lookupCategories(
  lut: Uint16Array,
  ix: Int32Array,
  q: Uint8Array | Uint16Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) q[i] = lut[ix[i]];
}

/**
 * Index of each row's category among `known` (`other` for any other category). Consecutive rows
 * often hold the same text, and comparing with the previous row's string is cheaper than hashing.
 */
export function categoryIndexesOf(
  col: readonly (string | null)[],
  known: Map<string | null, number>,
  other: number,
  out: Int32Array,
  n: number,
): void {
  let prev: string | null | undefined;
  let prevIndex = other;
  for (let i = 0; i < n; i++) {
    const s = col[i];
    if (s !== prev) {
      prev = s;
      prevIndex = known.get(s) ?? other;
    }
    out[i] = prevIndex;
  }
}
