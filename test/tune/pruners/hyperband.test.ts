import { describe, expect, it } from "vitest";
import { createStudy, HyperbandPruner, TPESampler, TrialPruned } from "../../../src/tune/index.js";
import { crc32 } from "../../../src/tune/pruners/hyperband.js";

describe("HyperbandPruner", () => {
  it("crc32 is zlib's", () => {
    expect(crc32("hello")).toBe(907060870);
  });

  it("assigns trials to brackets exactly as Optuna does (vectors from Optuna 5.0)", async () => {
    const pruner = new HyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 });
    // Brackets are built at the first prune() call.
    const study = await createStudy({ studyName: "hb-test", pruner });
    const trial = await study.ask();
    trial.report(1, 0);
    trial.shouldPrune();
    expect(pruner.nBrackets).toBe(4);
    const ids = Array.from({ length: 20 }, (_, n) => pruner.bracketOf("hb-test", n));
    expect(ids).toEqual([3, 0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 3, 0]);
  });

  it("prunes during optimize and saves steps on a learning-curve objective", async () => {
    let steps = 0;
    const study = await createStudy({
      studyName: "curves",
      pruner: new HyperbandPruner({ minResource: 1, maxResource: 30 }),
      sampler: new TPESampler({ seed: 0 }),
    });
    await study.optimize(
      (trial) => {
        const x = trial.suggestFloat("x", 0, 1);
        let v = 0;
        for (let s = 1; s <= 30; s++) {
          steps++;
          v = (x - 0.3) ** 2 + 1 / s;
          trial.report(v, s);
          if (trial.shouldPrune()) throw new TrialPruned();
        }
        return v;
      },
      { nTrials: 40 },
    );
    expect(study.trials.filter((t) => t.state === "PRUNED").length).toBeGreaterThan(10);
    expect(steps).toBeLessThan(0.7 * 40 * 30);
    expect(study.bestValue).toBeLessThan(0.05);
  });

  it("samplerScope 'bracket' shows samplers only the trial's bracket", async () => {
    const pruner = new HyperbandPruner({ minResource: 1, maxResource: 27, samplerScope: "bracket" });
    const study = await createStudy({ studyName: "hb-test", pruner });
    for (let i = 0; i < 6; i++) {
      const t = await study.ask();
      t.report(i, 0);
      t.shouldPrune();
      await study.tell(t, i);
    }
    const t = await study.ask(); // number 6 is in bracket 1
    const view = study.samplerView(t.frozen);
    expect(view.getTrials().every((x) => pruner.bracketOf("hb-test", x.number) === 1)).toBe(true);
    expect(view.getTrials().map((x) => x.number)).toEqual([6]);
  });

  it("validates options naming the value", () => {
    expect(() => new HyperbandPruner({ minResource: 5, maxResource: 2 })).toThrow(
      /maxResource must be >= minResource, got 2 < 5/,
    );
    expect(() => new HyperbandPruner({ samplerScope: "local" as never })).toThrow(
      /invalid samplerScope: local/,
    );
  });
});
