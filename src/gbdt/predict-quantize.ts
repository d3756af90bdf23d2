/**
 * Quantising new rows for prediction: each loop is its own small function so that the JIT
 * compiles it for the few array types it sees (one closure over every source kind was slower).
 */
import type { BorderLookup } from "./border-lookup.js";

/**
 * `q[i]` = number of thresholds below `x[i]` (`nan` for a missing value): `countBelowLookup` for
 * every row, written out here with the grid's fields in locals (2.7x faster than a call per row,
 * which reloads them from the object each time).
 */
export function quantizeFloats(
  x: Float64Array,
  look: BorderLookup,
  nan: number,
  q: Uint8Array | Uint16Array,
  n: number,
): void {
  const { borders, start, lo, scale, cells } = look;
  const lastCell = cells - 1;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (Number.isNaN(v)) {
      q[i] = nan;
      continue;
    }
    // the cell as cellOf() computes it (NaN products land in cell 0)
    const at = (v - lo) * scale;
    const c = at > 0 ? (at >= cells ? lastCell : Math.floor(at)) : 0;
    let k = start[c];
    let end = start[c + 1];
    if (end - k > 8) {
      while (k < end) {
        const mid = (k + end) >>> 1;
        if (borders[mid] < v) k = mid + 1;
        else end = mid;
      }
    } else {
      while (k < end && borders[k] < v) k++;
    }
    q[i] = k;
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
 * {@link lookupCategories} into the byte column that starts at word `at` of `q` (little-endian:
 * byte j of a word is row 4w + j; the column is zero past row n), four rows per store: about
 * half the time of a store per row.
 */
export function lookupCategoryWords(
  lut: Uint16Array,
  ix: Int32Array,
  q: Uint32Array,
  at: number,
  n: number,
): void {
  const full = n >>> 2;
  for (let w = 0; w < full; w++) {
    const i = w << 2;
    q[at + w] = lut[ix[i]] | (lut[ix[i + 1]] << 8) | (lut[ix[i + 2]] << 16) | (lut[ix[i + 3]] << 24);
  }
  for (let i = full << 2; i < n; i++) q[at + (i >>> 2)] |= lut[ix[i]] << ((i & 3) << 3);
}

/**
 * The categories a model knows of one column, for looking rows up. A Map hashes every character of
 * each new string it is asked about; this small table first tries the slot given by the length and
 * the first and last characters, and asks the Map only when that slot holds another string.
 */
export interface CategoryTable {
  /** Index of every known category. */
  readonly known: Map<string | null, number>;
  /** Slot contents (null: empty) and their indexes. */
  readonly keys: (string | null)[];
  readonly index: Int32Array;
  readonly mask: number;
}

const slotHash = (s: string): number => s.length * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(s.length - 1);

/** The table of `known` (category -> index). */
export function categoryTable(known: Map<string | null, number>): CategoryTable {
  let size = 8;
  while (size < 4 * known.size) size *= 2;
  const keys = new Array<string | null>(size).fill(null);
  const index = new Int32Array(size);
  for (const [cat, i] of known) {
    if (cat === null || cat.length === 0) continue;
    const h = slotHash(cat) & (size - 1);
    // the first category keeps a shared slot; the others are found through the Map
    if (keys[h] === null) {
      keys[h] = cat;
      index[h] = i;
    }
  }
  return { known, keys, index, mask: size - 1 };
}

/**
 * Index of each row's category in `table` (`other` for any other category). Consecutive rows
 * often hold the same text, and comparing with the previous row's string is cheaper still.
 */
export function categoryIndexesOf(
  col: readonly (string | null)[],
  table: CategoryTable,
  other: number,
  out: Int32Array,
  n: number,
): void {
  const { known, keys, index, mask } = table;
  let prev: string | null | undefined;
  let prevIndex = other;
  for (let i = 0; i < n; i++) {
    const s = col[i];
    if (s !== prev) {
      prev = s;
      if (s !== null && s.length > 0) {
        const h = slotHash(s) & mask;
        prevIndex = keys[h] === s ? index[h] : (known.get(s) ?? other);
      } else prevIndex = known.get(s) ?? other;
    }
    out[i] = prevIndex;
  }
}
