import { describe, expect, it } from "vitest";
import {
  createStudy,
  createTrial,
  DuplicatedStudyError,
  deleteStudy,
  FloatDistribution,
  getAllStudySummaries,
  InMemoryStorage,
  InvalidArgumentError,
  InvalidStateError,
  loadStudy,
  NopPruner,
  RandomSampler,
  StudyNotFoundError,
  TrialPruned,
  UpdateFinishedTrialError,
} from "../../src/tune/index.js";
import { freshSqlite } from "../helpers/databases.js";

const quadratic = (trial: { suggestFloat: (n: string, l: number, h: number) => number }) =>
  (trial.suggestFloat("x", -10, 10) - 2) ** 2;

describe("createStudy / optimize", () => {
  it("optimize({nTrials}) runs that many trials and bestTrial is the best COMPLETE one", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }) });
    await study.optimize(quadratic, { nTrials: 30 });
    expect(study.trials).toHaveLength(30);
    const complete = study.trials.filter((t) => t.state === "COMPLETE");
    const min = Math.min(...complete.map((t) => t.value!));
    expect(study.bestValue).toBe(min);
    expect(study.bestParams.x).toBe(study.bestTrial.params.x);
    expect(study.trials.map((t) => t.number)).toEqual([...Array(30).keys()]);
  });

  it("direction maximize picks the largest value", async () => {
    const study = await createStudy({ direction: "maximize", sampler: new RandomSampler({ seed: 2 }) });
    await study.optimize(quadratic, { nTrials: 20 });
    expect(study.bestValue).toBe(Math.max(...study.trials.map((t) => t.value!)));
  });

  it("rejects an invalid direction naming it", async () => {
    await expect(createStudy({ direction: "maximise" as never })).rejects.toThrow(
      /invalid direction: maximise/,
    );
    await expect(createStudy({ direction: "minimize", directions: ["minimize"] })).rejects.toThrow(
      InvalidArgumentError,
    );
  });

  it("a duplicated name throws unless loadIfExists", async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({ studyName: "s", storage });
    await a.optimize(quadratic, { nTrials: 3 });
    await expect(createStudy({ studyName: "s", storage })).rejects.toThrow(DuplicatedStudyError);
    const b = await createStudy({ studyName: "s", storage, loadIfExists: true });
    expect(b.trials).toHaveLength(3);
  });

  it("loadStudy finds a study by name and lists the existing ones when it is missing", async () => {
    const storage = new InMemoryStorage();
    await createStudy({ studyName: "alpha", storage });
    const loaded = await loadStudy({ storage });
    expect(loaded.studyName).toBe("alpha");
    await expect(loadStudy({ studyName: "beta", storage })).rejects.toThrow(
      /"beta" not found \(existing studies: "alpha"\)/,
    );
    await expect(loadStudy({ studyName: "beta", storage })).rejects.toBeInstanceOf(StudyNotFoundError);
  });

  it("deleteStudy removes the study and getAllStudySummaries lists the rest", async () => {
    const storage = new InMemoryStorage();
    const s1 = await createStudy({ studyName: "one", storage, sampler: new RandomSampler({ seed: 0 }) });
    await s1.optimize(quadratic, { nTrials: 4 });
    await createStudy({ studyName: "two", storage });
    await deleteStudy({ studyName: "two", storage });
    const summaries = await getAllStudySummaries(storage);
    expect(summaries.map((s) => s.studyName)).toEqual(["one"]);
    expect(summaries[0].nTrials).toBe(4);
    expect(summaries[0].bestTrial?.value).toBe(s1.bestValue);
  });

  it("an unknown storage URI scheme names the scheme", async () => {
    await expect(createStudy({ storage: "mongodb://x" })).rejects.toThrow(/scheme "mongodb"/);
  });
});

