import { describe, expect, it } from "vitest";
import { ColumnTypeError, fromColumns, SimpleImputer } from "../../../src/data/index.js";

const train = fromColumns({ x: [1, null, 3, 5], z: ["a", null, "b", "a"] });

describe("SimpleImputer", () => {
  it("rejects an unknown strategy, listing the valid ones", () => {
    expect(() => new SimpleImputer({ strategy: "most_frequent" as never })).toThrowError(
      /invalid strategy "most_frequent" \(expected mean \| median \| mostFrequent \| constant\)/,
    );
  });

  it("mean / median on a text column throw ColumnTypeError", () => {
    expect(() => new SimpleImputer({ strategy: "median" }).fit(train)).toThrowError(ColumnTypeError);
  });

  it("constant: default fill is 0 for numbers and 'missing_value' for text; a string cannot fill numbers", () => {
    expect(new SimpleImputer({ strategy: "constant" }).fitTransform(train).toRecords()[1]).toEqual({
      x: 0,
      z: "missing_value",
    });
    expect(() => new SimpleImputer({ strategy: "constant", fillValue: "None" }).fit(train)).toThrowError(
      /fillValue "None" is invalid for numeric column "x"/,
    );
  });

  it("a column with no observed value is dropped (kept, filled with 0, with keepEmptyFeatures)", () => {
    const t = fromColumns({ a: [null, null], b: [1, null] });
    const imp = new SimpleImputer().fit(t);
    expect(imp.featureNamesOut()).toEqual(["b"]);
    expect(imp.transform(t).toRecords()).toEqual([{ b: 1 }, { b: 1 }]);
    expect(new SimpleImputer({ keepEmptyFeatures: true }).fitTransform(t).toRecords()).toEqual([
      { a: 0, b: 1 },
      { a: 0, b: 1 },
    ]);
    expect(imp.statistics).toEqual([null, 1]);
  });

  it("mostFrequent ties resolve to the smallest value (numbers and strings)", () => {
    const t = fromColumns({ n: [3, 1, 3, 1, null], s: ["b", "a", "b", "a", null] });
    expect(new SimpleImputer({ strategy: "mostFrequent" }).fit(t).statistics).toEqual([1, "a"]);
  });

  it("mostFrequent ties resolve to the smallest value also in columns of many distinct values", () => {
    // 20000 distinct values (past the map-counting limit), 7 and 3 seen three times each.
    const xs: (number | null)[] = Array.from({ length: 20_000 }, (_, i) => 20_000 - i);
    xs.push(7, 7, 3, 3, null);
    expect(new SimpleImputer({ strategy: "mostFrequent" }).fit(fromColumns({ x: xs })).statistics).toEqual([
      3,
    ]);
  });
});
