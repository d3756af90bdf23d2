import { describe, expect, it } from "vitest";
import { optimizationHistory } from "../../../../ui/src/studies/data/history.js";
import { trial } from "./make-trial.js";

const trials = [
  trial(0, { values: [5] }),
  trial(1, { values: [7] }),
  trial(2, { state: "PRUNED", values: [1] }),
  trial(3, { values: [3] }),
  trial(4, { state: "RUNNING", values: null, complete: null }),
  trial(5, { values: [4] }),
];

describe("optimizationHistory(trials, direction)", () => {
  it("plots COMPLETE trials and the best value so far when minimising", () => {
    const h = optimizationHistory(trials, "minimize");
    expect(h.points).toEqual([
      [0, 5],
      [1, 7],
      [3, 3],
      [5, 4],
    ]);
    expect(h.best).toEqual([
      [0, 5],
      [1, 5],
      [3, 3],
      [5, 3],
    ]);
    expect(h.bestNumber).toBe(3);
  });

  it("tracks the maximum when maximising, and picks the objective of a multi-objective trial", () => {
    expect(optimizationHistory(trials, "maximize").best.map((p) => p[1])).toEqual([5, 7, 7, 7]);
    const multi = [trial(0, { values: [1, 9] }), trial(1, { values: [2, 8] })];
    expect(optimizationHistory(multi, "minimize", 1).best).toEqual([
      [0, 9],
      [1, 8],
    ]);
  });

  it("is empty without COMPLETE trials", () => {
    expect(optimizationHistory([trial(0, { state: "FAIL" })], "minimize")).toEqual({
      points: [],
      best: [],
      bestNumber: null,
    });
  });
});
