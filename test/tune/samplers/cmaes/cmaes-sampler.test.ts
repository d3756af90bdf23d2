import { describe, expect, it } from "vitest";
import {
  CmaEsSampler,
  createStudy,
  InMemoryStorage,
  InvalidArgumentError,
  setVerbosity,
  type TrialLike,
} from "../../../../src/tune/index.js";

setVerbosity("error");

const sphere =
  (dim: number, lo = -5, hi = 5) =>
  (t: TrialLike) => {
    let s = 0;
    for (let i = 0; i < dim; i++) s += (t.suggestFloat(`x${i}`, lo, hi) - 1) ** 2;
    return s;
  };

describe("CmaEsSampler", () => {
  it("converges on a 5-D sphere far better than its first generation", async () => {
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 3 }) });
    await study.optimize(sphere(5), { nTrials: 300 });
    const firstGen = Math.min(...study.trials.slice(0, 9).map((t) => t.value!));
    expect(study.bestValue).toBeLessThan(1e-3);
    expect(study.bestValue).toBeLessThan(firstGen / 1000);
  });

  it("is reproducible with a seed, including seed 0", async () => {
    const run = async (seed: number) => {
      const study = await createStudy({ sampler: new CmaEsSampler({ seed }) });
      await study.optimize(sphere(3), { nTrials: 40 });
      return study.trials.map((t) => t.params.x0);
    };
    expect(await run(0)).toEqual(await run(0));
    expect(await run(0)).not.toEqual(await run(1));
  });

  it("records generations in trial system attrs, one generation per popsize trials", async () => {
    const study = await createStudy({ sampler: new CmaEsSampler({ seed: 1, popsize: 5 }) });
    await study.optimize(sphere(2), { nTrials: 21 });
    const gens = study.trials.slice(1).map((t) => t.systemAttrs["cma:generation"]);
    expect(gens).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(study.trials[0].systemAttrs["cma:generation"]).toBeUndefined();
  });

  it("rebuilds its state from the stored trials: a new process continues the same run", async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({
      storage,
      studyName: "s",
      sampler: new CmaEsSampler({ seed: 1, popsize: 4 }),
    });
    await a.optimize(sphere(3), { nTrials: 13 });
    // A fresh sampler (as in another process) resumes at generation 3, not 0.
    const b = await createStudy({
      storage,
      studyName: "s",
      loadIfExists: true,
      sampler: new CmaEsSampler({ seed: 2, popsize: 4 }),
    });
    await b.optimize(sphere(3), { nTrials: 4 });
    expect(b.trials.slice(13).map((t) => t.systemAttrs["cma:generation"])).toEqual([3, 3, 3, 3]);
    // ...and samples near the first process's mean, not from the centre's wide start distribution.
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    const firstGen = a.trials.slice(1, 5).map((t) => t.params.x0 as number);
    const resumed = b.trials.slice(13).map((t) => t.params.x0 as number);
    expect(spread(resumed)).toBeLessThan(spread(firstGen) * 1.5 + 1);
  });

  it("samples int params as ints within range and categoricals with the independent sampler", async () => {
    const study = await createStudy({
      sampler: new CmaEsSampler({ seed: 4, warnIndependentSampling: false }),
    });
    await study.optimize(
      (t) => {
        const n = t.suggestInt("n", 1, 64, { log: true });
        const k = t.suggestCategorical("k", ["a", "b"]);
        const x = t.suggestFloat("x", 0, 1, { step: 0.25 });
        return Math.abs(Math.log2(n) - 3) + (k === "a" ? 0 : 1) + x;
      },
      { nTrials: 60 },
    );
    for (const t of study.trials) {
      expect(Number.isInteger(t.params.n)).toBe(true);
      expect(t.params.n as number).toBeGreaterThanOrEqual(1);
      expect(t.params.n as number).toBeLessThanOrEqual(64);
      expect([0, 0.25, 0.5, 0.75, 1]).toContain(t.params.x);
    }
    expect(study.trials.filter((t) => t.systemAttrs["cma:generation"] !== undefined).length).toBe(59);
    expect(study.bestParams.n).toBe(8);
  });

  it("restartStrategy ipop restarts a converged run with a doubled population", async () => {
    const study = await createStudy({
      sampler: new CmaEsSampler({ seed: 5, popsize: 4, restartStrategy: "ipop" }),
    });
    // A flat objective meets the TolFun criterion after ~10 + 30n/λ generations.
    await study.optimize((t) => t.suggestFloat("a", 0, 1) * 0 + t.suggestFloat("b", 0, 1) * 0, {
      nTrials: 150,
    });
    const restarts = new Set(study.trials.map((t) => t.systemAttrs["cma:restart"]));
    expect(restarts.has(1)).toBe(true);
    const key = Object.keys(study.systemAttrs).find((k) => k.startsWith("cma:restart:") && k.endsWith(":1"))!;
    expect((study.systemAttrs[key] as { popsize: number }).popsize).toBe(8);
  });

  it("maximises when the direction is maximize", async () => {
    const study = await createStudy({ direction: "maximize", sampler: new CmaEsSampler({ seed: 2 }) });
    await study.optimize((t) => -sphere(3)(t), { nTrials: 150 });
    expect(study.bestValue).toBeGreaterThan(-0.05);
  });

  it("x0 sets the initial mean", async () => {
    const study = await createStudy({
      sampler: new CmaEsSampler({ seed: 1, x0: { x0: 4, x1: 4 }, sigma0: 0.01 }),
    });
    await study.optimize(sphere(2), { nTrials: 8 });
    for (const t of study.trials.slice(1)) expect(Math.abs((t.params.x0 as number) - 4)).toBeLessThan(0.6);
  });

  it("rejects bad options, naming the value", () => {
    expect(() => new CmaEsSampler({ sigma0: -1 })).toThrow(/sigma0 must be > 0, got -1/);
    expect(() => new CmaEsSampler({ popsize: 1 })).toThrow(InvalidArgumentError);
    expect(() => new CmaEsSampler({ restartStrategy: "xpop" as never })).toThrow(
      /invalid restartStrategy: xpop/,
    );
  });
});
