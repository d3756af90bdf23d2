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

interface Leaf {
  lo: Float64Array;
  hi: Float64Array;
  value: number;
}

/** Each feature's marginal variance over the box [lo, hi] as a fraction of the tree's total variance (null when constant). */
export function marginalVarianceFractions(
  tree: TreeNode,
  d: number,
  lo: Float64Array,
  hi: Float64Array,
): Float64Array | null {
  const leaves: Leaf[] = [];
  const walk = (node: TreeNode, l: Float64Array, h: Float64Array) => {
    if (node.left === null || node.right === null) {
      leaves.push({ lo: l, hi: h, value: node.value });
      return;
    }
    const f = node.feature;
    const t = Math.min(h[f], Math.max(l[f], node.threshold));
    const hl = Float64Array.from(h);
    hl[f] = t;
    const lr = Float64Array.from(l);
    lr[f] = t;
    walk(node.left, l, hl);
    walk(node.right, lr, h);
  };
  walk(tree, Float64Array.from(lo), Float64Array.from(hi));
  const width = Float64Array.from(lo, (v, i) => hi[i] - v);
  const volume = (leaf: Leaf) => {
    let v = 1;
    for (let i = 0; i < d; i++) v *= (leaf.hi[i] - leaf.lo[i]) / width[i];
    return v;
  };
  let mean = 0;
  const vols = leaves.map(volume);
  leaves.forEach((leaf, k) => {
    mean += vols[k] * leaf.value;
  });
  let total = 0;
  leaves.forEach((leaf, k) => {
    total += vols[k] * (leaf.value - mean) ** 2;
  });
  if (!(total > 1e-300)) return null;
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const cuts = new Set<number>([lo[i], hi[i]]);
    for (const leaf of leaves) {
      cuts.add(leaf.lo[i]);
      cuts.add(leaf.hi[i]);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    let variance = 0;
    for (let s = 0; s < sorted.length - 1; s++) {
      const a = sorted[s];
      const b = sorted[s + 1];
      if (b <= a) continue;
      const mid = 0.5 * (a + b);
      // Marginal at this segment: leaves covering it, weighted by their volume outside dimension i.
      let m = 0;
      leaves.forEach((leaf, k) => {
        if (leaf.lo[i] <= mid && mid < leaf.hi[i])
          m += leaf.value * ((vols[k] * width[i]) / (leaf.hi[i] - leaf.lo[i]));
      });
      variance += ((b - a) / width[i]) * (m - mean) ** 2;
    }
    out[i] = variance / total;
  }
  return out;
}
