import { describe, expect, it } from "vitest";
import { groupFeatures, marginalize } from "../../src/gbdt/feature-groups.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Six features over 500 rows: 0-2 functions of one 12-valued code, 3 wide, 4-5 independent. */
function data() {
  const m = 500;
  const rand = lcg(7);
  const nBins = [16, 16, 4, 300, 16, 16];
  const bins = nBins.map((b) => (b <= 256 ? new Uint8Array(m) : new Uint16Array(m)));
  for (let i = 0; i < m; i++) {
    const code = Math.floor(rand() * 12);
    bins[0][i] = code;
    bins[1][i] = 15 - code;
    bins[2][i] = code % 4;
    bins[3][i] = Math.floor(rand() * 300);
    bins[4][i] = Math.floor(rand() * 16);
    bins[5][i] = Math.floor(rand() * 16);
  }
  return { m, nBins, bins };
}

describe("feature groups", () => {
  it("groups features while their seen combinations fit, and every row's cell holds its bins", () => {
    const { m, nBins, bins } = data();
    const { groups, codes } = groupFeatures(bins, nBins, m, 256);
    const members = Array.from({ length: groups.count }, (_, g) => [
      ...groups.members.subarray(groups.memberOff[g], groups.memberOff[g + 1]),
    ]);
    // 0-2 take 12 combinations; 3 (300 bins) stays alone; 4 x 5 (256 seen at most) fit one group
    expect(members).toEqual([[0, 1, 2], [3], [4, 5]]);
    expect(groups.cellOff[1] - groups.cellOff[0]).toBe(12);
    expect(codes[0]).toBeInstanceOf(Uint8Array);
    expect(codes[1]).toBeInstanceOf(Uint16Array);
    for (let g = 0; g < groups.count; g++) {
      const size = members[g].length;
      expect(groups.cellOff[g + 1] - groups.cellOff[g]).toBeLessThanOrEqual(g === 1 ? 300 : 256);
      for (let i = 0; i < m; i++) {
        const at = groups.binOff[g] + codes[g][i] * size;
        members[g].forEach((f, t) => {
          expect(groups.cellBins[at + t]).toBe(bins[f][i]);
        });
      }
    }
  });

  it("starts a group when the combinations would pass maxCells", () => {
    const { m, nBins, bins } = data();
    const { groups } = groupFeatures([bins[4], bins[5]], [nBins[4], nBins[5]], m, 64);
    expect(groups.count).toBe(2);
  });

  it.each([1, 3])("group histograms sum to each feature's own (dimensions %i)", (dims) => {
    const { m, nBins, bins } = data();
    const { groups, codes } = groupFeatures(bins, nBins, m, 256);
    const offsets = new Int32Array(nBins.length + 1);
    nBins.forEach((b, f) => {
      offsets[f + 1] = offsets[f] + b;
    });
    const stride = 2 * dims;
    const cells = new Float64Array(groups.cellOff[groups.count] * stride);
    const direct = new Float64Array(offsets[nBins.length] * stride);
    const rand = lcg(11);
    // half the rows, so some cells stay empty
    for (let i = 0; i < m; i += 2) {
      const stats = Array.from({ length: stride }, () => rand() - 0.5);
      nBins.forEach((_, f) => {
        for (let k = 0; k < stride; k++) direct[(offsets[f] + bins[f][i]) * stride + k] += stats[k];
      });
      for (let g = 0; g < groups.count; g++) {
        const cell = groups.cellOff[g] + codes[g][i];
        for (let k = 0; k < stride; k++) cells[cell * stride + k] += stats[k];
      }
    }
    // one slot at an offset, to check the bases
    const hist = new Float64Array(direct.length + 10);
    marginalize(groups, offsets, dims, cells, 0, hist, 10);
    for (let i = 0; i < direct.length; i++) expect(hist[10 + i]).toBeCloseTo(direct[i], 10);
  });
});
