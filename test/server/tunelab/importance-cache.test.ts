import { describe, expect, it } from "vitest";
import { ImportanceCache } from "../../../src/server/tunelab/importance-cache.js";
import { computeImportances, planImportances } from "../../../src/server/tunelab/importance-compute.js";
import { ImportanceThread } from "../../../src/server/tunelab/importance-thread.js";
import {
  createTrial,
  FloatDistribution,
  type FrozenStudy,
  type FrozenTrial,
  Rng,
} from "../../../src/tune/index.js";

const study: FrozenStudy = {
  studyId: 3,
  studyName: "s",
  directions: ["maximize"],
  userAttrs: {},
  systemAttrs: {},
};
const space = { a: new FloatDistribution(0, 1), b: new FloatDistribution(0, 1) };

/** `n` COMPLETE trials where the value is driven by `a` only (and `b` is noise-free irrelevant). */
function trials(n: number, seed = 0): FrozenTrial[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const a = rng.random();
    const b = rng.random();
    return createTrial({ params: { a, b }, distributions: space, value: -((a - 0.3) ** 2) }).with({
      trialId: i,
    });
  });
}

describe("ImportanceCache", () => {
  it("get() computes once per set of COMPLETE trials and serves repeats from the cache", async () => {
    let now = 0;
    const cache = new ImportanceCache({ now: () => now, minIntervalMs: 1000 });
    const ts = trials(30);
    const first = await cache.get(study, ts, "fanova", 0);
    expect(first.cached).toBe(false);
    expect(first.importances[0].param).toBe("a");
    expect(await cache.get(study, ts, "fanova", 0)).toEqual({ ...first, cached: true });
    expect((await cache.get(study, ts, "ped-anova", 0)).cached).toBe(false);

    // one more COMPLETE trial: stale result until the interval has passed, then a new one
    const more = [...ts, ...trials(1, 9).map((t) => t.with({ trialId: 30, number: 30 }))];
    now = 500;
    expect(await cache.get(study, more, "fanova", 0)).toMatchObject({
      cached: true,
      stale: true,
      n_trials: 30,
    });
    now = 1e9; // beyond max(minIntervalMs, 20 × the computation time)
    expect(await cache.get(study, more, "fanova", 0)).toMatchObject({ cached: false, n_trials: 31 });
    expect((await cache.get(study, more, "fanova", 0)).cached).toBe(true);
  });

  it("drops the least recently used combination beyond maxEntries", async () => {
    const cache = new ImportanceCache({ maxEntries: 1 });
    const ts = trials(10);
    await cache.get(study, ts, "ped-anova", 0);
    await cache.get({ ...study, studyId: 4 }, ts, "ped-anova", 0);
    expect((await cache.get(study, ts, "ped-anova", 0)).cached).toBe(false);
  });

  it("requests arriving during a computation share it", async () => {
    let runs = 0;
    const cache = new ImportanceCache({
      evaluate: async (task) => {
        runs++;
        await new Promise((r) => setTimeout(r, 20));
        return [{ param: "a", importance: task.trials.length }];
      },
    });
    const ts = trials(10);
    const [a, b] = await Promise.all([cache.get(study, ts, "fanova", 0), cache.get(study, ts, "fanova", 0)]);
    expect(runs).toBe(1);
    expect([a.cached, b.cached]).toEqual([false, true]);
    expect(b.importances).toEqual(a.importances);
  });
});

describe("ImportanceThread", () => {
  it("computes in a worker what this thread computes, also for several tasks at once", async () => {
    const thread = new ImportanceThread();
    try {
      const ts = trials(60);
      const plans = (["fanova", "ped-anova"] as const).map((e) => planImportances(study, ts, e, 0));
      const tasks = plans.map((p) => ("task" in p ? p.task : expect.unreachable()));
      const here = tasks.map((t) => computeImportances(study, t.trials, t.evaluator, 0).importances);
      expect(await Promise.all(tasks.map((t) => thread.evaluate(t)))).toEqual(here);
      // answered by a worker, not by the fallback in this thread
      expect(thread.threadId).toBeGreaterThan(0);
    } finally {
      await thread.close();
    }
  });

  it("after close() computes in this thread", async () => {
    const thread = new ImportanceThread();
    await thread.close();
    const plan = planImportances(study, trials(30), "fanova", 0);
    if (!("task" in plan)) expect.unreachable();
    expect((await thread.evaluate(plan.task))[0].param).toBe("a");
  });
});

describe("computeImportances(study, trials, evaluator, objective, maxTrials)", () => {
  it("runs fANOVA on a seeded sample above maxTrials and says so", () => {
    const ts = trials(60);
    const r = computeImportances(study, ts, "fanova", 0, 40);
    expect(r).toMatchObject({ n_trials: 60, n_sampled: 40 });
    expect(r.importances[0].param).toBe("a");
    expect(computeImportances(study, ts, "fanova", 0, 40)).toEqual(r);
    expect(computeImportances(study, ts, "fanova", 0)).not.toHaveProperty("n_sampled");
  });

  it("orients a maximised objective so PED-ANOVA looks at the best trials", () => {
    // the best trials (largest value) all have a near 0.3; with the wrong orientation the
    // compared trials would be the worst ones, which spread over a's two ends
    const r = computeImportances(study, trials(200), "ped-anova", 0);
    expect(r.importances[0].param).toBe("a");
    expect(r.importances[0].importance).toBeGreaterThan(0.8);
  });
});
