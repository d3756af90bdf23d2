import { describe, expect, it } from "vitest";
import { ColumnTypeError, DataArgumentError, fromRecords } from "../../src/data/index.js";

describe("fromRecords(rows, options)", () => {
  it("columns are keys in order of first appearance; absent keys, null, undefined and NaN are missing", () => {
    const t = fromRecords([{ a: 1 }, { b: "x", a: null }, { a: Number.NaN, b: undefined, c: 2 }]);
    expect(t.columns).toEqual(["a", "b", "c"]);
    expect([...t.numericColumn("a")]).toEqual([1, Number.NaN, Number.NaN]);
    expect(t.textColumn("b")).toEqual([null, "x", null]);
    expect([...t.numericColumn("c")]).toEqual([Number.NaN, Number.NaN, 2]);
  });

  it("a column mixing numbers and strings becomes text; NA strings are kept (no CSV rules)", () => {
    const t = fromRecords([{ v: 1 }, { v: "NA" }, { v: true }]);
    expect(t.textColumn("v")).toEqual(["1", "NA", "true"]);
  });

  it("dtypes forces a kind; a non-number in a 'number' column throws ColumnTypeError", () => {
    expect([
      ...fromRecords([{ v: "1.5" }, { v: true }], { dtypes: { v: "number" } }).numericColumn("v"),
    ]).toEqual([1.5, 1]);
    expect(fromRecords([{ v: 7 }], { dtypes: { v: "text" } }).textColumn("v")).toEqual(["7"]);
    expect(() => fromRecords([{ v: "x" }], { dtypes: { v: "number" } })).toThrowError(ColumnTypeError);
    expect(() => fromRecords([{ v: 1 }], { dtypes: { w: "text" } })).toThrowError(/unknown column "w"/);
  });

  it("columns option picks and orders columns", () => {
    expect(fromRecords([{ a: 1, b: 2 }], { columns: ["b", "z"] }).toRecords()).toEqual([{ b: 2, z: null }]);
  });

  it("rejects rows that are not objects and values that are objects", () => {
    expect(() => fromRecords([1] as never)).toThrowError(/row 0 must be an object/);
    expect(() => fromRecords([{ a: [1] }])).toThrowError(DataArgumentError);
    expect(() => fromRecords("x" as never)).toThrowError(/rows must be an array/);
  });

  it("an empty array gives an empty table", () => {
    expect(fromRecords([]).shape).toEqual([0, 0]);
  });
});
