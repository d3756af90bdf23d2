import { describe, expect, it } from "vitest";
import { cv, Pool, train } from "../../src/gbdt/index.js";
import { gbdtPruningCallback } from "../../src/integrations/index.js";
import {
  createStudy,
  InvalidArgumentError,
  MedianPruner,
  type Pruner,
  RandomSampler,
  SuccessiveHalvingPruner,
  ThresholdPruner,
  TrialPruned,
} from "../../src/tune/index.js";

function data(n = 200): Pool {
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = (i * 37) % 101;
    b[i] = (i * 11) % 13;
    y[i] = a[i] * 0.1 + Math.sin(b[i]) + ((i * 7) % 5) * 0.01;
  }
  return new Pool({ a, b }, { label: y });
}

/** A trial whose pruner prunes once a reported value is below `below` (a real study trial). */
async function liveTrial(below: number) {
  const study = await createStudy({ pruner: new ThresholdPruner({ lower: below }) });
  return { study, trial: await study.ask() };
}

describe("gbdtPruningCallback", () => {
  it("reports every iteration of cv and stops it by throwing TrialPruned when the pruner says so", async () => {
    const { study, trial } = await liveTrial(Number.NEGATIVE_INFINITY);
    // lower threshold -inf never prunes: every iteration reported
    const res = await cv(
      data(),
      { iterations: 20, depth: 3, learningRate: 0.3 },
      {
        nfold: 3,
        onIteration: gbdtPruningCallback(trial, "test-RMSE-mean"),
      },
    );
    const frozen = await study.tell(trial, res.bestScore);
    expect([...frozen.intermediateValues.keys()]).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(frozen.intermediateValues.get(5)).toBe(res.results["test-RMSE-mean"][5]);
  });

  it("prunes: the fit stops at the pruning iteration and TrialPruned propagates", async () => {
    const study = await createStudy({ pruner: new ThresholdPruner({ upper: 1.5 }) });
    const trial = await study.ask();
    const hook = gbdtPruningCallback(trial, "test-RMSE-mean");
    let last = -1;
    await expect(
      cv(
        data(),
        { iterations: 200, depth: 3, learningRate: 0.05 },
        {
          nfold: 3,
          onIteration: (it, m) => {
            last = it;
            return hook(it, m);
          },
        },
      ),
    ).rejects.toBeInstanceOf(TrialPruned);
    expect(hook.pruned).toBe(true);
    expect(hook.prunedAt).toBe(last);
    expect(last).toBe(0); // the first mean RMSE is above 1.5
  });

  it("with throwOnPrune false stops train early and checkPruned throws afterwards", async () => {
    const study = await createStudy({ pruner: new ThresholdPruner({ upper: 2.5 }) });
    const trial = await study.ask();
    const pool = data();
    const hook = gbdtPruningCallback(trial, "validation-RMSE", { interval: 5, throwOnPrune: false });
    const model = train(
      pool,
      { iterations: 300, depth: 3, learningRate: 0.02 },
      { evalSet: pool, onIteration: hook },
    );
    expect(hook.pruned).toBe(true);
    expect(hook.prunedAt! % 5).toBe(0);
    expect(model.evalsResult.learn.RMSE.length).toBe(hook.prunedAt! + 1);
    expect(() => hook.checkPruned()).toThrow(TrialPruned);
    const steps = [...trial.frozen.intermediateValues.keys()];
    expect(steps.every((s) => s % 5 === 0)).toBe(true);
  });

  it("names the missing metric and checks the interval", async () => {
    const { trial } = await liveTrial(0);
    expect(() => gbdtPruningCallback(trial, "x", { interval: 0 })).toThrow(
      /interval must be an integer >= 1, got 0/,
    );
    const hook = gbdtPruningCallback(trial, "test-MAE-mean");
    expect(() => hook(0, { "test-RMSE-mean": 1 })).toThrow(InvalidArgumentError);
    expect(() => hook(0, { "test-RMSE-mean": 1 })).toThrow(
      /"test-MAE-mean" is not reported; available: test-RMSE-mean/,
    );
  });

  it.each<[string, () => Pruner]>([
    ["MedianPruner", () => new MedianPruner({ nStartupTrials: 2, nWarmupSteps: 5 })],
    ["SuccessiveHalvingPruner", () => new SuccessiveHalvingPruner({ minResource: 5, reductionFactor: 3 })],
  ])(
    "%s stops cv folds mid-fit through the callback: some trials PRUNED before the last iteration",
    async (_, pruner) => {
      const pool = data(150);
      const study = await createStudy({ sampler: new RandomSampler({ seed: 2 }), pruner: pruner() });
      await study.optimize(
        async (trial) => {
          const res = await cv(
            pool,
            {
              iterations: 60,
              depth: 3,
              learningRate: trial.suggestFloat("learning_rate", 0.005, 0.3, { log: true }),
            },
            { nfold: 3, onIteration: gbdtPruningCallback(trial, "test-RMSE-mean") },
          );
          return res.bestScore;
        },
        { nTrials: 12 },
      );
      const pruned = study.trials.filter((t) => t.state === "PRUNED");
      expect(pruned.length).toBeGreaterThan(0);
      for (const t of pruned) expect(t.lastStep!).toBeLessThan(59);
      expect(study.trials.some((t) => t.state === "COMPLETE" && t.lastStep === 59)).toBe(true);
    },
  );
});
