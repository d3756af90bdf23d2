import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  createStudy,
  loadStudy,
  RandomSampler,
  type Study,
  type Trial,
  TrialPruned,
} from "../../../src/tune/index.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../../helpers/databases.js";
import { describeIf } from "../../helpers/requires.js";

/**
 * `optimize` on a database storage creates each next trial with the end of the last one (one
 * transaction): what users see must be what they see one trial at a time.
 */
function optimizeSuite(open: () => Promise<{ url: string; done: () => Promise<void> }>) {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const study = async (): Promise<Study> => {
    const { url, done } = await open();
    const s = await createStudy({ studyName: "s", storage: url });
    cleanups.push(done, () => s.close());
    return s;
  };
  const states = (s: Study) => s.trials.map((t) => `${t.number}:${t.state}`);

  it("nTrials runs exactly that many trials and leaves none running", async () => {
    const s = await study();
    await s.optimize((t) => t.suggestFloat("x", -1, 1) ** 2, { nTrials: 7 });
    await s.optimize((t) => t.suggestFloat("x", -1, 1) ** 2, { nTrials: 3, concurrency: 2 });
    await s.refresh();
    expect(states(s)).toEqual(Array.from({ length: 10 }, (_, i) => `${i}:COMPLETE`));
  });

  it("enqueued trials are taken first, each once", async () => {
    const s = await study();
    await s.enqueueTrial({ x: 0.25 });
    await s.enqueueTrial({ x: -0.5 });
    const seen: number[] = [];
    await s.optimize(
      (t) => {
        const x = t.suggestFloat("x", -1, 1);
        seen.push(x);
        return x;
      },
      { nTrials: 4 },
    );
    await s.refresh();
    expect(seen.slice(0, 2)).toEqual([0.25, -0.5]);
    expect(states(s)).toEqual(["0:COMPLETE", "1:COMPLETE", "2:COMPLETE", "3:COMPLETE"]);
  });

  it("stop() in the objective, pruned and caught failing trials: no trial is left running", async () => {
    const s = await study();
    await s.optimize(
      (t) => {
        if (t.number === 1) throw new RangeError("caught");
        if (t.number === 2) throw new TrialPruned();
        if (t.number === 4) s.stop();
        return t.number;
      },
      { nTrials: 100, catch: [RangeError] },
    );
    await s.refresh();
    expect(states(s)).toEqual(["0:COMPLETE", "1:FAIL", "2:PRUNED", "3:COMPLETE", "4:COMPLETE"]);
  });

  it("the next trial's sampler sees another worker's trial finished meanwhile, and study attributes set there", async () => {
    const { url, done } = await open();
    const seen: string[][] = [];
    const complete: number[][] = [];
    const attrs: unknown[] = [];
    const probe = new RandomSampler({ seed: 1 });
    const sampleIndependent = probe.sampleIndependent.bind(probe);
    // What the sampler gets to see at each trial: the study's trials and system attributes.
    probe.sampleIndependent = (study, trial, name, d) => {
      seen.push(study.getTrials().map((t) => `${t.number}:${t.state}`));
      // The state-filtered lists are patched between reads: they must follow the other worker too.
      complete.push(study.getTrials({ states: ["COMPLETE"] }).map((t) => t.number));
      attrs.push(study.systemAttrs.from_b);
      return sampleIndependent(study, trial, name, d);
    };
    const a = await createStudy({ studyName: "s", storage: url, sampler: probe });
    const b = await loadStudy({ studyName: "s", storage: url });
    cleanups.push(
      done,
      () => a.close(),
      () => b.close(),
    );
    await a.optimize(
      async (t) => {
        const x = t.suggestFloat("x", -1, 1);
        if (t.number === 0) {
          await b.optimize(() => 7, { nTrials: 1 });
          await b.setSystemAttr("from_b", 1);
        }
        return x;
      },
      { nTrials: 2 },
    );
    expect(seen).toEqual([["0:RUNNING"], ["0:COMPLETE", "1:COMPLETE", "2:RUNNING"]]);
    expect(complete).toEqual([[], [0, 1]]);
    expect(attrs).toEqual([undefined, 1]);
  });

  it("an uncaught objective error ends optimize without starting another trial", async () => {
    const s = await study();
    const error = await s
      .optimize(
        (t) => {
          if (t.number === 2) throw new Error("boom");
          return t.number;
        },
        { nTrials: 100 },
      )
      .catch((e) => e);
    expect((error as Error).message).toBe("boom");
    await s.refresh();
    expect(states(s)).toEqual(["0:COMPLETE", "1:COMPLETE", "2:FAIL"]);
  });
}

describe("optimize on SQLite", () => {
  optimizeSuite(async () => {
    const f = freshSqlite();
    return { url: f.url, done: async () => f.remove() };
  });
});

describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("optimize on PostgreSQL", () => {
  optimizeSuite(async () => {
    const d = await freshPostgres();
    return { url: d.url, done: d.drop };
  });

  it("costs one round trip per trial: each finish carries the next trial's creation and the refresh", async () => {
    const d = await freshPostgres();
    const s = await createStudy({ studyName: "s", storage: d.url });
    const objective = (t: Trial) => t.suggestFloat("x", -1, 1) + t.suggestInt("n", 0, 3);
    // Warm-up: the first trials look up each parameter's first stored distribution once.
    await s.optimize(objective, { nTrials: 2 });
    // Every Client.query call is one round trip to the server (a script is one pipeline ended by one Sync).
    const query = pg.Client.prototype.query;
    let calls = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
      calls++;
      return (query as (...x: unknown[]) => unknown).apply(this, a);
    } as typeof query;
    try {
      await s.optimize(objective, { nTrials: 12 });
    } finally {
      pg.Client.prototype.query = query;
      await s.close();
      await d.drop();
    }
    // The first ask (create and refresh), 11 finishes that create the next trial, the last finish.
    expect(calls).toBe(13);
  });
});
