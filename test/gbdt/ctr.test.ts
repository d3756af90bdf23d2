import { describe, expect, it } from "vitest";
import { Pool, train } from "../../src/gbdt/index.js";

describe("ordered target statistics", () => {
  it("a categorical column equal to the row id gives no train/validation gap (no target leakage)", () => {
    let s = 5;
    const r = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const n = 1000;
    const id = Array.from({ length: n }, (_, i) => `row${i}`);
    const noise = Float64Array.from({ length: n }, r);
    const y = Array.from({ length: n }, () => r());
    const pool = new Pool({ id, noise }, { label: y });
    const learn = pool.slice(Array.from({ length: 800 }, (_, i) => i));
    const valid = pool.slice(Array.from({ length: 200 }, (_, i) => 800 + i));
    const m = train(
      learn,
      { iterations: 100, depth: 4, learningRate: 0.1, randomStrength: 0, bootstrapType: "No" },
      { evalSet: valid },
    );
    const trainRmse = m.evalsResult.learn.RMSE[99];
    const validRmse = m.evalsResult.validation.RMSE[99];
    // the id's statistic is the prior for every learn row, so it cannot fit the labels;
    // only the numeric noise column can, and it overfits mildly
    const sd = Math.sqrt(y.slice(0, 800).reduce((a, v) => a + (v - 0.5) ** 2, 0) / 800);
    expect(trainRmse).toBeGreaterThan(0.85 * sd);
    expect(validRmse - trainRmse).toBeLessThan(0.1 * sd);
    const imp = m.featureImportance();
    expect(imp.find((f) => f.feature === "id")!.importance).toBeLessThan(5);
  });
});
