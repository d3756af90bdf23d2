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
 * CART regression tree (Breiman et al. 1984) on row-major x (n×d): each split minimises the
 * children's summed squared error; thresholds are midpoints between distinct sorted values.
 */
export function fitTree(
  x: Float64Array,
  y: Float64Array,
  d: number,
  rows: number[],
  options: TreeOptions,
  depth = 0,
): TreeNode {
  let sum = 0;
  for (const r of rows) sum += y[r];
  const value = sum / rows.length;
  const leaf: TreeNode = { feature: -1, threshold: 0, left: null, right: null, value };
  if (depth >= options.maxDepth || rows.length < options.minSamplesSplit) return leaf;
  let bestGain = 1e-12;
  let bestFeature = -1;
  let bestThreshold = 0;
  let sumSq = 0;
  for (const r of rows) sumSq += y[r] * y[r];
  const parentSse = sumSq - (sum * sum) / rows.length;
  const order = rows.slice();
  for (let f = 0; f < d; f++) {
    order.sort((a, b) => x[a * d + f] - x[b * d + f]);
    let leftSum = 0;
    let leftSq = 0;
    for (let k = 0; k < order.length - 1; k++) {
      const yk = y[order[k]];
      leftSum += yk;
      leftSq += yk * yk;
      const nl = k + 1;
      const nr = order.length - nl;
      const xa = x[order[k] * d + f];
      const xb = x[order[k + 1] * d + f];
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
  const left = rows.filter((r) => x[r * d + bestFeature] <= bestThreshold);
  const right = rows.filter((r) => x[r * d + bestFeature] > bestThreshold);
  return {
    feature: bestFeature,
    threshold: bestThreshold,
    left: fitTree(x, y, d, left, options, depth + 1),
    right: fitTree(x, y, d, right, options, depth + 1),
    value,
  };
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
  const trees: TreeNode[] = [];
  for (let t = 0; t < nTrees; t++) {
    const rows = Array.from({ length: n }, () => rng.int(n));
    trees.push(fitTree(x, y, d, rows, options));
  }
  return trees;
}
