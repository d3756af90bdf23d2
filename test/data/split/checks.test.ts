import { describe, expect, it } from "vitest";
import { DataArgumentError, kFold, stratifiedKFold, trainTestSplit } from "../../../src/data/index.js";

describe("splitter option and input checks", () => {
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
});
