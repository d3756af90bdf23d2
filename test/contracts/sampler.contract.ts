import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  createStudy,
  type Distribution,
  FloatDistribution,
  IntDistribution,
  type Sampler,
  TrialPruned,
} from "../../src/tune/index.js";

/** Arbitrary valid distributions: float (plain, log, step), int (plain, log, step), categorical. */
export const distributionArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc
    .tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-6, max: 100, noNaN: true }))
    .map(([low, w]) => new FloatDistribution(low, low + w)),
  fc
    .tuple(fc.double({ min: 1e-5, max: 10, noNaN: true }), fc.double({ min: 1, max: 1e4, noNaN: true }))
    .map(([low, f]) => new FloatDistribution(low, low * f, { log: true })),
  fc
    .tuple(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0.01, max: 5, noNaN: true }),
    )
    .map(([low, n, step]) => new FloatDistribution(low, low + n * step, { step })),
  fc
    .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 200 }))
    .map(([low, w]) => new IntDistribution(low, low + w)),
  fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 1000 }))
    .map(([low, w]) => new IntDistribution(low, low + w, { log: true })),
  fc
    .tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 5 }))
    .map(([low, n, step]) => new IntDistribution(low, low + n * step, { step })),
  fc
    .uniqueArray(fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean()), {
      minLength: 1,
      maxLength: 5,
    })
    .map((c) => new CategoricalDistribution(c)),
);

function suggest(
  trial: Awaited<ReturnType<Awaited<ReturnType<typeof createStudy>>["ask"]>>,
  name: string,
  d: Distribution,
) {
  if (d.kind === "float") return trial.suggestFloat(name, d.low, d.high, { log: d.log, step: d.step });
  if (d.kind === "int") return trial.suggestInt(name, d.low, d.high, { log: d.log, step: d.step });
  return trial.suggestCategorical(name, d.choices);
}

/**
 * The contract every sampler keeps, run once per implementation.
 * `make(seed)` builds a fresh sampler; capabilities opt into the suites that apply.
 */
export function samplerSuite(
  name: string,
  make: (seed: number) => Sampler,
  options: { reproducible?: boolean } = {},
): void {
  const { reproducible = true } = options;

  describe(`sampler contract: ${name}`, () => {
    it("every suggested value lies in its distribution (property, 25 trials per space)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(distributionArb, { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 0, max: 1000 }),
          async (dists, seed) => {
            const study = await createStudy({ sampler: make(seed) });
            await study.optimize(
              (trial) => {
                let v = 0;
                dists.forEach((d, i) => {
                  const x = suggest(trial, `p${i}`, d);
                  const internal = d.toInternal(x);
                  expect(d.contains(internal), `${JSON.stringify(x)} outside ${JSON.stringify(d)}`).toBe(
                    true,
                  );
                  if (d.kind === "int") expect(Number.isInteger(x)).toBe(true);
                  v += typeof x === "number" ? x : internal;
                });
                return v;
              },
              { nTrials: 25 },
            );
          },
        ),
        { numRuns: 12 },
      );
    });

    if (reproducible)
      it("the same seed reproduces the same sequence", async () => {
        const run = async () => {
          const study = await createStudy({ sampler: make(7) });
          await study.optimize(
            (t) =>
              t.suggestFloat("x", -3, 3) ** 2 +
              t.suggestInt("n", 1, 9) +
              (t.suggestCategorical("c", ["a", "b"]) === "a" ? 0 : 1),
            { nTrials: 30 },
          );
          return study.trials.map((t) => t.params);
        };
        expect(await run()).toEqual(await run());
      });

    it("handles conditional parameters, PRUNED and FAIL trials", async () => {
      const study = await createStudy({ sampler: make(3) });
      await study.optimize(
        (t) => {
          const kind = t.suggestCategorical("kind", ["lin", "log"]);
          const x = kind === "lin" ? t.suggestFloat("a", 0, 1) : t.suggestFloat("b", 1e-3, 1, { log: true });
          if (t.number % 7 === 3) throw new TrialPruned();
          if (t.number % 11 === 5) return Number.NaN;
          return x;
        },
        { nTrials: 40 },
      );
      expect(study.trials).toHaveLength(40);
      expect(study.trials.filter((t) => t.state === "COMPLETE").length).toBeGreaterThan(25);
    });
  });
}
