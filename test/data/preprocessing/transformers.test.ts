import { describe, expect, it } from "vitest";
import {
  ColumnNotFoundError,
  ColumnTransformer,
  ColumnTypeError,
  columnSelector,
  DataArgumentError,
  fromColumns,
  MinMaxScaler,
  NotFittedError,
  OneHotEncoder,
  OrdinalEncoder,
  Pipeline,
  SimpleImputer,
  StandardScaler,
  UnknownCategoryError,
} from "../../../src/data/index.js";

const train = fromColumns({ x: [1, null, 3, 5], z: ["a", null, "b", "a"] });

describe("Transformer protocol", () => {
  it("transform() before fit() throws NotFittedError naming the class", () => {
    expect(() => new MinMaxScaler().transform(train)).toThrowError(NotFittedError);
    expect(() => new MinMaxScaler().transform(train)).toThrowError(/MinMaxScaler is not fitted yet/);
    expect(() => new OneHotEncoder().featureNamesOut()).toThrowError(NotFittedError);
  });

  it("transform() checks the columns against fit: missing throws ColumnNotFoundError, extra throws, order may differ", () => {
    const imp = new SimpleImputer({ strategy: "mostFrequent" }).fit(train);
    expect(() => imp.transform(train.select(["x"]))).toThrowError(ColumnNotFoundError);
    expect(() => imp.transform(train.withColumns({ w: [1, 2, 3, 4] }))).toThrowError(
      /"w" not seen during fit/,
    );
    expect(imp.transform(train.select(["z", "x"])).columns).toEqual(["x", "z"]);
  });

  it("statistics come from the fit rows only; transform() never refits", () => {
    const s = new MinMaxScaler().fit(train.select(["x"]).rows([0, 2]));
    expect([...s.dataMin]).toEqual([1]);
    expect([...s.dataMax]).toEqual([3]);
    expect([...s.transform(train.select(["x"]).rows([3])).numericColumn("x")]).toEqual([2]);
    expect([...s.dataMax]).toEqual([3]);
  });

  it("fit() again replaces what was learned; clone() is unfitted with the same options", () => {
    const s = new MinMaxScaler({ featureRange: [-1, 1] }).fit(fromColumns({ x: [0, 10] }));
    s.fit(fromColumns({ x: [0, 2] }));
    expect([...s.transform(fromColumns({ x: [1] })).numericColumn("x")]).toEqual([0]);
    const c = s.clone();
    expect(c.fitted).toBe(false);
    expect([...c.fitTransform(fromColumns({ x: [0, 4, 2] })).numericColumn("x")]).toEqual([-1, 1, 0]);
  });
});

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

describe("scalers", () => {
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

  it("StandardScaler: mean 0, population variance 1; missing values stay missing", () => {
    const out = new StandardScaler().fitTransform(fromColumns({ x: [1, 2, 3, null] })).numericColumn("x");
    expect(out[0]).toBeCloseTo(-Math.sqrt(1.5), 14);
    expect(out[1]).toBe(0);
    expect(Number.isNaN(out[3])).toBe(true);
  });
});

describe("encoders", () => {
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

describe("ColumnTransformer and Pipeline", () => {
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

  it("Pipeline names unnamed steps after their class and exposes the fitted steps", () => {
    const p = new Pipeline([new SimpleImputer(), new SimpleImputer(), "passthrough", new StandardScaler()]);
    p.fit(fromColumns({ x: [1, null, 3] }));
    expect(Object.keys(p.namedSteps)).toEqual([
      "simpleimputer",
      "simpleimputer-2",
      "passthrough",
      "standardscaler",
    ]);
    expect(() => new Pipeline([])).toThrowError(/non-empty array/);
    expect(
      () =>
        new Pipeline([
          ["a", new MinMaxScaler()],
          ["a", new MinMaxScaler()],
        ]),
    ).toThrowError(/"a" is used twice/);
  });
});
