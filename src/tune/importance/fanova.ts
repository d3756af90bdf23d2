import type { Distribution } from "../distributions.js";
import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import { Rng } from "../rng.js";
import { UnitSpace } from "../samplers/unit-space.js";
import type { ImportanceEvaluator } from "./evaluator.js";
import { fitForest, type TreeNode } from "./forest.js";

/** Options of {@link FanovaImportanceEvaluator}. */
export interface FanovaImportanceEvaluatorOptions {
  /** Trees in the forest. Default 64. */
  nTrees?: number;
  /** Maximum depth of each tree. Default 64. */
  maxDepth?: number;
  /** Seed of the bootstrap samples. Default: random. */
  seed?: number;
}

/**
 * fANOVA (Hutter, Hoos & Leyton-Brown, "An efficient approach for assessing hyperparameter
 * importance", ICML 2014): fits a random forest to (parameters → objective) in the unit cube of
 * the shared encoding (categoricals on their index), and for each tree decomposes the variance of
 * its piecewise-constant prediction over the whole box; a parameter's importance is the variance
 * of its marginal (the prediction averaged over all other parameters) as a fraction of the total,
 * averaged over trees.
 *
 * @example
 * const importances = getParamImportances(study, { evaluator: new FanovaImportanceEvaluator({ seed: 0 }) });
 */
export class FanovaImportanceEvaluator implements ImportanceEvaluator {
  private readonly nTrees: number;
  private readonly maxDepth: number;
  private readonly seed: number | undefined;

  constructor(options: FanovaImportanceEvaluatorOptions = {}) {
    const { nTrees = 64, maxDepth = 64, seed } = options;
    if (!Number.isInteger(nTrees) || nTrees < 1)
      throw new InvalidArgumentError(
        `FanovaImportanceEvaluator: nTrees must be an integer >= 1, got ${nTrees}`,
      );
    if (!Number.isInteger(maxDepth) || maxDepth < 1)
      throw new InvalidArgumentError(
        `FanovaImportanceEvaluator: maxDepth must be an integer >= 1, got ${maxDepth}`,
      );
    this.nTrees = nTrees;
    this.maxDepth = maxDepth;
    this.seed = seed;
  }

  evaluate(
    trials: readonly FrozenTrial[],
    searchSpace: Readonly<Record<string, Distribution>>,
    target: (trial: FrozenTrial) => number,
  ): Record<string, number> {
    const space = new UnitSpace(searchSpace);
    const d = space.dim;
    const n = trials.length;
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    trials.forEach((t, j) => {
      x.set(space.toUnit(t)!, j * d);
      y[j] = target(t);
    });
    // The domain of each coordinate: [0, 1] for numeric ones, [−0.5, k − 0.5] for categoricals.
    const lo = Float64Array.from(space.choices, (k) => (k > 0 ? -0.5 : 0));
    const hi = Float64Array.from(space.choices, (k) => (k > 0 ? k - 0.5 : 1));
    const trees = fitForest(
      x,
      y,
      d,
      this.nTrees,
      { maxDepth: this.maxDepth, minSamplesSplit: 2, minSamplesLeaf: 1 },
      new Rng(this.seed),
    );
    const sums = new Float64Array(d);
    let used = 0;
    for (const tree of trees) {
      const fractions = marginalVarianceFractions(tree, d, lo, hi);
      if (fractions === null) continue;
      used++;
      for (let i = 0; i < d; i++) sums[i] += fractions[i];
    }
    const out: Record<string, number> = {};
    for (let i = 0; i < d; i++) out[space.names[i]] = used ? sums[i] / used : 0;
    return out;
  }
}

/** Each feature's marginal variance over the box [lo, hi] as a fraction of the tree's total variance (null when constant). */
export function marginalVarianceFractions(
  tree: TreeNode,
  d: number,
  lo: Float64Array,
  hi: Float64Array,
): Float64Array | null {
  // the leaves' boxes, flat (leaf k's bounds at k·d ...): one box is narrowed and restored
  // along the walk instead of copying it at every node
  const leafLo: number[] = [];
  const leafHi: number[] = [];
  const values: number[] = [];
  const boxLo = Float64Array.from(lo);
  const boxHi = Float64Array.from(hi);
  const walk = (node: TreeNode) => {
    if (node.left === null || node.right === null) {
      for (let i = 0; i < d; i++) {
        leafLo.push(boxLo[i]);
        leafHi.push(boxHi[i]);
      }
      values.push(node.value);
      return;
    }
    const f = node.feature;
    const l = boxLo[f];
    const h = boxHi[f];
    const t = Math.min(h, Math.max(l, node.threshold));
    boxHi[f] = t;
    walk(node.left);
    boxHi[f] = h;
    boxLo[f] = t;
    walk(node.right);
    boxLo[f] = l;
  };
  walk(tree);
  const nLeaves = values.length;
  const width = Float64Array.from(lo, (v, i) => hi[i] - v);
  const vols = new Float64Array(nLeaves);
  let mean = 0;
  for (let k = 0; k < nLeaves; k++) {
    let v = 1;
    for (let i = 0; i < d; i++) v *= (leafHi[k * d + i] - leafLo[k * d + i]) / width[i];
    vols[k] = v;
    mean += v * values[k];
  }
  let total = 0;
  for (let k = 0; k < nLeaves; k++) total += vols[k] * (values[k] - mean) ** 2;
  if (!(total > 1e-300)) return null;
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    // the marginal is piecewise constant between the leaves' edges along dimension i: sweep those
    // edges once, each leaf adding its share (its value weighted by its volume outside dimension
    // i) where it starts and taking it back where it ends
    const edges = new Float64Array(2 * nLeaves + 2);
    edges[0] = lo[i];
    edges[1] = hi[i];
    for (let k = 0; k < nLeaves; k++) {
      edges[2 + 2 * k] = leafLo[k * d + i];
      edges[3 + 2 * k] = leafHi[k * d + i];
    }
    edges.sort();
    let nCuts = 0;
    for (let k = 0; k < edges.length; k++)
      if (k === 0 || edges[k] !== edges[nCuts - 1]) edges[nCuts++] = edges[k];
    const cuts = edges.subarray(0, nCuts);
    const delta = new Float64Array(nCuts);
    for (let k = 0; k < nLeaves; k++) {
      const a = leafLo[k * d + i];
      const b = leafHi[k * d + i];
      if (!(b > a)) continue; // an empty slab covers no segment
      const share = values[k] * ((vols[k] * width[i]) / (b - a));
      delta[indexOf(cuts, a)] += share;
      delta[indexOf(cuts, b)] -= share;
    }
    let variance = 0;
    let m = 0;
    for (let s = 0; s < nCuts - 1; s++) {
      m += delta[s];
      variance += ((cuts[s + 1] - cuts[s]) / width[i]) * (m - mean) ** 2;
    }
    out[i] = variance / total;
  }
  return out;
}

/** Index of `v` in the sorted, distinct `sorted` (which holds it). */
function indexOf(sorted: Float64Array, v: number): number {
  let a = 0;
  let b = sorted.length - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (sorted[mid] < v) a = mid + 1;
    else b = mid;
  }
  return a;
}
