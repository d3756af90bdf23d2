import { describe, expect, it } from "vitest";
import { parallelCoordinates } from "../../../../ui/src/studies/data/parallel.js";
import { paramAxis } from "../../../../ui/src/studies/data/param-axis.js";
import { trial } from "./make-trial.js";

describe("parallelCoordinates(trials, params, name)", () => {
  it("makes log and category axes and one row per COMPLETE trial having every param", () => {
    const axes = [
      paramAxis("lr", { type: "float", low: 1e-4, high: 1, log: true }, []),
      paramAxis("opt", { type: "categorical", choices: ["sgd", true] }, []),
    ];
    const ts = [
      trial(0, { values: [0.5], params: { lr: 0.01, opt: true } }),
      trial(1, { values: [0.2], params: { lr: 0.1 } }),
      trial(2, { values: [0.9], params: { lr: 0.001, opt: "sgd" } }),
      trial(3, { state: "FAIL", params: { lr: 0.001, opt: "sgd" } }),
    ];
    const p = parallelCoordinates(ts, axes, "loss");
    expect(p.axes.map((a) => a.type)).toEqual(["log", "category", "value"]);
    expect(p.axes[1].categories).toEqual(["sgd", "true"]);
    expect(p.rows).toEqual([
      [0.01, "true", 0.5],
      [0.001, "sgd", 0.9],
    ]);
    expect(p.numbers).toEqual([0, 2]);
    expect([p.objectiveIndex, p.valueMin, p.valueMax]).toEqual([2, 0.5, 0.9]);
  });
});
