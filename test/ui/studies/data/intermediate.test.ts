import { describe, expect, it } from "vitest";
import { intermediateValues } from "../../../../ui/src/studies/data/intermediate.js";
import { trial } from "./make-trial.js";

describe("intermediateValues(trials)", () => {
  it("gives one curve per reporting trial and marks where pruned trials stopped", () => {
    const ts = [
      trial(0, {
        intermediate: [
          [0, 3],
          [1, 2],
          [2, 1],
        ],
      }),
      trial(1, {
        state: "PRUNED",
        intermediate: [
          [0, 4],
          [1, Number.NaN],
          [2, 3.5],
        ],
      }),
      trial(2, { state: "FAIL" }),
      trial(3, { state: "RUNNING", intermediate: [[0, 5]] }),
    ];
    const d = intermediateValues(ts);
    expect(d.curves.map((c) => [c.number, c.state, c.points.length])).toEqual([
      [0, "COMPLETE", 3],
      [1, "PRUNED", 2],
      [3, "RUNNING", 1],
    ]);
    expect(d.prunedAt).toEqual([[2, 3.5, 1]]);
    expect(d.nPoints).toBe(6);
  });
});
