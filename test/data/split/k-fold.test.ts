import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromColumns, kFold } from "../../../src/data/index.js";
import { expectPartition } from "./partition.js";

describe("kFold", () => {
  it("kFold({ nSplits, shuffle, seed }).split(n) partitions the rows; fold sizes differ by at most 1", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 0, max: 300 }),
        fc.boolean(),
        fc.nat(),
        (k, extra, shuffle, seed) => {
          const n = k + extra;
          const folds = kFold({ nSplits: k, shuffle, ...(shuffle ? { seed } : {}) }).split(n);
          expect(folds).toHaveLength(k);
          expectPartition(folds, n);
          const sizes = folds.map((f) => f.test.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("kFold without shuffle cuts consecutive blocks; split() accepts a table", () => {
    const folds = kFold({ nSplits: 3 }).split(fromColumns({ x: [1, 2, 3, 4, 5, 6, 7] }));
    expect(folds.map((f) => [...f.test])).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect([...folds[0].train]).toEqual([3, 4, 5, 6]);
  });

  it("the same seed gives the same folds; a splitter without seed is stable across split() calls", () => {
    const a = kFold({ nSplits: 4, shuffle: true, seed: 3 }).split(50);
    const b = kFold({ nSplits: 4, shuffle: true, seed: 3 }).split(50);
    expect(a).toEqual(b);
    const s = kFold({ nSplits: 4, shuffle: true });
    expect(s.split(50)).toEqual(s.split(50));
  });
});
