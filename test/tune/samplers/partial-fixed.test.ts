import { describe, expect, it } from "vitest";
import { createStudy, PartialFixedSampler, RandomSampler, TPESampler } from "../../../src/tune/index.js";

describe("PartialFixedSampler", () => {
  it("fixes the given params and lets the base sampler (relative TPE) choose the rest", async () => {
    const study = await createStudy({
      sampler: new PartialFixedSampler({ y: 3, k: "b" }, new TPESampler({ seed: 0, nStartupTrials: 5 })),
    });
    await study.optimize(
      (t) =>
        (t.suggestFloat("x", -5, 5) - 1) ** 2 +
        t.suggestInt("y", 0, 10) +
        (t.suggestCategorical("k", ["a", "b"]) === "a" ? 0 : 1),
      { nTrials: 30 },
    );
    for (const t of study.trials) {
      expect(t.params.y).toBe(3);
      expect(t.params.k).toBe("b");
    }
    expect(new Set(study.trials.map((t) => t.params.x)).size).toBe(30);
    expect(Math.abs((study.bestParams.x as number) - 1)).toBeLessThan(0.5);
  });

  it("passes reseedRng and hooks to the base sampler", () => {
    const base = new RandomSampler({ seed: 1 });
    let reseeded = 0;
    base.reseedRng = () => {
      reseeded++;
    };
    new PartialFixedSampler({}, base).reseedRng();
    expect(reseeded).toBe(1);
  });
});
