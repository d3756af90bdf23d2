import { describe, expect, it } from "vitest";
import { DataArgumentError, fromFoldIndices } from "../../../src/data/index.js";

describe("fromFoldIndices", () => {
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
