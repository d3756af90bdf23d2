import { describe, expect, it } from "vitest";
import { fromColumns, StandardScaler } from "../../../src/data/index.js";

describe("StandardScaler", () => {
  it("StandardScaler: mean 0, population variance 1; missing values stay missing", () => {
    const out = new StandardScaler().fitTransform(fromColumns({ x: [1, 2, 3, null] })).numericColumn("x");
    expect(out[0]).toBeCloseTo(-Math.sqrt(1.5), 14);
    expect(out[1]).toBe(0);
    expect(Number.isNaN(out[3])).toBe(true);
  });
});
