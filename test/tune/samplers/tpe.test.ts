import { describe, expect, it } from "vitest";
import {
  createStudy,
  FloatDistribution,
  InvalidArgumentError,
  RandomSampler,
  TPESampler,
} from "../../../src/tune/index.js";
import { logNdtr, logNdtrDiff, ndtr, ndtri } from "../../../src/tune/samplers/tpe/normal.js";
import { defaultGamma, defaultWeights } from "../../../src/tune/samplers/tpe/split.js";

const sphere = (t: { suggestFloat: (n: string, l: number, h: number) => number }) =>
  [0, 1, 2].reduce((s, i) => s + (t.suggestFloat(`x${i}`, -5, 5) - 1) ** 2, 0);

async function bestValues(
  make: (seed: number) => TPESampler | RandomSampler,
  seeds: number[],
): Promise<number[]> {
  const out: number[] = [];
  for (const seed of seeds) {
    const study = await createStudy({ sampler: make(seed) });
    await study.optimize(sphere, { nTrials: 60 });
    out.push(study.bestValue);
  }
  return out.sort((a, b) => a - b);
}

describe("TPESampler", () => {
  it("finds better values than random search on a 3-d sphere (median of 5 seeds)", async () => {
    const seeds = [0, 1, 2, 3, 4];
    const tpe = await bestValues((seed) => new TPESampler({ seed }), seeds);
    const rnd = await bestValues((seed) => new RandomSampler({ seed }), seeds);
    expect(tpe[2]).toBeLessThan(rnd[2] / 3);
  });

  it("samples at random for the first nStartupTrials trials", async () => {
    const a = await createStudy({ sampler: new TPESampler({ seed: 5, nStartupTrials: 8 }) });
    const b = await createStudy({ sampler: new RandomSampler({ seed: 5 }) });
    for (const s of [a, b]) await s.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 8 });
    expect(a.trials.map((t) => t.params.x)).toEqual(b.trials.map((t) => t.params.x));
  });

  it("constantLiar spreads concurrent trials apart", async () => {
    const spread = async (constantLiar: boolean) => {
      const study = await createStudy({
        sampler: new TPESampler({ seed: 1, constantLiar, nStartupTrials: 10 }),
      });
      await study.optimize((t) => (t.suggestFloat("x", 0, 1) - 0.3) ** 2, { nTrials: 10 });
      // ask 8 trials at once, all running: with constant liar they should not pile up
      const trials = await Promise.all(Array.from({ length: 8 }, () => study.ask()));
      const xs = trials.map((t) => t.suggestFloat("x", 0, 1)).sort((p, q) => p - q);
      return xs[xs.length - 1] - xs[0];
    };
    expect(await spread(true)).toBeGreaterThan(await spread(false));
  });

  it("validates its options naming the value", () => {
    expect(() => new TPESampler({ nStartupTrials: -1 })).toThrow(
      /nStartupTrials must be an integer >= 0, got -1/,
    );
    expect(() => new TPESampler({ nEiCandidates: 0 })).toThrow(InvalidArgumentError);
    expect(() => new TPESampler({ multivariate: false, group: true })).toThrow(/group needs multivariate/);
  });

  it("ignores observations outside a narrowed range instead of failing", async () => {
    const study = await createStudy({ sampler: new TPESampler({ seed: 0, nStartupTrials: 3 }) });
    await study.optimize((t) => t.suggestFloat("x", 0, 10), { nTrials: 6 });
    const trial = await study.ask({ x: new FloatDistribution(0, 1) });
    expect(trial.params.x).toBeGreaterThanOrEqual(0);
    expect(trial.params.x).toBeLessThanOrEqual(1);
  });

  it("gamma and weights follow Optuna's defaults", () => {
    expect([1, 10, 11, 100, 1000].map(defaultGamma)).toEqual([1, 1, 2, 10, 25]);
    expect(Array.from(defaultWeights(3))).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(Array.from(w.slice(5))).toEqual(Array(25).fill(1));
  });
});

describe("normal distribution helpers", () => {
  it("ndtr and ndtri are inverse and match known values within 2e-7", () => {
    expect(ndtr(1.959963984540054)).toBeCloseTo(0.975, 7);
    for (const p of [1e-12, 1e-5, 0.01, 0.3, 0.5, 0.9, 0.999999])
      expect(ndtr(ndtri(p)) / p).toBeCloseTo(1, 6);
  });

  it("logNdtr stays finite and accurate far in the lower tail", () => {
    // log Φ(-40) = -804.6084420137538 (mpmath)
    expect(logNdtr(-40)).toBeCloseTo(-804.6084420137538, 4);
    expect(logNdtrDiff(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 6);
    expect(logNdtrDiff(5, 6)).toBeCloseTo(Math.log(2.866515718791939e-7 - 9.865876450377e-10), 5);
  });
});
