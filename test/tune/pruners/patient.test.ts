import { describe, expect, it } from "vitest";
import { PatientPruner } from "../../../src/tune/index.js";
import { runCurves } from "./helpers.js";

describe("PatientPruner", () => {
  it("without a wrapped pruner, prunes once the last patience+1 steps are all worse than the best before them", async () => {
    const pruned = await runCurves(new PatientPruner(null, 2), [
      [5, 4, 3, 2, 1], // always improving
      [5, 4, 4, 4, 4], // a plateau at the best value is not worse: kept (as Optuna)
      [5, 4, 4.5, 4.5, 4.5], // worse than 4 for 3 steps: pruned at step 4
    ]);
    expect(pruned).toEqual([null, null, 4]);
  });

  it("minDelta tolerates that much deterioration (Optuna's semantics)", async () => {
    const curve = [5, 4, 4.3, 4.6];
    expect(await runCurves(new PatientPruner(null, 1), [curve])).toEqual([3]);
    expect(await runCurves(new PatientPruner(null, 1, 0.5), [curve])).toEqual([null]);
  });

  it("rejects a negative patience", () => {
    expect(() => new PatientPruner(null, -1)).toThrow(/patience must be an integer >= 0, got -1/);
  });
});
