import { describe, expect, it } from "vitest";
import { marginalize, pairFeatures } from "../../src/gbdt/feature-pairs.js";

describe("feature pairs", () => {
  it("pairs features with few bins, fewest first, and leaves wide ones alone", () => {
    const p = pairFeatures([16, 200, 3, 16, 4, 16], 256);
    const groups = Array.from({ length: p.count }, (_, g) => [p.first[g], p.second[g]]);
    expect(groups).toEqual([
      [2, 4],
      [0, 3],
      [5, -1],
      [1, -1],
    ]);
    expect([...p.cellOff]).toEqual([0, 12, 268, 284, 484]);
  });

  it.each([1, 3])("joint histograms sum to each feature's own (dimensions %i)", (dims) => {
    const nBins = [16, 200, 3, 16, 4, 16];
    const pairs = pairFeatures(nBins, 256);
    const offsets = new Int32Array(nBins.length + 1);
    nBins.forEach((b, f) => {
      offsets[f + 1] = offsets[f] + b;
    });
    const stride = 2 * dims;
    const cells = new Float64Array(pairs.cellOff[pairs.count] * stride);
    const direct = new Float64Array(offsets[nBins.length] * stride);
    let s = 7;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    for (let row = 0; row < 500; row++) {
      const bins = nBins.map((b) => Math.floor(rand() * b));
      const stats = Array.from({ length: stride }, () => rand() - 0.5);
      nBins.forEach((_, f) => {
        for (let k = 0; k < stride; k++) direct[(offsets[f] + bins[f]) * stride + k] += stats[k];
      });
      for (let g = 0; g < pairs.count; g++) {
        const a = pairs.first[g];
        const b = pairs.second[g];
        const cell = pairs.cellOff[g] + (b < 0 ? bins[a] : bins[a] * nBins[b] + bins[b]);
        for (let k = 0; k < stride; k++) cells[cell * stride + k] += stats[k];
      }
    }
    // one slot at an offset, to check the bases
    const hist = new Float64Array(direct.length + 10);
    marginalize(pairs, nBins, offsets, dims, cells, 0, hist, 10);
    for (let i = 0; i < direct.length; i++) expect(hist[10 + i]).toBeCloseTo(direct[i], 10);
  });
});
