import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DataArgumentError,
  type Fold,
  fromColumns,
  fromFoldIndices,
  kFold,
  NumpyRandomState,
  stratifiedKFold,
  trainTestSplit,
} from "../../../src/data/index.js";

/** Each row is in exactly one test set, and each fold's train set is the complement of its test set. */
function expectPartition(folds: Fold[], n: number): void {
  const seen = new Uint8Array(n);
  for (const { train, test } of folds) {
    expect(train.length + test.length).toBe(n);
    const inTest = new Set(test);
    for (const r of test) seen[r]++;
    for (const r of train) expect(inTest.has(r)).toBe(false);
    expect([...train]).toEqual([...train].sort((a, b) => a - b));
  }
  expect([...seen].every((c) => c === 1)).toBe(true);
}

describe("NumpyRandomState", () => {
  it("matches numpy: MT19937 first output for seed 5489 and RandomState(0).permutation(10)", () => {
    expect(new NumpyRandomState(5489).nextUint32()).toBe(3499211612);
    expect([...new NumpyRandomState(0).permutation(10)]).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
  });

  it("rejects seeds outside [0, 2^32 - 1]", () => {
    expect(() => new NumpyRandomState(-1)).toThrowError(
      /seed must be an integer in \[0, 2\^32 - 1\], got -1/,
    );
  });
});

describe("kFold / stratifiedKFold / trainTestSplit (properties)", () => {
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

  it("stratifiedKFold partitions the rows and spreads each class evenly (counts differ by at most 1)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 200 }),
        fc.boolean(),
        fc.nat(),
        (k, y, shuffle, seed) => {
          const counts = new Map<number, number>();
          for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
          fc.pre(Math.max(...counts.values()) >= k && y.length >= k);
          const folds = stratifiedKFold({ nSplits: k, shuffle, ...(shuffle ? { seed } : {}) }).split(
            y.length,
            y,
          );
          expectPartition(folds, y.length);
          for (const cls of counts.keys()) {
            const per = folds.map((f) => [...f.test].filter((r) => y[r] === cls).length);
            expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("trainTestSplit gives disjoint sets of the requested sizes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 500 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.nat(),
        (n, share, seed) => {
          fc.pre(Math.ceil(share * n) < n); // otherwise the train set would be empty (an error, as in scikit-learn)
          const { train, test } = trainTestSplit(n, { testSize: share, seed });
          expect(test.length).toBe(Math.ceil(share * n));
          expect(train.length).toBe(n - test.length);
          expect(new Set([...train, ...test]).size).toBe(n);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("splitters (examples and errors)", () => {
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

  it("bad options and inputs throw DataArgumentError naming the value", () => {
    expect(() => kFold({ nSplits: 1 })).toThrowError(/nSplits must be an integer >= 2, got 1/);
    expect(() => kFold({ seed: 1 })).toThrowError(/seed has no effect without shuffle: true/);
    expect(() => kFold({ nSplits: 5 }).split(3)).toThrowError(
      /nSplits=5 is greater than the number of rows 3/,
    );
    expect(() => stratifiedKFold({ nSplits: 3 }).split(4)).toThrowError(/labels y are required/);
    expect(() => stratifiedKFold({ nSplits: 3 }).split(3, [0, 1, 2])).toThrowError(
      /cannot be greater than the number of members/,
    );
    expect(() => stratifiedKFold({ nSplits: 2 }).split(3, [0, null, 1])).toThrowError(
      /label at row 1 is missing/,
    );
    expect(() => trainTestSplit(10, { testSize: 1.5 })).toThrowError(
      /testSize must be a share in \(0, 1\) or a row count/,
    );
    expect(() => trainTestSplit(10, { shuffle: false, stratify: [0] })).toThrowError(DataArgumentError);
  });

  it("trainTestSplit with shuffle: false takes the first rows for training", () => {
    const { train, test } = trainTestSplit(5, { testSize: 2, shuffle: false });
    expect([...train]).toEqual([0, 1, 2]);
    expect([...test]).toEqual([3, 4]);
  });

  it("fromFoldIndices replays the given test sets (bare list or { folds })", () => {
    const folds = fromFoldIndices({ folds: [[3, 0], [1], [2, 4]] }).split(5);
    expect(folds.map((f) => [...f.test])).toEqual([[3, 0], [1], [2, 4]]);
    expect(folds.map((f) => [...f.train])).toEqual([
      [1, 2, 4],
      [0, 2, 3, 4],
      [0, 1, 3],
    ]);
    expect(fromFoldIndices([[0], [1]]).nSplits).toBe(2);
  });

  it("fromFoldIndices rejects overlapping folds, bad indices, and folds that do not cover the rows", () => {
    expect(() => fromFoldIndices([[0, 1], [1]])).toThrowError(/row 1 is in fold 0 and fold 1/);
    expect(() => fromFoldIndices([[0, -1], [2]])).toThrowError(/fold 0 position 1 is not a row index: -1/);
    expect(() => fromFoldIndices([[0, 1]])).toThrowError(/need at least 2 folds/);
    expect(() => fromFoldIndices([[0], [1]]).split(3)).toThrowError(
      /cover 2 of 3 rows \(row 2 is in no fold\)/,
    );
    expect(() => fromFoldIndices([[0], [5]]).split(3)).toThrowError(/name row 5, there are only 3 rows/);
    expect(() => fromFoldIndices({} as never)).toThrowError(DataArgumentError);
  });
});
