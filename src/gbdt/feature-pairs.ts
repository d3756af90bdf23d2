/**
 * Pairs of features histogrammed together. Adding a row to a histogram costs about the same for
 * any feature, and the target statistics that categorical columns turn into have 16 bins each:
 * two such features in one histogram of 16 x 16 joint bins take one addition per row instead of
 * two. Each feature's own histogram is then the sum of the joint one over the other feature (a
 * fixed cost per leaf, which pays off once leaves hold many more rows than joint bins).
 */

/** Features grouped in histograms of their joint bins. */
export interface FeaturePairs {
  /** Number of groups. */
  readonly count: number;
  /** First feature of each group. */
  readonly first: Int32Array;
  /** Second feature of each group, -1 when the group holds one feature. */
  readonly second: Int32Array;
  /** First joint bin of each group (length count + 1); a pair's bin is `b1 * nBins2 + b2`. */
  readonly cellOff: Int32Array;
}

/**
 * Pairs features whose joint bins number at most `maxCells`, fewest bins first (each with the next
 * one), leaving the rest alone.
 */
export function pairFeatures(nBins: ArrayLike<number>, maxCells: number): FeaturePairs {
  const order = Array.from({ length: nBins.length }, (_, i) => i).sort(
    (a, b) => nBins[a] - nBins[b] || a - b,
  );
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const a = order[i];
    const b = order[i + 1];
    if (b !== undefined && nBins[a] * nBins[b] <= maxCells) {
      first.push(a);
      second.push(b);
      i++;
    } else {
      first.push(a);
      second.push(-1);
    }
  }
  const cellOff = new Int32Array(first.length + 1);
  for (let g = 0; g < first.length; g++)
    cellOff[g + 1] = cellOff[g] + nBins[first[g]] * (second[g] >= 0 ? nBins[second[g]] : 1);
  return { count: first.length, first: Int32Array.from(first), second: Int32Array.from(second), cellOff };
}

/**
 * Per-feature histograms of one leaf slot from its joint ones: `hist` (the slot's region, zero) gets,
 * at feature f's bins `offsets[f]..`, the sums of `cells` (the slot's joint region) over the other
 * feature of f's group. Both hold `2 * dims` values per bin (gradient, hessian per dimension).
 */
export function marginalize(
  pairs: FeaturePairs,
  nBins: ArrayLike<number>,
  offsets: Int32Array,
  dims: number,
  cells: Float64Array,
  cellBase: number,
  hist: Float64Array,
  histBase: number,
): void {
  const stride = 2 * dims;
  for (let g = 0; g < pairs.count; g++) {
    const fa = pairs.first[g];
    const fb = pairs.second[g];
    const na = nBins[fa];
    const c0 = cellBase + pairs.cellOff[g] * stride;
    const ha = histBase + offsets[fa] * stride;
    if (fb < 0) {
      hist.set(cells.subarray(c0, c0 + na * stride), ha);
      continue;
    }
    const nb = nBins[fb];
    const hb = histBase + offsets[fb] * stride;
    let c = c0;
    for (let ia = 0; ia < na; ia++) {
      const oa = ha + ia * stride;
      for (let ib = 0; ib < nb; ib++, c += stride) {
        const ob = hb + ib * stride;
        for (let k = 0; k < stride; k++) {
          const v = cells[c + k];
          hist[oa + k] += v;
          hist[ob + k] += v;
        }
      }
    }
  }
}
