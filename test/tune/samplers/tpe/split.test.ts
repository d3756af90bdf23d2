import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FrozenTrial } from "../../../../src/tune/frozen-trial.js";
import {
  createStudy,
  createTrial,
  FloatDistribution,
  hypervolumeHistory,
  RandomSampler,
  TPESampler,
} from "../../../../src/tune/index.js";
import { defaultGamma, splitByValue, splitMask } from "../../../../src/tune/samplers/tpe/split.js";

const x = new FloatDistribution(0, 1);
let nextNumber = 0;
function t(options: Parameters<typeof createTrial>[0]): FrozenTrial {
  const n = nextNumber++;
  return createTrial({ params: { x: 0.5 }, distributions: { x }, ...options }).with({
    trialId: n,
    number: n,
  });
}
const pruned = (steps: Record<number, number>) => t({ state: "PRUNED", intermediateValues: steps });
const below = (trials: FrozenTrial[], directions: ("minimize" | "maximize")[], n: number) =>
  Array.from(splitMask(trials, directions, () => n)).flatMap((b, i) => (b ? [i] : []));

describe("splitMask (TPE's good/bad split, as Optuna's _split_trials)", () => {
  it("fills the good slots with COMPLETE trials by value, then PRUNED ones by last step, then last value", () => {
    const trials = [
      pruned({ 1: 0.1, 2: 0.5 }), // 0: step 2, value 0.5
      t({ value: 3 }), // 1
      pruned({ 1: 0.05 }), // 2: step 1
      t({ value: 1 }), // 3
      pruned({ 1: 0.2, 2: 0.4 }), // 4: step 2, value 0.4
      pruned({}), // 5: no report: last
      t({ value: 2 }), // 6
    ];
    expect(below(trials, ["minimize"], 2)).toEqual([3, 6]);
    expect(below(trials, ["minimize"], 4)).toEqual([1, 3, 4, 6]);
    expect(below(trials, ["minimize"], 5)).toEqual([0, 1, 3, 4, 6]);
    expect(below(trials, ["minimize"], 6)).toEqual([0, 1, 2, 3, 4, 6]);
    // Maximising flips both the COMPLETE and the PRUNED order.
    expect(below(trials, ["maximize"], 4)).toEqual([0, 1, 3, 6]);
  });

  it("counts only finished trials in n and never puts RUNNING (constant liar) trials among the good", () => {
    const running = t({ state: "RUNNING" });
    const trials = [running, t({ value: 1 }), t({ value: 2 })];
    let seen = -1;
    const mask = splitMask(trials, ["minimize"], (n) => {
      seen = n;
      return 3;
    });
    expect(seen).toBe(2);
    expect(Array.from(mask)).toEqual([0, 1, 1]);
  });

  it("puts infeasible trials after every feasible one, by total violation", () => {
    const bad = (v: number, c: number) => t({ value: v, systemAttrs: { "constraints:c": c } });
    const trials = [bad(0, 2), t({ value: 5 }), bad(0, 1)];
    expect(below(trials, ["minimize"], 1)).toEqual([1]);
    expect(below(trials, ["minimize"], 2)).toEqual([1, 2]);
  });

  it("with several objectives takes whole non-domination fronts, then breaks the tie by hypervolume", () => {
    const v = (a: number, b: number) => t({ values: [a, b] });
    // Front 0: (0,3) (1,1) (3,0); front 1: (2,2); dominated further: (4,4).
    const trials = [v(4, 4), v(0, 3), v(1, 1), v(2, 2), v(3, 0)];
    expect(below(trials, ["minimize", "minimize"], 3)).toEqual([1, 2, 4]);
    expect(below(trials, ["minimize", "minimize"], 4)).toEqual([1, 2, 3, 4]);
    // Two of front 0: (1,1) has the largest box, then (0,3) or (3,0), which add the same.
    const two = below(trials, ["minimize", "minimize"], 2);
    expect(two).toHaveLength(2);
    expect(two).toContain(2);
    // Maximising the second objective turns the fronts around.
    expect(below(trials, ["minimize", "maximize"], 1)).toEqual([1]);
  });

  it("splitByValue marks what splitMask marks for COMPLETE trials of one objective (property)", () => {
    fc.assert(
      fc.property(
        // Few distinct values: ties, which go to the earlier trial.
        fc.array(fc.constantFrom(-2, 0, 0.5, 1, 3), { maxLength: 60 }),
        fc.constantFrom<"minimize" | "maximize">("minimize", "maximize"),
        fc.integer({ min: 0, max: 70 }),
        (values, direction, k) => {
          const trials = values.map((value) => t({ value }));
          const want = splitMask(trials, [direction], () => k);
          const got = splitByValue(
            Float64Array.from(values),
            direction,
            () => k,
            new Uint8Array(values.length),
          );
          expect(Array.from(got)).toEqual(Array.from(want));
        },
      ),
    );
  });

  it("defaultGamma caps the good trials at 25; several objectives use ceil(0.1 n) (Optuna 5)", async () => {
    expect(defaultGamma(1000)).toBe(25);
    const { defaultGammaMultiObjective } = await import("../../../../src/tune/samplers/tpe/split.js");
    expect(defaultGammaMultiObjective(1000)).toBe(100);
  });
});

describe("TPESampler with several objectives (MOTPE)", () => {
  const problem = (trial: { suggestFloat: (n: string, l: number, h: number) => number }) => {
    const a = trial.suggestFloat("a", 0, 1);
    const b = trial.suggestFloat("b", 0, 1);
    const c = trial.suggestFloat("c", 0, 1);
    const g = 1 + 9 * ((b + c) / 2);
    return [a, g * (1 - Math.sqrt(a / g))];
  };

  it("reaches a larger hypervolume than random search (median of 5 seeds, 80 trials)", async () => {
    const hv = async (make: (seed: number) => TPESampler | RandomSampler) => {
      const out: number[] = [];
      for (const seed of [0, 1, 2, 3, 4]) {
        const study = await createStudy({ directions: ["minimize", "minimize"], sampler: make(seed) });
        await study.optimize(problem, { nTrials: 80 });
        out.push(hypervolumeHistory(study.trials, study.directions, [1.1, 11]).at(-1)!);
      }
      return out.sort((p, q) => p - q)[2];
    };
    const tpe = await hv((seed) => new TPESampler({ seed }));
    const random = await hv((seed) => new RandomSampler({ seed }));
    expect(tpe).toBeGreaterThan(random);
  });

  it("reproduces its sequence from a seed, also with hypervolumeWeights", async () => {
    const run = async (hypervolumeWeights: boolean) => {
      const study = await createStudy({
        directions: ["minimize", "minimize"],
        sampler: new TPESampler({ seed: 3, hypervolumeWeights }),
      });
      await study.optimize(problem, { nTrials: 30 });
      return study.trials.map((tr) => tr.params);
    };
    expect(await run(false)).toEqual(await run(false));
    const weighted = await run(true);
    expect(weighted).toEqual(await run(true));
    expect(weighted).not.toEqual(await run(false));
  });
});
