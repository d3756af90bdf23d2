import { describe, expect, it } from "vitest";
import { InvalidParameterError, PARAM_SCHEMA, resolveParams } from "../../src/gbdt/index.js";

describe("resolveParams(params)", () => {
  it("fills CatBoost's defaults", () => {
    const p = resolveParams({});
    expect(p.depth).toBe(6);
    expect(p.l2LeafReg).toBe(3);
    expect(p.borderCount).toBe(254);
    expect(p.oneHotMaxSize).toBe(2);
    expect(p.iterations).toBe(1000);
    expect(p.bootstrapType).toBe("MVS");
    expect(p.scoreFunction).toBe("Cosine");
  });

  it("accepts CatBoost's snake_case names and aliases", () => {
    const p = resolveParams({ learning_rate: 0.1, max_depth: 3, reg_lambda: 2, random_seed: 7 });
    expect([p.learningRate, p.depth, p.l2LeafReg, p.seed]).toEqual([0.1, 3, 2, 7]);
  });

  it("rejects an unknown name and lists the valid ones", () => {
    expect(() => resolveParams({ dept: 3 })).toThrow(
      /unknown parameter "dept" \(valid: iterations, learningRate, depth/,
    );
    expect(() => resolveParams({ dept: 3 })).toThrow(InvalidParameterError);
  });

  it("rejects a wrong type, a non-integer and out-of-range values with the rule and the value", () => {
    expect(() => resolveParams({ depth: "6" })).toThrow(/parameter "depth" must be a finite number, got "6"/);
    expect(() => resolveParams({ depth: 2.5 })).toThrow(/must be an integer, got 2.5/);
    expect(() => resolveParams({ depth: 17 })).toThrow(/parameter "depth" must be >= 1 and <= 16, got 17/);
    expect(() => resolveParams({ learningRate: 0 })).toThrow(/must be > 0/);
    expect(() => resolveParams({ subsample: 1.5 })).toThrow(/<= 1, got 1.5/);
    expect(() => resolveParams({ bootstrapType: "Poisson" })).toThrow(
      /one of Bayesian \| Bernoulli \| MVS \| No/,
    );
  });

  it("rejects one parameter given under two names", () => {
    expect(() => resolveParams({ learningRate: 0.1, eta: 0.2 })).toThrow(
      /given twice, as "learningRate" and "eta"/,
    );
  });

  it("returns a frozen copy that later changes of the input do not touch", () => {
    const input: Record<string, unknown> = { customMetric: ["R2"] };
    const p = resolveParams(input);
    (input.customMetric as string[]).push("MAE");
    expect(p.customMetric).toEqual(["R2"]);
    expect(Object.isFrozen(p)).toBe(true);
  });

  it("documents every parameter with a default", () => {
    for (const s of PARAM_SCHEMA) {
      expect(s.doc.length).toBeGreaterThan(5);
      expect("default" in s).toBe(true);
    }
  });
});
