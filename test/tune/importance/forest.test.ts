import { describe, expect, it } from "vitest";
import { fitForest, fitTree, type TreeNode, type TreeOptions } from "../../../src/tune/importance/forest.js";
import { Rng } from "../../../src/tune/rng.js";

/** The textbook CART that fitTree must match: every node sorts its rows again by each feature. */
function referenceTree(
  x: Float64Array,
  y: Float64Array,
  d: number,
  rows: number[],
  o: TreeOptions,
  depth = 0,
): TreeNode {
  let sum = 0;
  for (const r of rows) sum += y[r];
  const leaf: TreeNode = { feature: -1, threshold: 0, left: null, right: null, value: sum / rows.length };
  if (depth >= o.maxDepth || rows.length < o.minSamplesSplit) return leaf;
  let sumSq = 0;
  for (const r of rows) sumSq += y[r] * y[r];
  const parent = sumSq - (sum * sum) / rows.length;
  let best = { gain: 1e-12, f: -1, t: 0 };
  const order = rows.slice();
  for (let f = 0; f < d; f++) {
    order.sort((a, b) => x[a * d + f] - x[b * d + f]);
    let ls = 0;
    let lq = 0;
    for (let k = 0; k < order.length - 1; k++) {
      ls += y[order[k]];
      lq += y[order[k]] * y[order[k]];
      const nl = k + 1;
      const nr = order.length - nl;
      const xa = x[order[k] * d + f];
      const xb = x[order[k + 1] * d + f];
      if (xa === xb || nl < o.minSamplesLeaf || nr < o.minSamplesLeaf) continue;
      const rs = sum - ls;
      const gain = parent - (lq - (ls * ls) / nl + (sumSq - lq) - (rs * rs) / nr);
      if (gain > best.gain) best = { gain, f, t: 0.5 * (xa + xb) };
    }
  }
  if (best.f < 0) return leaf;
  return {
    feature: best.f,
    threshold: best.t,
    left: referenceTree(
      x,
      y,
      d,
      rows.filter((r) => x[r * d + best.f] <= best.t),
      o,
      depth + 1,
    ),
    right: referenceTree(
      x,
      y,
      d,
      rows.filter((r) => x[r * d + best.f] > best.t),
      o,
      depth + 1,
    ),
    value: leaf.value,
  };
}

describe("fitTree", () => {
  it("grows the same trees as the textbook CART, to the last bit, on bootstrap rows with many ties", () => {
    const rng = new Rng(3);
    const n = 300;
    const d = 3;
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * d] = Math.round(rng.random() * 20) / 20; // coarse: ties
      x[i * d + 1] = rng.int(3); // categorical index
      x[i * d + 2] = rng.random();
      y[i] = x[i * d] * 3 + x[i * d + 1] + rng.random();
    }
    for (const o of [
      { maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 },
      { maxDepth: 4, minSamplesSplit: 10, minSamplesLeaf: 3 },
    ]) {
      const rows = Array.from({ length: n }, () => rng.int(n));
      expect(fitTree(x, y, d, rows, o)).toEqual(referenceTree(x, y, d, rows, o));
    }
    expect(
      fitForest(x, y, d, 3, { maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 }, new Rng(1)),
    ).toHaveLength(3);
  });
});
