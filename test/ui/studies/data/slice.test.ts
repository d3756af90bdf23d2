import { describe, expect, it } from "vitest";
import { paramAxis } from "../../../../ui/src/studies/data/param-axis.js";
import { slices } from "../../../../ui/src/studies/data/slice.js";
import { trial } from "./make-trial.js";

describe("slices(trials, axes)", () => {
  it("plots each COMPLETE trial's value against each parameter it has", () => {
    const ts = [
      trial(0, { values: [1], params: { x: 0.1, c: "a" } }),
      trial(1, { values: [2], params: { x: 10 } }),
      trial(2, { state: "PRUNED", values: [0], params: { x: 1, c: "b" } }),
    ];
    const axes = [
      paramAxis("x", { type: "float", low: 0.01, high: 100, log: true }, []),
      paramAxis("c", { type: "categorical", choices: ["a", "b"] }, []),
    ];
    const [x, c] = slices(ts, axes);
    expect(x.points.map((p) => [Math.round(p[0]), p[1], p[2]])).toEqual([
      [-1, 1, 0],
      [1, 2, 1],
    ]);
    expect(c.points).toEqual([[0, 1, 0]]);
  });
});
