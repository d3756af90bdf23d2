import { describe, expect, it } from "vitest";
import { FAST_EXP_REL_ERROR, fastExp } from "../../../../src/tune/samplers/tpe/fast-exp.js";

describe("fastExp", () => {
  it("is within its stated relative error of Math.exp on [-41.5, 0]", () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = (-41.5 * i) / 200_000;
      worst = Math.max(worst, Math.abs(fastExp(x) - Math.exp(x)) / Math.exp(x));
    }
    expect(worst).toBeLessThan(FAST_EXP_REL_ERROR);
    expect(worst).toBeGreaterThan(0);
  });

  it("is Math.exp outside its table and for non-numbers", () => {
    for (const x of [-50, -745.2, -800, Number.NEGATIVE_INFINITY, 1e-9, 3])
      expect(fastExp(x)).toBe(Math.exp(x));
    expect(fastExp(Number.NaN)).toBeNaN();
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
  });
});
