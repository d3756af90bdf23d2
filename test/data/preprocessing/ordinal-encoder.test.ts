import { describe, expect, it } from "vitest";
import { fromColumns, OrdinalEncoder, UnknownCategoryError } from "../../../src/data/index.js";

const train = fromColumns({ x: [1, null, 3, 5], z: ["a", null, "b", "a"] });

describe("OrdinalEncoder", () => {
  it("OrdinalEncoder: codes by sorted category, missing stays NaN, unknown -> unknownValue", () => {
    const enc = new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: -1 }).fit(
      train.select(["z"]),
    );
    expect([...enc.transform(fromColumns({ z: ["b", "a", null, "q"] })).numericColumn("z")]).toEqual([
      1,
      0,
      Number.NaN,
      -1,
    ]);
    expect(() => new OrdinalEncoder({ handleUnknown: "useEncodedValue" })).toThrowError(
      /unknownValue must be an integer or NaN/,
    );
    expect(() =>
      new OrdinalEncoder().fit(train.select(["z"])).transform(fromColumns({ z: ["q"] })),
    ).toThrowError(UnknownCategoryError);
  });
});
