import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trainTestSplit } from "../../../src/data/index.js";

describe("trainTestSplit", () => {
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

  it("trainTestSplit with shuffle: false takes the first rows for training", () => {
    const { train, test } = trainTestSplit(5, { testSize: 2, shuffle: false });
    expect([...train]).toEqual([0, 1, 2]);
    expect([...test]).toEqual([3, 4]);
  });
});
