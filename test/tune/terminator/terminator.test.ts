import { describe, expect, it } from "vitest";
import {
  BestValueStagnationEvaluator,
  CrossValidationErrorEvaluator,
  createStudy,
  RandomSampler,
  RegretBoundEvaluator,
  reportCrossValidationScores,
  StaticErrorEvaluator,
  Terminator,
  type Trial,
  terminatorCallback,
} from "../../../src/tune/index.js";

describe("terminator", () => {
  it("BestValueStagnationEvaluator + StaticErrorEvaluator(0) stops 6 trials after the last improvement", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    const stop = terminatorCallback(
      new Terminator({
        improvementEvaluator: new BestValueStagnationEvaluator(5),
        errorEvaluator: new StaticErrorEvaluator(0),
        minNTrials: 1,
      }),
    );
    await study.optimize(
      (t) => {
        t.suggestFloat("x", 0, 1);
        return t.number === 0 ? 0 : 1;
      },
      {
        nTrials: 100,
        callbacks: [stop],
      },
    );
    expect(study.trials).toHaveLength(7);
  });

  it("CrossValidationErrorEvaluator: √(1/k + 1/(k−1))·sd of the best trial's folds (checked by hand)", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize(
      (t) => {
        t.suggestFloat("x", 0, 1);
        reportCrossValidationScores(t as Trial, t.number === 1 ? [1, 2, 3] : [5, 5.5]);
        return t.number === 1 ? 2 : 5;
      },
      { nTrials: 3 },
    );
    const error = new CrossValidationErrorEvaluator().evaluate(study.getTrials(), study.directions);
    expect(error).toBeCloseTo(Math.sqrt(1 / 3 + 1 / 2), 12);
  });

  it("the GP regret bound stops a study whose folds disagree more than the room left, and not one with precise folds", async () => {
    const run = async (foldSpread: number) => {
      const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }) });
      await study.optimize(
        (t) => {
          const v = (t.suggestFloat("x", 0, 1) - 0.4) ** 2;
          reportCrossValidationScores(t as Trial, [v - foldSpread, v, v + foldSpread]);
          return v;
        },
        {
          nTrials: 40,
          callbacks: [
            terminatorCallback(new Terminator({ improvementEvaluator: new RegretBoundEvaluator() })),
          ],
        },
      );
      return study.trials.length;
    };
    expect(await run(1)).toBe(20);
    expect(await run(1e-9)).toBe(40);
  });

  it("the regret bound shrinks as a smooth objective gets explored", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 2 }) });
    await study.optimize((t) => Math.sin(3 * t.suggestFloat("x", 0, 2)) + t.suggestFloat("y", 0, 1), {
      nTrials: 120,
    });
    const trials = study.getTrials({ states: ["COMPLETE"] });
    const evaluator = new RegretBoundEvaluator();
    const early = evaluator.evaluate(trials.slice(0, 20), study.directions);
    const late = evaluator.evaluate(trials, study.directions);
    expect(late).toBeLessThan(early);
    expect(evaluator.evaluate(trials.slice(0, 10), study.directions)).toBe(Infinity);
  });
});
