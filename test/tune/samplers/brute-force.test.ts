import { describe, expect, it } from "vitest";
import { BruteForceSampler, createStudy, InvalidArgumentError } from "../../../src/tune/index.js";

describe("BruteForceSampler", () => {
  it("tries every combination of ints, stepped floats and categoricals once, then stops", async () => {
    const study = await createStudy({ sampler: new BruteForceSampler({ seed: 0 }) });
    await study.optimize(
      (t) =>
        t.suggestInt("a", 0, 2) +
        t.suggestFloat("b", 0, 0.5, { step: 0.25 }) +
        (t.suggestCategorical("c", [true, false]) ? 1 : 0),
      { nTrials: 100 },
    );
    expect(study.trials).toHaveLength(18);
    const combos = new Set(study.trials.map((t) => JSON.stringify(t.params)));
    expect(combos.size).toBe(18);
  });

  it("enumerates conditional spaces as a tree", async () => {
    const study = await createStudy({ sampler: new BruteForceSampler({ seed: 1 }) });
    await study.optimize(
      (t) => {
        const kind = t.suggestCategorical("kind", ["linear", "tree"]);
        if (kind === "linear") return t.suggestInt("l2", 0, 1);
        return t.suggestInt("depth", 1, 3) + t.suggestInt("leaves", 0, 1);
      },
      { nTrials: 50 },
    );
    // 2 linear + 3·2 tree combinations.
    expect(study.trials).toHaveLength(8);
    expect(new Set(study.trials.map((t) => JSON.stringify(t.params))).size).toBe(8);
  });

  it("refuses a continuous float, naming it", async () => {
    const study = await createStudy({ sampler: new BruteForceSampler() });
    await expect(study.optimize((t) => t.suggestFloat("lr", 0, 1), { nTrials: 1 })).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(study.trials[0].systemAttrs.fail_reason).toMatch(/"lr" is a continuous float/);
  });
});
