import { describe, expect, it } from "vitest";
import {
  ColumnNotFoundError,
  ColumnTransformer,
  columnSelector,
  DataArgumentError,
  fromColumns,
  MinMaxScaler,
  SimpleImputer,
} from "../../../src/data/index.js";

describe("ColumnTransformer", () => {
  it("verboseFeatureNamesOut: false keeps names; drop / passthrough / remainder transformer", () => {
    const t = fromColumns({ a: [1, null, 3], b: ["x", null, "x"], c: [10, 20, 30], d: [5, 5, 5] });
    const ct = new ColumnTransformer(
      [
        ["num", new SimpleImputer({ strategy: "median" }), ["a"]],
        [
          "txt",
          new SimpleImputer({ strategy: "constant", fillValue: "None" }),
          columnSelector({ kind: "text" }),
        ],
        ["gone", "drop", ["d"]],
      ],
      { remainder: new MinMaxScaler(), verboseFeatureNamesOut: false },
    );
    expect(ct.fitTransform(t).toRecords()).toEqual([
      { a: 1, b: "x", c: 0 },
      { a: 2, b: "None", c: 0.5 },
      { a: 3, b: "x", c: 1 },
    ]);
    expect(Object.keys(ct.namedTransformers)).toEqual(["num", "txt", "gone", "remainder"]);
  });

  it("default names are prefixed; colliding plain names throw; unknown columns throw ColumnNotFoundError", () => {
    const t = fromColumns({ a: [1, 2] });
    const ct = new ColumnTransformer([["s", new MinMaxScaler(), ["a"]]], { remainder: "passthrough" });
    expect(ct.fit(t).featureNamesOut()).toEqual(["s__a"]);
    const twice = new ColumnTransformer(
      [
        ["p", "passthrough", ["a"]],
        ["q", "passthrough", ["a"]],
      ],
      { verboseFeatureNamesOut: false },
    );
    expect(() => twice.fit(t)).toThrowError(/output column "a" is produced twice/);
    expect(() => new ColumnTransformer([["s", new MinMaxScaler(), ["nope"]]]).fit(t)).toThrowError(
      ColumnNotFoundError,
    );
    expect(() => new ColumnTransformer([["s", {} as never, ["a"]]])).toThrowError(DataArgumentError);
    expect(() => new ColumnTransformer([["remainder", "drop", ["a"]]])).toThrowError(/reserved/);
  });

  it("the same transformer instance used in two steps is cloned, not shared", () => {
    const s = new MinMaxScaler();
    const t = fromColumns({ a: [0, 10], b: [0, 2] });
    const ct = new ColumnTransformer([
      ["a", s, ["a"]],
      ["b", s, ["b"]],
    ]);
    expect(ct.fitTransform(t).toRecords()).toEqual([
      { a__a: 0, b__b: 0 },
      { a__a: 1, b__b: 1 },
    ]);
    expect(s.fitted).toBe(false);
  });
});