describe("trial outcomes", () => {
  it("NaN, undefined and wrong arity make the trial FAIL with a reason, and the study goes on", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    const results: unknown[] = [Number.NaN, undefined, [1, 2], 5];
    await study.optimize(() => results.shift() as number, { nTrials: 4 });
    expect(study.trials.map((t) => t.state)).toEqual(["FAIL", "FAIL", "FAIL", "COMPLETE"]);
    expect(study.trials[0].systemAttrs.fail_reason).toMatch(/NaN/);
    expect(study.trials[2].systemAttrs.fail_reason).toMatch(/2 values/);
    expect(study.bestTrial.number).toBe(3);
  });

  it("an error listed in catch fails the trial and optimize continues", async () => {
    class Flaky extends Error {}
    const study = await createStudy();
    let n = 0;
    await study.optimize(
      () => {
        if (n++ % 2 === 0) throw new Flaky("boom");
        return 1;
      },
      { nTrials: 4, catch: [Flaky] },
    );
    expect(study.trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE", "FAIL", "COMPLETE"]);
    expect(study.trials[0].systemAttrs.fail_reason).toBe("Error: boom");
  });

  it("any other error fails the trial and propagates", async () => {
    const study = await createStudy();
    await expect(
      study.optimize(
        () => {
          throw new RangeError("bad");
        },
        { nTrials: 5 },
      ),
    ).rejects.toThrow("bad");
    expect(study.trials).toHaveLength(1);
    expect(study.trials[0].state).toBe("FAIL");
  });

  it("TrialPruned makes the trial PRUNED with its last reported value; PRUNED never becomes best", async () => {
    const study = await createStudy({ pruner: new NopPruner() });
    await study.optimize(
      (trial) => {
        trial.report(-100, 0);
        trial.report(-50, 1);
        if (trial.number === 0) throw new TrialPruned();
        return 3;
      },
      { nTrials: 2 },
    );
    expect(study.trials[0].state).toBe("PRUNED");
    expect(study.trials[0].value).toBe(-50);
    expect(study.bestTrial.number).toBe(1);
  });

  it("timeout stops starting new trials", async () => {
    const study = await createStudy();
    const t0 = Date.now();
    await study.optimize(
      async () => {
        await new Promise((r) => setTimeout(r, 20));
        return 1;
      },
      { timeout: 0.2 },
    );
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(study.trials.length).toBeGreaterThan(2);
  });

  it("study.stop() inside the objective ends optimize after the running trial", async () => {
    const study = await createStudy();
    await study.optimize(
      (trial) => {
        if (trial.number === 4) study.stop();
        return trial.number;
      },
      { nTrials: 100 },
    );
    expect(study.trials).toHaveLength(5);
  });
});

describe("ask and tell", () => {
  it("tell(trial, value) completes; telling again throws UpdateFinishedTrialError unless skipIfFinished", async () => {
    const study = await createStudy();
    const trial = await study.ask();
    const x = trial.suggestFloat("x", 0, 1);
    const frozen = await study.tell(trial, x * 2);
    expect(frozen.state).toBe("COMPLETE");
    expect(frozen.value).toBe(x * 2);
    await expect(study.tell(trial, 1)).rejects.toBeInstanceOf(UpdateFinishedTrialError);
    expect((await study.tell(trial, 1, { skipIfFinished: true })).value).toBe(x * 2);
  });

  it("ask(fixedDistributions) suggests those parameters at once", async () => {
    const study = await createStudy();
    const trial = await study.ask({ lr: new FloatDistribution(0.1, 0.2) });
    expect(trial.params.lr).toBeGreaterThanOrEqual(0.1);
    expect(trial.params.lr).toBeLessThanOrEqual(0.2);
  });

  it("enqueueTrial fixes the parameters of the next trial; others are sampled", async () => {
    const study = await createStudy();
    await study.enqueueTrial({ x: 0.25 });
    const trial = await study.ask();
    expect(trial.suggestFloat("x", 0, 1)).toBe(0.25);
    const y = trial.suggestFloat("y", 0, 1);
    expect(y).toBeGreaterThanOrEqual(0);
    await study.tell(trial, 1);
    expect(study.trials).toHaveLength(1);
  });

  it("enqueueTrial with skipIfExists does not add a duplicate", async () => {
    const study = await createStudy();
    await study.enqueueTrial({ x: 1 });
    await study.enqueueTrial({ x: 1 }, { skipIfExists: true });
    expect((await study.ask()).suggestFloat("x", 0, 2)).toBe(1);
    await study.refresh();
    expect(study.trials.filter((t) => t.state === "WAITING")).toHaveLength(0);
  });

  it("addTrial(createTrial(...)) adds a finished trial that can become best", async () => {
    const study = await createStudy();
    await study.addTrial(
      createTrial({ params: { x: 2 }, distributions: { x: new FloatDistribution(0, 10) }, value: -1 }),
    );
    await study.refresh();
    expect(study.bestValue).toBe(-1);
    expect(study.bestParams).toEqual({ x: 2 });
  });

  it("report() and shouldPrune() on a multi-objective study throw", async () => {
    const study = await createStudy({ directions: ["minimize", "maximize"] });
    const trial = await study.ask();
    expect(() => trial.report(1, 0)).toThrow(InvalidStateError);
    expect(() => trial.shouldPrune()).toThrow(InvalidStateError);
    await study.tell(trial, [1, 2]);
    expect(study.bestTrials.map((t) => t.number)).toEqual([0]);
    expect(() => study.bestTrial).toThrow(/several directions/);
  });

  it("concurrency runs objectives at once and numbers stay unique and consecutive", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }) });
    let running = 0;
    let peak = 0;
    await study.optimize(
      async (trial) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return trial.suggestFloat("x", 0, 1);
      },
      { nTrials: 20, concurrency: 4 },
    );
    expect(peak).toBe(4);
    expect(study.trials.map((t) => t.number)).toEqual([...Array(20).keys()]);
    expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
  });

  it("trialsRecords() gives flat CSV-ready rows", async () => {
    const study = await createStudy({ sampler: new RandomSampler({ seed: 3 }) });
    await study.optimize(
      (trial) => {
        trial.setUserAttr("note", "hi");
        return trial.suggestInt("n", 1, 3);
      },
      { nTrials: 2 },
    );
    const rows = study.trialsRecords();
    expect(Object.keys(rows[0])).toEqual([
      "number",
      "value",
      "datetime_start",
      "datetime_complete",
      "duration",
      "params_n",
      "user_attrs_note",
      "state",
    ]);
    expect(rows[1].value).toBe(rows[1].params_n);
  });

  it("the same name with an incompatible distribution throws, in the trial and across trials", async () => {
    const study = await createStudy();
    const t1 = await study.ask();
    t1.suggestFloat("x", 0, 1);
    expect(() => t1.suggestInt("x", 0, 1)).toThrow(/"x" was suggested as float and now as int/);
    await study.tell(t1, 1);
    const t2 = await study.ask();
    expect(() => t2.suggestFloat("x", 1e-3, 1, { log: true })).toThrow(/log=false and now with log=true/);
    expect(() => t2.suggestCategorical("k", [])).toThrow(/choices must not be empty/);
  });

  it("report() rejects a bad step and ignores a second report at the same step", async () => {
    const study = await createStudy();
    const trial = await study.ask();
    expect(() => trial.report(1, -1)).toThrow(/step must be an integer >= 0, got -1/);
    expect(() => trial.report(1, 1.5)).toThrow(/got 1.5/);
    trial.report(1, 0);
    trial.report(2, 0);
    expect(trial.frozen.intermediateValues.get(0)).toBe(1);
  });

  it("tell() with an unknown trial number throws TrialNotFoundError", async () => {
    const study = await createStudy();
    await expect(study.tell(42, 1)).rejects.toThrow(/trial 42 not found/);
  });
});

