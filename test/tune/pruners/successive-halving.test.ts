import { describe, expect, it } from "vitest";
import { createStudy, SuccessiveHalvingPruner } from "../../../src/tune/index.js";
import { flat, runCurves } from "./helpers.js";

describe("SuccessiveHalvingPruner", () => {
  it("keeps a trial only if it is in the top 1/η at each rung", async () => {
    const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    // rungs at steps 1, 2, 4: the second trial is worse than the first at rung 0 (step 1)
    expect(await runCurves(pruner, [flat(1), flat(2), flat(0.5)])).toEqual([null, 1, null]);
  });

  it("records rung values as trial system attributes completed_rung_<r>", async () => {
    const study = await createStudy({
      pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
    });
    const trial = await study.ask();
    for (let step = 0; step < 5; step++) {
      trial.report(10 - step, step);
      expect(trial.shouldPrune()).toBe(false);
    }
    expect(trial.systemAttrs).toMatchObject({
      completed_rung_0: 9,
      completed_rung_1: 8,
      completed_rung_2: 6,
    });
  });

  it("minResource 'auto' waits for a completed trial, then uses its last step / 100", async () => {
    const curves = [flat(1, 300), flat(0.5, 300), flat(5, 300)];
    // The first trial runs unjudged; then auto = floor(299 / 100) = 2, so rung 0 is at step 2,
    // where the third trial meets the second one's value.
    expect(await runCurves(new SuccessiveHalvingPruner({ reductionFactor: 2 }), curves)).toEqual([
      null,
      null,
      2,
    ]);
  });

  it("validates options naming the value", () => {
    expect(() => new SuccessiveHalvingPruner({ reductionFactor: 1 })).toThrow(
      /reductionFactor must be >= 2, got 1/,
    );
    expect(() => new SuccessiveHalvingPruner({ minResource: 0 })).toThrow(
      /minResource must be an integer >= 1, got 0/,
    );
  });
});
