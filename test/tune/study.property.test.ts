import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStudy, RandomSampler, TPESampler, TrialPruned } from "../../src/tune/index.js";

type Outcome =
  | { kind: "value"; v: number }
  | { kind: "prune"; v: number }
  | { kind: "fail" }
  | { kind: "nan" };

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => ({ kind: "value" as const, v })),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => ({ kind: "prune" as const, v })),
  fc.constant({ kind: "fail" as const }),
  fc.constant({ kind: "nan" as const }),
);

describe("study properties", () => {
  it("bestTrial is the best COMPLETE trial for any sequence of outcomes (both directions)", async () => {
    class Expected extends Error {}
    await fc.assert(
      fc.asyncProperty(
        fc.array(outcomeArb, { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        async (outcomes, maximize) => {
          const study = await createStudy({
            direction: maximize ? "maximize" : "minimize",
            sampler: new RandomSampler({ seed: 0 }),
          });
          const queue = [...outcomes];
          await study.optimize(
            (trial) => {
              const o = queue.shift()!;
              if (o.kind === "fail") throw new Expected();
              if (o.kind === "nan") return Number.NaN;
              trial.report(o.v, 0);
              if (o.kind === "prune") throw new TrialPruned();
              return o.v;
            },
            { nTrials: outcomes.length, catch: [Expected] },
          );
          const complete = outcomes.flatMap((o, i) => (o.kind === "value" ? [{ i, v: o.v }] : []));
          if (complete.length === 0) {
            expect(() => study.bestTrial).toThrow(/no complete trial/);
            return;
          }
          const target = maximize
            ? Math.max(...complete.map((c) => c.v))
            : Math.min(...complete.map((c) => c.v));
          expect(study.bestValue).toBe(target);
          expect(study.bestTrial.state).toBe("COMPLETE");
          expect(outcomes[study.bestTrial.number]).toEqual({ kind: "value", v: target });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("ask/tell in any interleaving keeps numbers consecutive and every trial told exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          const study = await createStudy({
            sampler: new TPESampler({ seed: 1, nStartupTrials: 3, constantLiar: true }),
          });
          let total = 0;
          for (const k of batches) {
            const trials = await Promise.all(Array.from({ length: k }, () => study.ask()));
            for (const t of trials) t.suggestFloat("x", 0, 1);
            for (const t of trials.reverse()) await study.tell(t, t.params.x as number);
            total += k;
          }
          expect(study.trials.map((t) => t.number)).toEqual([...Array(total).keys()]);
          expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
          expect(new Set(study.trials.map((t) => t.trialId)).size).toBe(total);
        },
      ),
      { numRuns: 25 },
    );
  });
});