describe("a study on a database storage (incremental refresh)", () => {
  it("enqueued trials are taken first, in order, by the asks that follow", async () => {
    const f = freshSqlite();
    try {
      const study = await createStudy({ storage: f.url, sampler: new RandomSampler({ seed: 1 }) });
      await study.enqueueTrial({ x: 0.25 });
      await study.enqueueTrial({ x: 0.75 });
      await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 4 });
      const trials = study.trials;
      expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3]);
      expect(trials.map((t) => t.state)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE"]);
      expect(trials.slice(0, 2).map((t) => t.params.x)).toEqual([0.25, 0.75]);
      await study.close();
    } finally {
      f.remove();
    }
  });

  it("two studies on one database: after refresh each sees exactly what a fresh load reads", async () => {
    const f = freshSqlite();
    try {
      const a = await createStudy({
        studyName: "shared",
        storage: f.url,
        sampler: new RandomSampler({ seed: 1 }),
      });
      const b = await loadStudy({
        studyName: "shared",
        storage: f.url,
        sampler: new RandomSampler({ seed: 2 }),
      });
      for (let i = 0; i < 6; i++) {
        const ta = await a.ask();
        const tb = await b.ask();
        tb.suggestFloat("x", 0, 1);
        ta.suggestFloat("x", 0, 1);
        await b.tell(tb, i);
        if (i === 2) await b.enqueueTrial({ x: 0.5 }); // taken by one of the later asks
        if (i % 2) await a.tell(ta, null, { state: "PRUNED" });
        else await a.tell(ta, -i);
      }
      await a.refresh();
      await b.refresh();
      const fresh = await loadStudy({ studyName: "shared", storage: f.url });
      const json = (s: { trials: { toJSON(): unknown }[] }) => s.trials.map((t) => t.toJSON());
      expect(json(a)).toEqual(json(fresh));
      expect(json(b)).toEqual(json(fresh));
      expect(fresh.trials.map((t) => t.number)).toEqual([...Array(12).keys()]);
      expect(fresh.trials.filter((t) => t.params.x === 0.5 && t.state === "COMPLETE")).toHaveLength(1);
      for (const s of [a, b, fresh]) await s.close();
    } finally {
      f.remove();
    }
  });
});
