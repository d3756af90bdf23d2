import { describe, expect, it } from "vitest";
import { InvalidDataError, Pool } from "../../src/gbdt/index.js";

const x = Float64Array.of(1, 2, 3);

describe("new Pool(data, options)", () => {
  it("reads a plain object of columns and a table-like object", () => {
    const p = new Pool({ x, c: ["a", "b", null] }, { label: [1, 2, 3] });
    expect(p.nRows).toBe(3);
    expect(p.features.map((f) => f.kind)).toEqual(["numeric", "categorical"]);
    const table = { columns: ["x", "y"], column: (n: string) => (n === "x" ? x : Float64Array.of(4, 5, 6)) };
    const q = new Pool(table, { label: "y" });
    expect(q.featureNames).toEqual(["x"]);
    expect([...q.label!]).toEqual([4, 5, 6]);
  });

  it("treats integer numeric columns named in catFeatures as categories, by name or index", () => {
    const p = new Pool({ x, k: Float64Array.of(1, 2, 1) }, { label: [0, 0, 0], catFeatures: [1] });
    const f = p.features[1];
    expect(f.kind === "categorical" && f.column.categories).toEqual(["1", "2"]);
  });

  it("rejects bad input with errors that name it", () => {
    expect(() => new Pool({ x }, { label: [1, Number.NaN, 3] })).toThrow(/label of row 1 is NaN/);
    expect(() => new Pool({}, {})).toThrow(/no feature columns/);
    expect(() => new Pool({ x: new Float64Array(0) })).toThrow(/no rows/);
    expect(() => new Pool({ x, y: Float64Array.of(1, 2) })).toThrow(
      /column "y" has 2 rows, column "x" has 3/,
    );
    expect(() => new Pool({ x }, { label: [1, 2] })).toThrow(/label has 2 values, the features have 3 rows/);
    expect(() => new Pool({ x }, { catFeatures: ["nope"] })).toThrow(
      /catFeatures names "nope", which is not a column/,
    );
    expect(() => new Pool({ x: Float64Array.of(1.5, 2, 3) }, { catFeatures: ["x"] })).toThrow(
      /categorical feature "x" holds the float 1.5/,
    );
    expect(() => new Pool({ x }, { weight: [1, -1, 1] })).toThrow(/weight of row 1 is -1/);
    expect(() => new Pool({ x: [1, 2, 3] as unknown as Float64Array })).toThrow(/row 0 is number/);
    expect(() => new Pool({ x }, { label: [1, 2, 3] as unknown as number[] }).slice([5])).toThrow(
      InvalidDataError,
    );
  });

  it("slice(rows) keeps labels, weights and category dictionaries", () => {
    const p = new Pool({ x, c: ["a", "b", "a"] }, { label: [1, 2, 3], weight: [1, 2, 3] });
    const s = p.slice([2, 0]);
    expect([...s.label!]).toEqual([3, 1]);
    expect([...s.weight!]).toEqual([3, 1]);
    const f = s.features[1];
    expect(f.kind === "categorical" && [...f.column.codes]).toEqual([0, 0]);
  });
});
