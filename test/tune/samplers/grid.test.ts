import { describe, expect, it } from "vitest";
import { createStudy, GridSampler, InvalidArgumentError } from "../../../src/tune/index.js";

describe("GridSampler", () => {
  it("tries every grid point exactly once, then stops the study", async () => {
    const sampler = new GridSampler({ x: [-1, 0, 1], kind: ["a", "b"] }, { seed: 0 });
    const study = await createStudy({ sampler });
    await study.optimize(
      (t) => t.suggestFloat("x", -1, 1) + (t.suggestCategorical("kind", ["a", "b"]) === "a" ? 0 : 10),
      {
        nTrials: 100,
      },
    );
    expect(study.trials).toHaveLength(6);
    const points = study.trials.map((t) => `${t.params.x}|${t.params.kind}`).sort();
    expect(points).toEqual(["-1|a", "-1|b", "0|a", "0|b", "1|a", "1|b"]);
  });

  it("with concurrency, running points are not handed out twice", async () => {
    const study = await createStudy({
      sampler: new GridSampler({ x: [1, 2, 3, 4, 5, 6, 7, 8] }, { seed: 1 }),
    });
    await study.optimize(
      async (t) => {
        const x = t.suggestInt("x", 1, 8);
        await new Promise((r) => setTimeout(r, 2));
        return x;
      },
      { nTrials: 8, concurrency: 4 },
    );
    expect(new Set(study.trials.map((t) => t.params.x)).size).toBe(8);
  });

  it("a seed fixes the order of the points", async () => {
    const order = async () => {
      const study = await createStudy({ sampler: new GridSampler({ x: [1, 2, 3, 4, 5] }, { seed: 9 }) });
      await study.optimize((t) => t.suggestInt("x", 1, 5), { nTrials: 5 });
      return study.trials.map((t) => t.params.x);
    };
    expect(await order()).toEqual(await order());
  });

  it("rejects an empty grid and a parameter that is not in the grid", async () => {
    expect(() => new GridSampler({})).toThrow(InvalidArgumentError);
    expect(() => new GridSampler({ x: [] })).toThrow(/values of "x" must be a non-empty array/);
    const study = await createStudy({ sampler: new GridSampler({ x: [1] }) });
    await expect(study.optimize((t) => t.suggestFloat("y", 0, 1), { nTrials: 1 })).rejects.toThrow(
      /"y" is not in the grid/,
    );
  });
});
