import { describe, expect, it } from "vitest";
import { edf } from "../../../../ui/src/studies/data/edf.js";
import { trial } from "./make-trial.js";

describe("edf(trials)", () => {
  it("gives the fraction of COMPLETE trials at or below each value, ties merged", () => {
    const ts = [3, 1, 2, 2, Number.NaN].map((v, i) => trial(i, { values: [v] }));
    ts.push(trial(9, { state: "PRUNED", values: [0] }));
    expect(edf(ts)).toEqual([
      [1, 0.25],
      [2, 0.75],
      [3, 1],
    ]);
  });

  it("reads the chosen objective and is empty without data", () => {
    expect(edf([trial(0, { values: [1, 10] }), trial(1, { values: [2, 5] })], 1)).toEqual([
      [5, 0.5],
      [10, 1],
    ]);
    expect(edf([])).toEqual([]);
  });
});
