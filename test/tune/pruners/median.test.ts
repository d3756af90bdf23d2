import { describe, expect, it } from "vitest";
import { InvalidArgumentError, MedianPruner, NopPruner, PercentilePruner } from "../../../src/tune/index.js";
import { flat, runCurves } from "./helpers.js";

describe("MedianPruner", () => {
  it("prunes a trial worse than the median of completed trials at the same step, after nStartupTrials", async () => {
    // Completed: 1, 2, 3 (median 2). Then 2.5 (worse) is pruned at its first step, 1.5 (better) is not.
    const pruned = await runCurves(new MedianPruner({ nStartupTrials: 3 }), [
      flat(1),
      flat(2),
      flat(3),
      flat(2.5),
      flat(1.5),
    ]);
    expect(pruned).toEqual([null, null, null, 0, null]);
  });

  it("uses the best value the trial reached so far and respects nWarmupSteps", async () => {
    const pruned = await runCurves(new MedianPruner({ nStartupTrials: 2, nWarmupSteps: 2 }), [
      flat(1),
      flat(1),
      [0.5, 9, 9, 9, 9], // best so far 0.5 < median 1: never pruned
      [9, 9, 9, 9, 9], // pruned at step 2, the first step after warm-up
    ]);
    expect(pruned).toEqual([null, null, null, 2]);
  });

  it("mirrors the comparison for maximisation", async () => {
    const pruned = await runCurves(
      new MedianPruner({ nStartupTrials: 2 }),
      [flat(1), flat(3), flat(1.5), flat(2.5)],
      {
        direction: "maximize",
      },
    );
    expect(pruned).toEqual([null, null, 0, null]);
  });

  it("intervalSteps judges once per window", async () => {
    const pruned = await runCurves(new MedianPruner({ nStartupTrials: 1, intervalSteps: 3 }), [
      flat(1, 7),
      flat(5, 7),
    ]);
    expect(pruned).toEqual([null, 0]);
    const late = await runCurves(new MedianPruner({ nStartupTrials: 1, intervalSteps: 3, nWarmupSteps: 1 }), [
      flat(1, 7),
      flat(5, 7),
    ]);
    expect(late).toEqual([null, 1]);
  });

  it("validates options naming the value", () => {
    expect(() => new MedianPruner({ nStartupTrials: -1 })).toThrow(
      /nStartupTrials must be an integer >= 0, got -1/,
    );
    expect(() => new MedianPruner({ intervalSteps: 0 })).toThrow(InvalidArgumentError);
    expect(() => new PercentilePruner(120)).toThrow(/percentile must be in \[0, 100\], got 120/);
  });
});

describe("PercentilePruner and NopPruner", () => {
  it("PercentilePruner(25) keeps only trials in the best quarter", async () => {
    const pruned = await runCurves(new PercentilePruner(25, { nStartupTrials: 4 }), [
      flat(1),
      flat(2),
      flat(3),
      flat(4),
      flat(1.5),
      flat(1.9),
    ]);
    // 25th percentile of [1,2,3,4] = 1.75
    expect(pruned.slice(4)).toEqual([null, 0]);
  });

  it("NopPruner never prunes", async () => {
    expect(await runCurves(new NopPruner(), [flat(1), flat(100), flat(1000)])).toEqual([null, null, null]);
  });
});
