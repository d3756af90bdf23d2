import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CachedStorage,
  FloatDistribution,
  IntDistribution,
  RDBStorage,
  type Storage,
  UpdateFinishedTrialError,
} from "../../../src/tune/index.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../../helpers/databases.js";
import { describeIf } from "../../helpers/requires.js";

/** The per-trial write path of RDBStorage (scripts, batches ending with the finish, the owned-trial copy). */
/**
 * Simulates a dropped connection after COMMIT: each script commits, its answer is lost and the
 * layer below retries the same script. Returns the function that puts the real script back.
 */
function loseFirstAnswer(storage: RDBStorage): () => void {
  const database = storage.database as { script: RDBStorage["database"]["script"] };
  const script = database.script;
  database.script = async (queries, options) => {
    await script(queries, options);
    options?.onRetry?.(new Error("Connection terminated unexpectedly"));
    return script(queries, options);
  };
  return () => {
    database.script = script;
  };
}

function writePathSuite(open: () => Promise<{ url: string; done: () => Promise<void> }>) {
  let url: string;
  let done: () => Promise<void>;
  let storage: RDBStorage;
  let other: RDBStorage;
  beforeAll(async () => {
    ({ url, done } = await open());
    storage = await RDBStorage.open(url);
    other = await RDBStorage.open(url); // a second worker: reads what is stored, no shared memory
  });
  afterAll(async () => {
    await storage.close();
    await other.close();
    await done();
  });

  it("getTrial of a trial it just finished (answered without a read) equals what the database holds", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `mirror-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    const x = new FloatDistribution(-1, 1);
    const n = new IntDistribution(1, 9, { log: true });
    await storage.batch([
      (s) => s.setTrialParam(t.trialId, "x", 0.1 + 0.2, x),
      (s) => s.setTrialParam(t.trialId, "n", 4, n),
      (s) => s.setTrialUserAttr(t.trialId, "note", { a: [1, 2.5, "é"], b: null }),
      (s) => s.setTrialSystemAttr(t.trialId, "sys", 1),
      (s) => s.setTrialUserAttr(t.trialId, "note", "replaced"), // the last write of a key wins
    ]);
    await storage.setTrialIntermediateValue(t.trialId, 0, Number.NaN);
    await storage.setTrialIntermediateValue(t.trialId, 1, Number.NEGATIVE_INFINITY);
    expect(await storage.setTrialStateValues(t.trialId, "COMPLETE", [Number.NaN])).toBe(true);
    const mine = await storage.getTrial(t.trialId);
    const stored = await other.getTrial(t.trialId);
    expect(mine.toJSON()).toEqual(stored.toJSON());
    expect(mine.distributions).toEqual(stored.distributions);
    expect(stored.params).toEqual({ x: 0.1 + 0.2, n: 4 });
    expect(stored.userAttrs).toEqual({ note: "replaced" });
    expect(stored.values).toEqual([Number.NaN]);
  });

  it("a batch that ends with the finishing state stores the writes and the state together", async () => {
    const studyId = await storage.createNewStudy(["maximize"], `together-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    await storage.batch([
      (s) => s.setTrialParam(t.trialId, "x", 0.5, new FloatDistribution(0, 1)),
      (s) => s.setTrialUserAttr(t.trialId, "k", "v"),
      async (s) => {
        await s.setTrialStateValues(t.trialId, "COMPLETE", [2]);
      },
    ]);
    const stored = await other.getTrial(t.trialId);
    expect(stored.state).toBe("COMPLETE");
    expect(stored.values).toEqual([2]);
    expect(stored.params).toEqual({ x: 0.5 });
    expect(stored.userAttrs).toEqual({ k: "v" });
    expect((await storage.getTrial(t.trialId)).toJSON()).toEqual(stored.toJSON());
  });

  it("a batch of several parameters and attributes (one statement per table) stores each, replacing existing keys", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `grouped-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    const x = new FloatDistribution(-1, 1);
    await storage.setTrialUserAttr(t.trialId, "b", "old");
    await storage.batch([
      (s) => s.setTrialParam(t.trialId, "p0", -0.5, x),
      (s) => s.setTrialUserAttr(t.trialId, "a", [1, 2]),
      (s) => s.setTrialParam(t.trialId, "p1", 1e-300, x),
      (s) => s.setTrialParam(t.trialId, "p2", 1, new IntDistribution(0, 3)),
      (s) => s.setTrialUserAttr(t.trialId, "b", "new"),
      (s) => s.setTrialSystemAttr(t.trialId, "s", null),
    ]);
    const stored = await other.getTrial(t.trialId);
    expect(stored.params).toEqual({ p0: -0.5, p1: 1e-300, p2: 1 });
    expect(Object.keys(stored.params)).toEqual(["p0", "p1", "p2"]);
    expect(stored.userAttrs).toEqual({ b: "new", a: [1, 2] });
    expect(stored.systemAttrs).toEqual({ s: null });
    // Refused whole once another worker finished the trial.
    await other.setTrialStateValues(t.trialId, "FAIL");
    const late = await storage
      .batch([(s) => s.setTrialParam(t.trialId, "p3", 0, x), (s) => s.setTrialParam(t.trialId, "p4", 0, x)])
      .catch((e) => e);
    expect(late).toBeInstanceOf(UpdateFinishedTrialError);
    expect(Object.keys((await other.getTrial(t.trialId)).params)).toEqual(["p0", "p1", "p2"]);
  });

  it("writes to a trial another worker finished meanwhile throw UpdateFinishedTrialError and store nothing", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `raced-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    await storage.setTrialParam(t.trialId, "x", 0.25, new FloatDistribution(0, 1));
    // Another worker marks it FAIL (as a stale-heartbeat check would).
    await other.setTrialStateValues(t.trialId, "FAIL");
    const single = await storage.setTrialUserAttr(t.trialId, "late", 1).catch((e) => e);
    expect(single).toBeInstanceOf(UpdateFinishedTrialError);
    const batched = await storage
      .batch([
        (s) => s.setTrialParam(t.trialId, "y", 0.5, new FloatDistribution(0, 1)),
        async (s) => {
          await s.setTrialStateValues(t.trialId, "COMPLETE", [1]);
        },
      ])
      .catch((e) => e);
    expect(batched).toBeInstanceOf(UpdateFinishedTrialError);
    const stored = await storage.getTrial(t.trialId);
    expect(stored.state).toBe("FAIL");
    expect(stored.params).toEqual({ x: 0.25 });
    expect(stored.values).toBeNull();
    expect(stored.userAttrs).toEqual({});
  });

  it("a finish retried after its first attempt committed (answer lost) counts as done, once", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `retried-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    const restore = loseFirstAnswer(storage);
    try {
      expect(await storage.setTrialStateValues(t.trialId, "COMPLETE", [3])).toBe(true);
    } finally {
      restore();
    }
    const stored = await other.getTrial(t.trialId);
    expect(stored.state).toBe("COMPLETE");
    expect(stored.values).toEqual([3]);
    // Without a retry, finishing again is an error as always.
    const again = await storage.setTrialStateValues(t.trialId, "COMPLETE", [3]).catch((e) => e);
    expect(again).toBeInstanceOf(UpdateFinishedTrialError);
  });

  it("batchThenCreateTrial stores the finish and creates the next trial, numbered after another worker's", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `then-create-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    const between = await other.createNewTrial(studyId);
    const next = await storage.batchThenCreateTrial(
      [
        (s) => s.setTrialParam(t.trialId, "x", 0.5, new FloatDistribution(0, 1)),
        async (s) => {
          await s.setTrialStateValues(t.trialId, "COMPLETE", [4]);
        },
      ],
      studyId,
    );
    expect(next).not.toBeNull();
    expect(next!.number).toBe(2);
    const stored = await other.getAllTrials(studyId);
    expect(stored.map((x) => `${x.number}:${x.state}`)).toEqual(["0:COMPLETE", "1:RUNNING", "2:RUNNING"]);
    expect(stored[0].params).toEqual({ x: 0.5 });
    expect(stored[0].values).toEqual([4]);
    expect(stored[2].trialId).toBe(next!.trialId);
    expect(stored[2].datetimeStart?.getTime()).toBe(next!.datetimeStart?.getTime());
    expect(between.number).toBe(1);
    // The new trial is this storage's own: finishing it needs no read and matches the database.
    await storage.setTrialStateValues(next!.trialId, "PRUNED");
    expect((await storage.getTrial(next!.trialId)).toJSON()).toEqual(
      (await other.getTrial(next!.trialId)).toJSON(),
    );
  });

  it("batchThenCreateTrial whose finish fails (trial finished elsewhere) throws and creates no trial", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `then-create-raced-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    await other.setTrialStateValues(t.trialId, "FAIL");
    const raced = await storage
      .batchThenCreateTrial(
        [
          async (s) => {
            await s.setTrialStateValues(t.trialId, "COMPLETE", [1]);
          },
        ],
        studyId,
      )
      .catch((e) => e);
    expect(raced).toBeInstanceOf(UpdateFinishedTrialError);
    const stored = await other.getAllTrials(studyId);
    expect(stored.map((x) => `${x.number}:${x.state}`)).toEqual(["0:FAIL"]);
    expect(stored[0].values).toBeNull();
  });

  it("batchThenCreateTrial retried after its first attempt committed (answer lost) creates one trial", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `then-create-retried-${Math.random()}`);
    const t = await storage.createNewTrial(studyId);
    const restore = loseFirstAnswer(storage);
    let next: Awaited<ReturnType<RDBStorage["batchThenCreateTrial"]>>;
    try {
      next = await storage.batchThenCreateTrial(
        [
          async (s) => {
            await s.setTrialStateValues(t.trialId, "COMPLETE", [3]);
          },
        ],
        studyId,
      );
    } finally {
      restore();
    }
    const stored = await other.getAllTrials(studyId);
    expect(stored.map((x) => `${x.number}:${x.state}`)).toEqual(["0:COMPLETE", "1:RUNNING"]);
    // PostgreSQL finds the trial the committed attempt created; SQLite (which never retries a
    // committed script) leaves it to the caller, which then creates one.
    if (next) expect(next.trialId).toBe(stored[1].trialId);
    else expect(url.startsWith("sqlite")).toBe(true);
  });

  it("workers finishing and creating trials at once keep numbers unique and consecutive", async () => {
    const studyId = await storage.createNewStudy(["minimize"], `then-create-race-${Math.random()}`);
    const work = async (s: RDBStorage, rounds: number) => {
      let t = await s.createNewTrial(studyId);
      for (let i = 0; i < rounds; i++) {
        const id = t.trialId;
        const next = await s.batchThenCreateTrial(
          [
            async (v) => {
              await v.setTrialStateValues(id, "COMPLETE", [i]);
            },
          ],
          studyId,
        );
        expect(next).not.toBeNull();
        t = next!;
      }
      await s.setTrialStateValues(t.trialId, "COMPLETE", [-1]);
    };
    await Promise.all([work(storage, 12), work(other, 12), work(storage, 12)]);
    const stored = await other.getAllTrials(studyId);
    expect(stored.map((x) => x.number)).toEqual(Array.from({ length: 39 }, (_, i) => i));
    expect(new Set(stored.map((x) => x.trialId)).size).toBe(39);
    expect(stored.every((x) => x.state === "COMPLETE")).toBe(true);
  });

  it("CachedStorage.writeThenSync finishes a trial, creates the next and returns what changed, another worker's news included", async () => {
    const cached = new CachedStorage(await RDBStorage.open(url));
    try {
      const studyId = await storage.createNewStudy(["minimize"], `write-sync-${Math.random()}`);
      const first = await cached.writeThenSync(studyId, undefined);
      expect(first.trial).toBeNull();
      expect(first.sync!.changes).toMatchObject({ trials: [], complete: true });
      const created = await cached.writeThenSync(studyId, first.sync!.changes.cursor, { createTrial: true });
      const t = created.trial!;
      expect(t.number).toBe(0);
      // Another worker starts and finishes trial 1 and sets a study attribute meanwhile.
      const theirs = await other.createNewTrial(studyId);
      await other.setTrialStateValues(theirs.trialId, "COMPLETE", [5]);
      await other.setStudyUserAttr(studyId, "note", "from the other worker");
      const x = new FloatDistribution(0, 1);
      const r = await cached.writeThenSync(studyId, created.sync!.changes.cursor, {
        ops: [
          (s) => s.setTrialParam(t.trialId, "x", 0.5, x),
          async (s) => {
            await s.setTrialStateValues(t.trialId, "COMPLETE", [1]);
          },
        ],
        createTrial: true,
      });
      expect(r.trial!.number).toBe(2);
      const { changes, study } = r.sync!;
      expect(changes.complete).toBe(false);
      // The finish just written and the other worker's trial (and the new trial where the reads
      // follow its creation: SQLite; PostgreSQL reads first, outside the study's lock).
      expect(changes.trials.map((c) => `${c.number}:${c.state}:${c.values}`)).toEqual([
        "0:COMPLETE:1",
        "1:COMPLETE:5",
        ...(url.startsWith("sqlite") ? ["2:RUNNING:null"] : []),
      ]);
      expect(changes.trials[0].params).toEqual({ x: 0.5 });
      expect(study.userAttrs).toEqual({ note: "from the other worker" });
      expect(study.directions).toEqual(["minimize"]);
      // The cache took those trials: the finished ones are answered without a read, as stored.
      expect((await cached.getTrial(theirs.trialId)).toJSON()).toEqual(
        (await other.getTrial(theirs.trialId)).toJSON(),
      );
      const refresh = await cached.writeThenSync(studyId, changes.cursor);
      expect(refresh.sync!.changes.trials.map((c) => `${c.number}:${c.state}`)).toEqual(["2:RUNNING"]);
    } finally {
      await cached.close();
    }
  });

  it("CachedStorage.writeThenSync whose finish fails (trial finished elsewhere) throws and creates no trial", async () => {
    const cached = new CachedStorage(await RDBStorage.open(url));
    try {
      const studyId = await storage.createNewStudy(["minimize"], `write-sync-raced-${Math.random()}`);
      const { trial, sync } = await cached.writeThenSync(studyId, undefined, { createTrial: true });
      await other.setTrialStateValues(trial!.trialId, "FAIL");
      const raced = await cached
        .writeThenSync(studyId, sync!.changes.cursor, {
          ops: [
            async (s) => {
              await s.setTrialStateValues(trial!.trialId, "COMPLETE", [1]);
            },
          ],
          createTrial: true,
        })
        .catch((e) => e);
      expect(raced).toBeInstanceOf(UpdateFinishedTrialError);
      const stored = await other.getAllTrials(studyId);
      expect(stored.map((x) => `${x.number}:${x.state}`)).toEqual(["0:FAIL"]);
    } finally {
      await cached.close();
    }
  });

  it("CachedStorage.writeThenSync retried after its first attempt committed (answer lost): one trial, changes still read", async () => {
    const backend = await RDBStorage.open(url);
    const cached = new CachedStorage(backend);
    try {
      const studyId = await storage.createNewStudy(["minimize"], `write-sync-retried-${Math.random()}`);
      const { trial, sync } = await cached.writeThenSync(studyId, undefined, { createTrial: true });
      const restore = loseFirstAnswer(backend);
      let r: Awaited<ReturnType<CachedStorage["writeThenSync"]>>;
      try {
        r = await cached.writeThenSync(studyId, sync!.changes.cursor, {
          ops: [
            async (s) => {
              await s.setTrialStateValues(trial!.trialId, "COMPLETE", [3]);
            },
          ],
          createTrial: true,
        });
      } finally {
        restore();
      }
      const stored = await other.getAllTrials(studyId);
      expect(stored.map((x) => `${x.number}:${x.state}`)).toEqual(["0:COMPLETE", "1:RUNNING"]);
      // The retry ran the finish alone, so the reads came after it (and see the created trial).
      expect(r.sync!.changes.trials.map((c) => `${c.number}:${c.state}`)).toEqual([
        "0:COMPLETE",
        "1:RUNNING",
      ]);
      if (r.trial) expect(r.trial.trialId).toBe(stored[1].trialId);
      else expect(url.startsWith("sqlite")).toBe(true);
    } finally {
      await cached.close();
    }
  });

  it("CachedStorage.getTrialsChangedSince returns everything first, then only what changed", async () => {
    const cached: Storage = new CachedStorage(await RDBStorage.open(url));
    try {
      const studyId = await storage.createNewStudy(["minimize"], `changes-${Math.random()}`);
      const a = await storage.createNewTrial(studyId);
      await storage.setTrialStateValues(a.trialId, "COMPLETE", [1]);
      const b = await storage.createNewTrial(studyId);
      const first = await cached.getTrialsChangedSince!(studyId);
      expect(first.complete).toBe(true);
      expect(first.trials.map((t) => t.number)).toEqual([0, 1]);

      // Nothing changed: the running trial is re-read (it may change), the finished one is not.
      const quiet = await cached.getTrialsChangedSince!(studyId, first.cursor);
      expect(quiet.complete).toBe(false);
      expect(quiet.trials.map((t) => t.number)).toEqual([1]);

      await storage.setTrialStateValues(b.trialId, "PRUNED");
      await storage.createNewTrial(studyId);
      const next = await cached.getTrialsChangedSince!(studyId, quiet.cursor);
      expect(next.complete).toBe(false);
      expect(next.trials.map((t) => `${t.number}:${t.state}`)).toEqual(["1:PRUNED", "2:RUNNING"]);

      // A caller several syncs behind gets each sync's trials since its cursor, in order (this
      // call syncs once more and re-reads the running trial 2).
      const behind = await cached.getTrialsChangedSince!(studyId, first.cursor);
      expect(behind.complete).toBe(false);
      expect(behind.trials.map((t) => `${t.number}:${t.state}`)).toEqual([
        "1:RUNNING",
        "1:PRUNED",
        "2:RUNNING",
        "2:RUNNING",
      ]);
      const lost = await cached.getTrialsChangedSince!(studyId, next.cursor + 1000);
      expect(lost.complete).toBe(true);
      expect(lost.trials.map((t) => t.number)).toEqual([0, 1, 2]);
    } finally {
      await cached.close?.();
    }
  });
}

describe("RDBStorage write path on SQLite", () => {
  writePathSuite(async () => {
    const f = freshSqlite();
    return { url: f.url, done: async () => f.remove() };
  });
});

describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("RDBStorage write path on PostgreSQL", () => {
  writePathSuite(async () => {
    const d = await freshPostgres();
    return { url: d.url, done: d.drop };
  });
});
