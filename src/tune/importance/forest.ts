import type { Rng } from "../rng.js";

/** A node of a regression tree: a split (feature, threshold, children) or a leaf (value). */
export interface TreeNode {
  feature: number;
  threshold: number;
  left: TreeNode | null;
  right: TreeNode | null;
  value: number;
}

/** Options of {@link fitTree}. */
export interface TreeOptions {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
}

/**
 * CART regression tree (Breiman et al. 1984) on row-major x (n×d) over `rows` (repeats allowed,
 * as in a bootstrap sample): each split minimises the children's summed squared error;
 * thresholds are midpoints between distinct sorted values.
 *
 * The rows are sorted by each feature once, and every split partitions those orders stably
 * instead of sorting again at each node (O(n·d) per level instead of O(n·d·log n)). Ties keep
 * the order of the textbook version (a stable sort per feature, each starting from the previous
 * feature's order), so the sums, and hence the chosen splits, are the same to the last bit.
 */
export function fitTree(
  x: Float64Array,
  y: Float64Array,
  d: number,
  rows: readonly number[],
  options: TreeOptions,
  ranks: FeatureRanks = featureRanks(x, d, y.length),
): TreeNode {
  const n = rows.length;
  // the sample by position: its features and targets side by side
  const xs = new Float64Array(n * d);
  const ys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let f = 0; f < d; f++) xs[k * d + f] = x[rows[k] * d + f];
    ys[k] = y[rows[k]];
  }
  // block f < d: positions sorted by feature f (ties as above), by counting the positions per
  // rank of their row; block d: positions in order
  const orders = new Int32Array(n * (d + 1));
  for (let f = 0; f < d; f++) {
    const rank = ranks.rank.subarray(f * ranks.nRows, (f + 1) * ranks.nRows);
    const first = new Int32Array(ranks.nRanks[f] + 1);
    for (let k = 0; k < n; k++) first[rank[rows[k]] + 1]++;
    for (let r = 1; r < first.length; r++) first[r] += first[r - 1];
    for (let k = 0; k < n; k++) orders[f * n + first[rank[rows[k]]]++] = k;
  }
  for (let k = 0; k < n; k++) orders[d * n + k] = k;
  const goesLeft = new Uint8Array(n);
  const spill = new Int32Array(n);

  const grow = (start: number, end: number, depth: number): TreeNode => {
    const count = end - start;
    const byPosition = d * n;
    let sum = 0;
    for (let k = start; k < end; k++) sum += ys[orders[byPosition + k]];
    const value = sum / count;
    const leaf: TreeNode = { feature: -1, threshold: 0, left: null, right: null, value };
    if (depth >= options.maxDepth || count < options.minSamplesSplit) return leaf;
    let sumSq = 0;
    for (let k = start; k < end; k++) {
      const v = ys[orders[byPosition + k]];
      sumSq += v * v;
    }
    const parentSse = sumSq - (sum * sum) / count;
    let bestGain = 1e-12;
    let bestFeature = -1;
    let bestThreshold = 0;
    for (let f = 0; f < d; f++) {
      const o = f * n;
      let leftSum = 0;
      let leftSq = 0;
      for (let k = start; k < end - 1; k++) {
        const yk = ys[orders[o + k]];
        leftSum += yk;
        leftSq += yk * yk;
        const nl = k - start + 1;
        const nr = count - nl;
        const xa = xs[orders[o + k] * d + f];
        const xb = xs[orders[o + k + 1] * d + f];
        if (xa === xb || nl < options.minSamplesLeaf || nr < options.minSamplesLeaf) continue;
        const rightSum = sum - leftSum;
        const sse = leftSq - (leftSum * leftSum) / nl + (sumSq - leftSq) - (rightSum * rightSum) / nr;
        const gain = parentSse - sse;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestThreshold = 0.5 * (xa + xb);
        }
      }
    }
    if (bestFeature < 0) return leaf;
    let nLeft = 0;
    for (let k = start; k < end; k++) {
      const p = orders[byPosition + k];
      const left = xs[p * d + bestFeature] <= bestThreshold;
      goesLeft[p] = left ? 1 : 0;
      if (left) nLeft++;
    }
    // stable partition of every order: the left child's positions first
    for (let b = 0; b <= d; b++) {
      const o = b * n;
      let l = o + start;
      let r = 0;
      for (let k = start; k < end; k++) {
        const p = orders[o + k];
        if (goesLeft[p]) orders[l++] = p;
        else spill[r++] = p;
      }
      for (let k = 0; k < r; k++) orders[l + k] = spill[k];
    }
    return {
      feature: bestFeature,
      threshold: bestThreshold,
      left: grow(start, start + nLeft, depth + 1),
      right: grow(start + nLeft, end, depth + 1),
      value,
    };
  };
  return grow(0, n, 0);
}

/**
 * Each row's rank by feature f and, among equal values, by the features before it (f − 1, ...,
 * 0): the order a stable sort per feature, each starting from the previous feature's order,
 * gives. Rows equal in all of those share a rank; a tree orders them by their position.
 */
export interface FeatureRanks {
  readonly nRows: number;
  /** `rank[f · nRows + row]`. */
  readonly rank: Int32Array;
  /** Distinct ranks per feature. */
  readonly nRanks: Int32Array;
}

/** {@link FeatureRanks} of the `n` rows of row-major x (n×d): d sorts for a whole forest. */
export function featureRanks(x: Float64Array, d: number, n: number): FeatureRanks {
  const rank = new Int32Array(n * d);
  const nRanks = new Int32Array(d);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let f = 0; f < d; f++) {
    order.sort((a, b) => x[a * d + f] - x[b * d + f]);
    let r = -1;
    for (let k = 0; k < n; k++) {
      let same = k > 0;
      for (let g = f; same && g >= 0; g--) same = x[order[k] * d + g] === x[order[k - 1] * d + g];
      if (!same) r++;
      rank[f * n + order[k]] = r;
    }
    nRanks[f] = r + 1;
  }
  return { nRows: n, rank, nRanks };
}

/** A random forest: `nTrees` trees, each on a bootstrap sample of the rows (Breiman 2001). */
export function fitForest(
  x: Float64Array,
  y: Float64Array,
  d: number,
  nTrees: number,
  options: TreeOptions,
  rng: Rng,
): TreeNode[] {
  const n = y.length;
  const ranks = featureRanks(x, d, n);
  const trees: TreeNode[] = [];
  for (let t = 0; t < nTrees; t++) {
    const rows = Array.from({ length: n }, () => rng.int(n));
    trees.push(fitTree(x, y, d, rows, options, ranks));
  }
  return trees;
}
