import { describe, expect, it } from "vitest";
import {
  createStudy,
  GPSampler,
  RandomSampler,
  setVerbosity,
  type TrialLike,
} from "../../../../src/tune/index.js";

setVerbosity("error");

const branin = (t: TrialLike) => {
  const x1 = t.suggestFloat("x0", -5, 10);
  const x2 = t.suggestFloat("x1", 0, 15);
  return (
    (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 * x1 + (5 / Math.PI) * x1 - 6) ** 2 +
    10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) +
    10
  );
};

const mixed = (t: TrialLike) => {
  const x = t.suggestFloat("x", -5, 5);
  const lr = t.suggestFloat("lr", 1e-5, 1, { log: true });
  const depth = t.suggestInt("depth", 1, 20);
  const kind = t.suggestCategorical("kind", ["a", "b", "c", "d"]);
  return (
    (x - 1.3) ** 2 + (Math.log10(lr) + 2) ** 2 + 0.05 * (depth - 7) ** 2 + { a: 1, b: 0.5, c: 0, d: 2 }[kind]
  );
};

describe("GPSampler", () => {
  it("finds Branin's optimum (0.3979) within 40 trials, far better than random search", async () => {
    const gp = await createStudy({ sampler: new GPSampler({ seed: 0 }) });
    await gp.optimize(branin, { nTrials: 40 });
    const random = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    await random.optimize(branin, { nTrials: 40 });
    expect(gp.bestValue).toBeLessThan(0.41);
    expect(gp.bestValue).toBeLessThan(random.bestValue);
  });

  it("handles log, int and categorical params: near the optimum of a mixed space in 40 trials", async () => {
    const study = await createStudy({ sampler: new GPSampler({ seed: 1 }) });
    await study.optimize(mixed, { nTrials: 40 });
    expect(study.bestValue).toBeLessThan(0.1);
    expect(study.bestParams.kind).toBe("c");
    for (const t of study.trials) expect(Number.isInteger(t.params.depth)).toBe(true);
  });

  it("maximises when the direction is maximize", async () => {
    const study = await createStudy({ direction: "maximize", sampler: new GPSampler({ seed: 2 }) });
    await study.optimize((t) => -((t.suggestFloat("x", 0, 1) - 0.7) ** 2), { nTrials: 20 });
    expect(Math.abs((study.bestParams.x as number) - 0.7)).toBeLessThan(0.02);
  });

  it("uses a given independent sampler for the first nStartupTrials trials, and is seeded", async () => {
    const run = async () => {
      const study = await createStudy({
        sampler: new GPSampler({
          seed: 3,
          nStartupTrials: 5,
          independentSampler: new RandomSampler({ seed: 3 }),
        }),
      });
      await study.optimize(branin, { nTrials: 8 });
      return study.trials.map((t) => t.params);
    };
    const a = await run();
    expect(a).toEqual(await run());
    const random = await createStudy({ sampler: new RandomSampler({ seed: 3 }) });
    await random.optimize(branin, { nTrials: 5 });
    expect(a.slice(0, 5)).toEqual(random.trials.map((t) => t.params));
  });

  it("by default the start-up trials form a Latin hypercube (one trial per stratum of each parameter)", async () => {
    const run = async () => {
      const study = await createStudy({ sampler: new GPSampler({ seed: 5, nStartupTrials: 8 }) });
      await study.optimize(mixed, { nTrials: 8 });
      return study.trials.map((t) => t.params);
    };
    const a = await run();
    expect(a).toEqual(await run());
    const strata = (values: number[]) => new Set(values.map((u) => Math.min(7, Math.floor(u * 8)))).size;
    expect(strata(a.map((p) => ((p.x as number) + 5) / 10))).toBe(8);
    expect(strata(a.map((p) => (Math.log(p.lr as number) - Math.log(1e-5)) / -Math.log(1e-5)))).toBe(8);
    // 4 choices over 8 strata: each choice exactly twice.
    const kinds = a.map((p) => p.kind as string);
    for (const k of ["a", "b", "c", "d"]) expect(kinds.filter((v) => v === k)).toHaveLength(2);
  });

  it("with trial.setConstraint, prefers the feasible region and finds the constrained optimum", async () => {
    const study = await createStudy({ sampler: new GPSampler({ seed: 4 }) });
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        const y = t.suggestFloat("y", 0, 1);
        t.setConstraint("sum", x + y - 1); // feasible when x + y <= 1
        return (x - 0.9) ** 2 + (y - 0.9) ** 2;
      },
      { nTrials: 40 },
    );
    // Unconstrained optimum (0.9, 0.9) is infeasible; the constrained one is (0.5, 0.5) with 0.32.
    expect(study.bestValue).toBeLessThan(0.34);
    expect(study.bestParams.x as number).toBeLessThan(0.6);
    // After start-up it samples on or inside the boundary, rarely deep in the infeasible region.
    const later = study.trials.slice(10);
    const deepInfeasible = later.filter((t) => t.constraints.sum > 0.05).length;
    expect(deepInfeasible / later.length).toBeLessThan(0.2);
  });

  it("rejects bad options", () => {
    expect(() => new GPSampler({ nStartupTrials: -1 })).toThrow(
      /nStartupTrials must be an integer >= 0, got -1/,
    );
    expect(() => new GPSampler({ warpObjective: "sqrt" as never })).toThrow(/invalid warpObjective: sqrt/);
  });
});
