import { describe, expect, it } from "vitest";
import { ColumnTypeError, fromColumns, MinMaxScaler, StandardScaler } from "../../../src/data/index.js";

const train = fromColumns({ x: [1, null, 3, 5], z: ["a", null, "b", "a"] });

describe("MinMaxScaler", () => {
  it("reject text columns with ColumnTypeError naming the column", () => {
    expect(() => new MinMaxScaler().fit(train)).toThrowError(
      /MinMaxScaler needs numeric columns, column "z" is text/,
    );
    expect(() => new StandardScaler().fit(train)).toThrowError(ColumnTypeError);
  });

  it("MinMaxScaler rejects a bad featureRange; a constant column maps to the low end", () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrowError(/low < high, got \[1,1\]/);
    expect([...new MinMaxScaler().fitTransform(fromColumns({ c: [7, 7] })).numericColumn("c")]).toEqual([
      0, 0,
    ]);
  });
});
