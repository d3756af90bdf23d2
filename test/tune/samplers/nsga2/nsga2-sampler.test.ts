import { describe, expect, it } from "vitest";
import {
  createStudy,
  hypervolumeHistory,
  InMemoryStorage,
  InvalidArgumentError,
  NSGAIISampler,
  RandomSampler,
  type TrialLike,
} from "../../../../src/tune/index.js";

const zdt1 = (t: TrialLike): [number, number] => {
  const x = Array.from({ length: 10 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
  const g = 1 + (9 * x.slice(1).reduce((a, b) => a + b, 0)) / 9;
  return [x[0], g * (1 - Math.sqrt(x[0] / g))];
};

describe("NSGAIISampler", () => {
  it("improves the hypervolume over random search on ZDT1 (10 dims, 300 trials)", async () => {
    const run = async (sampler: NSGAIISampler | RandomSampler) => {
      const study = await createStudy({ directions: ["minimize", "minimize"], sampler });
      await study.optimize(zdt1, { nTrials: 300 });
      return hypervolumeHistory(study.trials, study.directions, [11, 11]).at(-1)!;
    };
    const nsga = await run(new NSGAIISampler({ seed: 0, populationSize: 30 }));
    const random = await run(new RandomSampler({ seed: 0 }));
    expect(nsga).toBeGreaterThan(random + 1);
  });

  it("assigns generations of populationSize trials in system attrs", async () => {
    const study = await createStudy({
      directions: ["minimize", "minimize"],
      sampler: new NSGAIISampler({ seed: 1, populationSize: 4 }),
    });
    await study.optimize(zdt1, { nTrials: 10 });
    expect(study.trials.map((t) => t.systemAttrs["nsga2:generation"])).toEqual([
      0, 0, 0, 0, 1, 1, 1, 1, 2, 2,
    ]);
  });

  it("children of generation 1 inherit from the parents (values lie between or near them)", async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({
      storage,
      studyName: "n",
      directions: ["minimize", "minimize"],
      sampler: new NSGAIISampler({ seed: 2, populationSize: 8, mutationProb: 0 }),
    });
    await study.optimize(zdt1, { nTrials: 16 });
    const parents = study.trials.slice(0, 8);
    for (const child of study.trials.slice(8)) {
      const x9 = child.params.x9 as number;
      const lo = Math.min(...parents.map((p) => p.params.x9 as number));
      const hi = Math.max(...parents.map((p) => p.params.x9 as number));
      expect(x9).toBeGreaterThanOrEqual(lo - 0.5 * (hi - lo));
      expect(x9).toBeLessThanOrEqual(hi + 0.5 * (hi - lo));
    }
  });

  it("prefers feasible trials: with a constraint, the final front is mostly feasible", async () => {
    const study = await createStudy({
      directions: ["minimize", "minimize"],
      sampler: new NSGAIISampler({ seed: 3, populationSize: 20 }),
    });
    await study.optimize(
      (t) => {
        const v = zdt1(t);
        t.setConstraint("f1_at_least_0.3", 0.3 - v[0]);
        return v;
      },
      { nTrials: 160 },
    );
    const last = study.trials.slice(-40);
    const feasible = last.filter((t) => (t.constraints["f1_at_least_0.3"] ?? 1) <= 0).length;
    expect(feasible).toBeGreaterThan(30);
    for (const t of study.bestTrials) expect(t.values![0]).toBeGreaterThanOrEqual(0.3);
  });

  it("handles int and categorical params", async () => {
    const study = await createStudy({
      directions: ["minimize", "maximize"],
      sampler: new NSGAIISampler({ seed: 4, populationSize: 10 }),
    });
    await study.optimize(
      (t) => {
        const n = t.suggestInt("n", 1, 100, { log: true });
        const k = t.suggestCategorical("k", ["a", "b", "c"]);
        return [n + (k === "a" ? 0 : 5), n];
      },
      { nTrials: 50 },
    );
    for (const t of study.trials) {
      expect(Number.isInteger(t.params.n)).toBe(true);
      expect(["a", "b", "c"]).toContain(t.params.k);
    }
  });

  it("rejects bad options", () => {
    expect(() => new NSGAIISampler({ populationSize: 1 })).toThrow(
      /populationSize must be an integer >= 2, got 1/,
    );
    expect(() => new NSGAIISampler({ crossoverProb: 2 })).toThrow(InvalidArgumentError);
    expect(() => new NSGAIISampler({ crossover: "blx" as never })).toThrow(/invalid crossover: blx/);
  });
});
