import { describe, expect, it } from "vitest";
import { ThresholdPruner } from "../../../src/tune/index.js";
import { runCurves } from "./helpers.js";

describe("ThresholdPruner", () => {
  it("prunes when the latest value leaves [lower, upper] or is NaN", async () => {
    const pruned = await runCurves(new ThresholdPruner({ lower: 0, upper: 1 }), [
      [0.5, 0.5, 0.5],
      [0.5, 1.5, 0.5],
      [0.5, -1],
      [Number.NaN],
    ]);
    expect(pruned).toEqual([null, 1, 1, 0]);
  });

  it("needs a bound and a sane order", () => {
    expect(() => new ThresholdPruner({})).toThrow(/give lower, upper or both/);
    expect(() => new ThresholdPruner({ lower: 2, upper: 1 })).toThrow(/lower must be <= upper, got 2 > 1/);
  });
});
