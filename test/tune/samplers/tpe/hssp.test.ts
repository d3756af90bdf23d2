import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "../../../../src/tune/hypervolume.js";
import {
  hypervolumeWeights,
  nonDominationRanks,
  referencePoint,
  solveHssp,
} from "../../../../src/tune/samplers/tpe/hssp.js";

/** Every subset of `size` indices of 0..n-1. */
function subsets(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  if (n < size) return [];
  return [...subsets(n - 1, size - 1).map((s) => [...s, n - 1]), ...subsets(n - 1, size)];
}

describe("hypervolume subset selection (MOTPE)", () => {
  it("nonDominationRanks(points, n) ranks fronts 0, 1, 2 and lumps the rest once n are ranked", () => {
    const pts = [
      [1, 1],
      [0, 3],
      [2, 2],
      [3, 3],
      [4, 4],
      [3, 0],
    ];
    expect(Array.from(nonDominationRanks(pts, 6))).toEqual([0, 0, 1, 2, 3, 0]);
    expect(Array.from(nonDominationRanks(pts, 3))).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it("solveHssp() takes the largest box first, then the largest added hypervolume (hand-checked)", () => {
    const pts = [
      [3, 0],
      [1, 1],
      [0, 3],
    ];
    // Boxes to (4, 4): 4, 9, 4; then (0, 3) and (3, 0) both add 1 and the first in lexical order wins.
    expect(solveHssp(pts, 1, [4, 4])).toEqual([1]);
    expect(solveHssp(pts, 2, [4, 4])).toEqual([1, 2]);
    expect(solveHssp(pts, 3, [4, 4])).toEqual([0, 1, 2]);
  });

  it("solveHssp() reaches at least (1 - 1/e) of the best subset's hypervolume (property, 2 and 3 objectives)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 2,
          maxLength: 8,
        }),
        fc.integer({ min: 1, max: 4 }),
        (m, raw, size) => {
          const pts = raw.map((p) => p.slice(0, m));
          const k = Math.min(size, pts.length);
          const ref = referencePoint(pts);
          const chosen = solveHssp(pts, k, ref);
          expect(new Set(chosen).size).toBe(k);
          const hv = hypervolume(
            chosen.map((i) => pts[i]),
            ref,
          );
          const best = Math.max(
            ...subsets(pts.length, k).map((s) =>
              hypervolume(
                s.map((i) => pts[i]),
                ref,
              ),
            ),
          );
          expect(hv).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-12);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("solveHssp() takes distinct points before duplicates", () => {
    const pts = [
      [1, 2],
      [1, 2],
      [2, 1],
    ];
    expect(solveHssp(pts, 2, [3, 3]).sort()).toEqual([0, 2]);
  });

  it("referencePoint() is 1.1 x the worst point, 0.9 x when negative, and EPS for 0", () => {
    expect(
      referencePoint([
        [1, -2, 0],
        [2, -4, 0],
      ]),
    ).toEqual([2.2, -1.8, 1e-12]);
  });

  it("hypervolumeWeights() gives front points their contribution over the largest, others EPS", () => {
    const w = hypervolumeWeights([
      [1, 1],
      [0, 3],
      [2, 2],
    ]);
    // ref = (2.2, 3.3); HV of the front {(1,1), (0,3)} = 2.76 + 0.66 − 0.36 = 3.06, so the
    // contributions are 3.06 − 0.66 = 2.4 and 3.06 − 2.76 = 0.3; (2, 2) is dominated.
    expect(w[0]).toBeCloseTo(1, 12);
    expect(w[1]).toBeCloseTo(0.3 / 2.4, 12);
    expect(w[2]).toBe(1e-12);
  });
});
