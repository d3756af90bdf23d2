import { describe, expect, it } from "vitest";
import { fromColumns, OneHotEncoder, UnknownCategoryError } from "../../../src/data/index.js";

const train = fromColumns({ x: [1, null, 3, 5], z: ["a", null, "b", "a"] });

describe("OneHotEncoder", () => {
  it("OneHotEncoder: unknown category throws UnknownCategoryError naming column and value by default", () => {
    const enc = new OneHotEncoder().fit(train.select(["z"]));
    expect(enc.featureNamesOut()).toEqual(["z_a", "z_b", "z_nan"]);
    expect(() => enc.transform(fromColumns({ z: ["c"] }))).toThrowError(UnknownCategoryError);
    expect(() => enc.transform(fromColumns({ z: ["c"] }))).toThrowError(/column "z" has category "c"/);
  });

  it("OneHotEncoder with given categories checks the data against them", () => {
    const enc = new OneHotEncoder({ categories: { z: ["b", "a", null, "c"] } }).fit(train.select(["z"]));
    expect(enc.featureNamesOut()).toEqual(["z_b", "z_a", "z_nan", "z_c"]);
    expect(() => new OneHotEncoder({ categories: { z: ["a"] } }).fit(train.select(["z"]))).toThrowError(
      UnknownCategoryError,
    );
  });
});
