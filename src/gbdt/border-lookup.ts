/**
 * Counting the sorted borders below a value without a branchy binary search: an equal-width grid
 * over the borders' range stores, per cell, how many borders lie in earlier cells; a value's cell
 * then leaves only the few borders of that cell to compare with. Exact for every value, because
 * the cell of a value never decreases as the value grows (subtraction, multiplication by a positive
 * constant and floor all round monotonically), so a border in an earlier cell is always smaller.
 */
export interface BorderLookup {
  readonly borders: Float64Array;
  /** `start[c]`: number of borders in cells before c (length cells + 1). */
  readonly start: Int32Array;
  readonly lo: number;
  /** Cells per unit of value. */
  readonly scale: number;
  readonly cells: number;
}

/** Cells per border: enough that most cells hold zero or one border. */
const CELLS_PER_BORDER = 4;

/** Builds the grid of ascending `borders`. */
export function borderLookup(borders: Float64Array): BorderLookup {
  const n = borders.length;
  const lo = n > 0 ? borders[0] : 0;
  const span = n > 0 ? borders[n - 1] - lo : 0;
  const cells = Math.max(1, CELLS_PER_BORDER * n);
  // a zero or non-finite span puts every border in cell 0 (plain search within it)
  const scale = span > 0 && Number.isFinite(span) && Number.isFinite(cells / span) ? cells / span : 0;
  const start = new Int32Array(cells + 1);
  const lookup = { borders, start, lo, scale, cells };
  for (let i = 0; i < n; i++) start[cellOf(lookup, borders[i]) + 1]++;
  for (let c = 0; c < cells; c++) start[c + 1] += start[c];
  return lookup;
}

function cellOf(l: BorderLookup, v: number): number {
  const x = (v - l.lo) * l.scale;
  // also catches NaN products (infinite v with scale 0 never happens: scale 0 gives x = 0 or NaN)
  if (!(x > 0)) return 0;
  return x >= l.cells ? l.cells - 1 : Math.floor(x);
}

/** Number of borders strictly below `v` (v not NaN); equal to a binary search's answer. */
export function countBelowLookup(l: BorderLookup, v: number): number {
  const c = cellOf(l, v);
  let i = l.start[c];
  const end = l.start[c + 1];
  const b = l.borders;
  if (end - i <= 8) {
    while (i < end && b[i] < v) i++;
    return i;
  }
  let hi = end;
  while (i < hi) {
    const mid = (i + hi) >>> 1;
    if (b[mid] < v) i = mid + 1;
    else hi = mid;
  }
  return i;
}
