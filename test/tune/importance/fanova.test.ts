import { describe, expect, it } from "vitest";
import { marginalVarianceFractions } from "../../../src/tune/importance/fanova.js";
import type { TreeNode } from "../../../src/tune/importance/forest.js";
import { Rng } from "../../../src/tune/rng.js";

const leaf = (value: number): TreeNode => ({ feature: -1, threshold: 0, left: null, right: null, value });
const split = (feature: number, threshold: number, left: TreeNode, right: TreeNode): TreeNode => ({
  feature,
  threshold,
  left,
  right,
  value: 0,
});

describe("marginalVarianceFractions", () => {
  const lo = Float64Array.of(0, 0);
  const hi = Float64Array.of(1, 1);

  it("a tree that splits only on x0 gives x0 all the variance", () => {
    const f = marginalVarianceFractions(split(0, 0.5, leaf(0), leaf(1)), 2, lo, hi)!;
    expect(f[0]).toBeCloseTo(1, 12);
    expect(f[1]).toBeCloseTo(0, 12);
  });

  it("an additive tree 2·[x0 > 0.5] + [x1 > 0.25] splits the variance 4·¼ : 1·3/16 (checked by hand)", () => {
    const sub = (base: number) => split(1, 0.25, leaf(base), leaf(base + 1));
    const tree = split(0, 0.5, sub(0), sub(2));
    const f = marginalVarianceFractions(tree, 2, lo, hi)!;
    const v0 = 4 * 0.25; // Var(2·Bernoulli(½))
    const v1 = 0.75 * 0.25; // Var(Bernoulli(¾))
    expect(f[0]).toBeCloseTo(v0 / (v0 + v1), 12);
    expect(f[1]).toBeCloseTo(v1 / (v0 + v1), 12);
  });

  it("an interaction (XOR) has no first-order importance", () => {
    const tree = split(0, 0.5, split(1, 0.5, leaf(0), leaf(1)), split(1, 0.5, leaf(1), leaf(0)));
    const f = marginalVarianceFractions(tree, 2, lo, hi)!;
    expect(f[0]).toBeCloseTo(0, 12);
    expect(f[1]).toBeCloseTo(0, 12);
  });

  it("a constant tree returns null", () => {
    expect(marginalVarianceFractions(leaf(3), 2, lo, hi)).toBeNull();
  });
});

describe("marginalVarianceFractions on a deep tree", () => {
  it("matches averaging the tree's prediction over a fine grid", () => {
    const rng = new Rng(5);
    // a random tree over [0, 1]² with thresholds on a 1/8 grid, so a 16 x 16 grid of midpoints is exact
    const grow = (depth: number): TreeNode =>
      depth === 0 || rng.random() < 0.2
        ? leaf(rng.random())
        : split(rng.int(2), (1 + rng.int(7)) / 8, grow(depth - 1), grow(depth - 1));
    const tree = grow(6);
    const predict = (p: number[]) => {
      let node = tree;
      while (node.left && node.right) node = p[node.feature] <= node.threshold ? node.left : node.right;
      return node.value;
    };
    const g = 16;
    const grid = Array.from({ length: g }, (_, a) =>
      Array.from({ length: g }, (_, b) => predict([(a + 0.5) / g, (b + 0.5) / g])),
    );
    const mean = grid.flat().reduce((s, v) => s + v, 0) / (g * g);
    const total = grid.flat().reduce((s, v) => s + (v - mean) ** 2, 0) / (g * g);
    const m0 = grid.map((row) => row.reduce((s, v) => s + v, 0) / g);
    const m1 = grid[0].map((_, b) => grid.reduce((s, row) => s + row[b], 0) / g);
    const v0 = m0.reduce((s, v) => s + (v - mean) ** 2, 0) / g;
    const v1 = m1.reduce((s, v) => s + (v - mean) ** 2, 0) / g;
    const f = marginalVarianceFractions(tree, 2, Float64Array.of(0, 0), Float64Array.of(1, 1))!;
    expect(f[0]).toBeCloseTo(v0 / total, 10);
    expect(f[1]).toBeCloseTo(v1 / total, 10);
  });
});
