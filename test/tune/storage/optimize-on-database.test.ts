import { afterEach, describe, expect, it } from "vitest";
import { createStudy, type Study, TrialPruned } from "../../../src/tune/index.js";
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
});
