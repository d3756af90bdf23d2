import { describe, expect, it } from "vitest";
import { axisPosition, fromAxisPosition, paramAxis } from "../../../../ui/src/studies/data/param-axis.js";

describe("paramAxis(name, distribution, values)", () => {
  it("log floats get a log scale and log10 positions", () => {
    const a = paramAxis("lr", { type: "float", low: 1e-4, high: 1, log: true, step: null }, [0.01]);
    expect(a).toMatchObject({ scale: "log", min: 1e-4, max: 1 });
    expect(axisPosition(a, 0.01)).toBeCloseTo(-2, 12);
    expect(fromAxisPosition(a, -3)).toBeCloseTo(1e-3, 15);
  });

  it("categoricals list their choices in order, plus values outside them, as labels", () => {
    const a = paramAxis("opt", { type: "categorical", choices: ["sgd", null, true] }, ["adam", "sgd"]);
    expect(a.categories).toEqual(["sgd", "null", "true", "adam"]);
    expect(axisPosition(a, null)).toBe(1);
    expect(axisPosition(a, "adam")).toBe(3);
    expect(axisPosition(a, "rmsprop")).toBeNaN();
  });

  it("without a distribution, numbers give a linear axis over their range and strings a category axis", () => {
    expect(paramAxis("x", undefined, [3, -1, 2])).toMatchObject({ scale: "linear", min: -1, max: 3 });
    expect(paramAxis("k", undefined, [1, "a"]).scale).toBe("category");
    expect(axisPosition(paramAxis("x", undefined, [1]), "a")).toBeNaN();
  });
});
