import { describe, expect, it } from "vitest";
import {
  ColumnNotFoundError,
  fromColumns,
  MinMaxScaler,
  NotFittedError,
  OneHotEncoder,
  SimpleImputer,
} from "../../../src/data/index.js";

const train = fromColumns({ x: [1, null, 3, 5], z: ["a", null, "b", "a"] });

describe("Transformer protocol (TransformerBase)", () => {
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
