import { describe, expect, it } from "vitest";
import {
  createStudy,
  FanovaImportanceEvaluator,
  getParamImportances,
  InvalidArgumentError,
  PedAnovaImportanceEvaluator,
  RandomSampler,
} from "../../../src/tune/index.js";

async function study(direction: "minimize" | "maximize" = "minimize") {
  const s = await createStudy({ direction, sampler: new RandomSampler({ seed: 0 }) });
  await s.optimize(
    (t) => {
      const a = t.suggestFloat("a", -1, 1);
      const b = t.suggestFloat("b", 1e-3, 1, { log: true });
      const c = t.suggestInt("c", 0, 10);
      const k = t.suggestCategorical("k", ["p", "q", "r"]);
      const v = 40 * a * a + Math.log10(b) ** 2 + 0 * c + (k === "q" ? 0.5 : 0);
      return direction === "minimize" ? v : -v;
    },
    { nTrials: 200 },
  );
  return s;
}

describe("getParamImportances", () => {
  for (const [name, evaluator] of [
    ["fANOVA", new FanovaImportanceEvaluator({ seed: 0, nTrees: 16 })],
    ["PED-ANOVA", new PedAnovaImportanceEvaluator()],
  ] as const) {
    it(`${name}: ranks a (strong) > b > c (unused), sums to 1, largest first`, async () => {
      const s = await study();
      const imp = getParamImportances(s, { evaluator });
      expect(Object.keys(imp)[0]).toBe("a");
      expect(imp.a).toBeGreaterThan(imp.b);
      expect(imp.b).toBeGreaterThan(imp.c);
      expect(Object.values(imp).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
      const values = Object.values(imp);
      expect([...values].sort((x, y) => y - x)).toEqual(values);
    });
  }

  it("gives the same ranking for a maximised objective", async () => {
    const s = await study("maximize");
    const imp = getParamImportances(s, { evaluator: new PedAnovaImportanceEvaluator() });
    expect(Object.keys(imp)[0]).toBe("a");
  });

  it("params restricts the evaluation; normalize: false keeps raw scores", async () => {
    const s = await study();
    const imp = getParamImportances(s, {
      evaluator: new FanovaImportanceEvaluator({ seed: 1, nTrees: 8 }),
      params: ["b", "c"],
      normalize: false,
    });
    expect(Object.keys(imp).sort()).toEqual(["b", "c"]);
    expect(imp.b).toBeGreaterThan(0.3);
    expect(imp.b).toBeLessThanOrEqual(1);
  });

  it("rejects an unknown param and a multi-objective study without target", async () => {
    const s = await study();
    expect(() => getParamImportances(s, { params: ["zz"] })).toThrow(
      /parameter "zz" is not in every complete trial/,
    );
    const mo = await createStudy({ directions: ["minimize", "minimize"] });
    await mo.optimize((t) => [t.suggestFloat("x", 0, 1), 1], { nTrials: 3 });
    expect(() => getParamImportances(mo)).toThrow(InvalidArgumentError);
    const imp = getParamImportances(mo, {
      target: (t) => t.values![0],
      evaluator: new PedAnovaImportanceEvaluator(),
    });
    expect(Object.keys(imp)).toEqual(["x"]);
  });
});
