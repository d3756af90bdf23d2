import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ColumnNotFoundError,
  ColumnTypeError,
  DataArgumentError,
  fromColumns,
} from "../../src/data/index.js";

const t = fromColumns({ id: [1, 2, 3, 4], zone: ["RL", null, "RM", "RL"], area: [80, null, 120, 95.5] });

describe("Table", () => {
  it("shape, columns, kinds and the numeric / text column lists", () => {
    expect(t.shape).toEqual([4, 3]);
    expect(t.columns).toEqual(["id", "zone", "area"]);
    expect(t.numericColumns()).toEqual(["id", "area"]);
    expect(t.textColumns()).toEqual(["zone"]);
    expect(t.kind("zone")).toBe("text");
    expect([...t.numericColumn("area")]).toEqual([80, Number.NaN, 120, 95.5]);
    expect(t.textColumn("zone")).toEqual(["RL", null, "RM", "RL"]);
  });

  it("column(name) of an unknown column throws ColumnNotFoundError listing the columns", () => {
    expect(() => t.column("Zone")).toThrowError(ColumnNotFoundError);
    expect(() => t.column("Zone")).toThrowError(/unknown column "Zone".*"id", "zone", "area"/);
    expect(() => t.select(["id", "nope"])).toThrowError(/unknown column "nope"/);
    expect(() => t.drop(["nope"])).toThrowError(ColumnNotFoundError);
  });

  it("numericColumn() on text and textColumn() on numbers throw ColumnTypeError", () => {
    expect(() => t.numericColumn("zone")).toThrowError(ColumnTypeError);
    expect(() => t.textColumn("id")).toThrowError(ColumnTypeError);
  });

  it("select(names) keeps the given order; drop(names) removes; the original is unchanged", () => {
    expect(t.select(["area", "id"]).columns).toEqual(["area", "id"]);
    expect(t.drop(["zone"]).columns).toEqual(["id", "area"]);
    expect(() => t.select(["id", "id"])).toThrowError(DataArgumentError);
    expect(t.columns).toEqual(["id", "zone", "area"]);
  });

  it("rows(indices) gathers rows in the given order, repeats allowed, and composes", () => {
    const r = t.rows([3, 0, 3]);
    expect([...r.numericColumn("id")]).toEqual([4, 1, 4]);
    expect(r.textColumn("zone")).toEqual(["RL", "RL", "RL"]);
    const rr = r.rows([1]).select(["zone", "id"]);
    expect(rr.toRecords()).toEqual([{ zone: "RL", id: 1 }]);
    expect(t.rows([]).shape).toEqual([0, 3]);
  });

  it("rows() with an index out of range or not an integer throws, naming it", () => {
    expect(() => t.rows([0, 4])).toThrowError(/index 4 at position 1 is out of range \[0, 4\)/);
    expect(() => t.rows([-1])).toThrowError(DataArgumentError);
    expect(() => t.rows([0.5])).toThrowError(DataArgumentError);
  });

  it("head(n) returns the first n rows (all when shorter)", () => {
    expect([...t.head(2).numericColumn("id")]).toEqual([1, 2]);
    expect(t.head(10).nRows).toBe(4);
    expect(t.head().nRows).toBe(4);
    expect(() => t.head(-1)).toThrowError(/n must be an integer >= 0, got -1/);
  });

  it("text columns are frozen and fromColumns copies its inputs", () => {
    const src = new Float64Array([1, 2]);
    const u = fromColumns({ x: src, s: ["a", "b"] });
    src[0] = 99;
    expect(u.numericColumn("x")[0]).toBe(1);
    expect(Object.isFrozen(u.textColumn("s"))).toBe(true);
  });

  it("withColumns() adds or replaces columns and checks their length", () => {
    const u = t.withColumns({ area: [1, 2, 3, 4], extra: ["a", "b", "c", "d"] });
    expect(u.columns).toEqual(["id", "zone", "area", "extra"]);
    expect([...u.numericColumn("area")]).toEqual([1, 2, 3, 4]);
    expect([...t.numericColumn("area")]).toEqual([80, Number.NaN, 120, 95.5]);
    expect(() => t.withColumns({ x: [1] })).toThrowError(/"x" has 1 values, the table has 4 rows/);
  });

  it("fromColumns() rejects mixed kinds, bad values and unequal lengths", () => {
    expect(() => fromColumns({ x: [1, "a"] as never })).toThrowError(/mixes numbers and strings/);
    expect(() => fromColumns({ x: [{}] as never })).toThrowError(
      /row 0: expected a number, a string or null/,
    );
    expect(() => fromColumns({ a: [1, 2], b: [1] })).toThrowError(
      /column "b" has 1 values, column "a" has 2/,
    );
  });

  it("toRecords() writes missing values as null", () => {
    expect(t.head(2).toRecords()).toEqual([
      { id: 1, zone: "RL", area: 80 },
      { id: 2, zone: null, area: null },
    ]);
  });
});

describe("Table.rows() (properties)", () => {
  it("rows(a).rows(b) equals rows(a[b]) and select commutes with rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (xs, ra, rb) => {
          const t = fromColumns({ x: xs, s: xs.map(String) });
          const a = ra.map((i) => i % xs.length);
          const b = a.length ? rb.map((i) => i % a.length) : [];
          const composed = t.rows(a).rows(b);
          const direct = t.rows(b.map((i) => a[i]));
          expect([...composed.numericColumn("x")]).toEqual([...direct.numericColumn("x")]);
          expect(composed.select(["s"]).textColumn("s")).toEqual(
            t.select(["s"]).rows(a).rows(b).textColumn("s"),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
