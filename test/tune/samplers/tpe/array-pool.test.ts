import { describe, expect, it } from "vitest";
import { ArrayPool } from "../../../../src/tune/samplers/tpe/array-pool.js";

describe("ArrayPool", () => {
  it("hands out separate arrays until reset, then the same storage again", () => {
    const pool = new ArrayPool();
    const a = pool.f64(10);
    const b = pool.f64(10);
    a.fill(1);
    b.fill(2);
    expect(a.length).toBe(10);
    expect(Array.from(a)).toEqual(Array(10).fill(1));
    pool.reset();
    const again = pool.f64(8);
    expect(again.buffer).toBe(a.buffer);
    expect(again.length).toBe(8);
    // Not cleared: the previous user's values are still there.
    expect(again[0]).toBe(1);
  });

  it("grows an array that is too short, per kind", () => {
    const pool = new ArrayPool();
    const small = pool.u32(4);
    pool.reset();
    const big = pool.u32(1000);
    expect(big.length).toBe(1000);
    expect(big.buffer).not.toBe(small.buffer);
    const ints = pool.i32(3);
    expect(ints).toBeInstanceOf(Int32Array);
    expect(ints.length).toBe(3);
  });
});
