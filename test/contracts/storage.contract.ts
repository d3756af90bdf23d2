import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  createTrial,
  DuplicatedStudyError,
  FloatDistribution,
  IntDistribution,
  type Storage,
  StudyNotFoundError,
  TrialNotFoundError,
  UpdateFinishedTrialError,
} from "../../src/tune/index.js";

/** What a storage under test may not support, each with its reason (stated where the suite runs). */
export interface StorageSuiteExclusions {
  /** Trial ids may be reused after the study holding the largest ones is deleted. */
  trialIdsReusedAfterDelete?: string;
}

/**
 * The {@link Storage} contract, run on every implementation: `makeStorage` returns a fresh,
 * empty storage (and may return a cleanup function run after the test).
 */
export function storageSuite(
  name: string,
  makeStorage: () => Promise<{ storage: Storage; cleanup?: () => Promise<void> }>,
  exclusions: StorageSuiteExclusions = {},
): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let cleanup: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ storage, cleanup } = await makeStorage());
    });
    afterEach(async () => {
      await storage.close?.();
      await cleanup?.();
    });

    it("createNewStudy() then getStudy() returns name and directions; a duplicate name throws DuplicatedStudyError", async () => {
      const id = await storage.createNewStudy(["minimize", "maximize"], "s1");
      const s = await storage.getStudy(id);
      expect(s).toMatchObject({ studyId: id, studyName: "s1", directions: ["minimize", "maximize"] });
      await expect(storage.createNewStudy(["minimize"], "s1")).rejects.toBeInstanceOf(DuplicatedStudyError);
      expect(await storage.getStudyIdFromName("s1")).toBe(id);
    });

    it("getStudyIdFromName(unknown) throws StudyNotFoundError listing the existing studies", async () => {
      await storage.createNewStudy(["minimize"], "alpha");
      await storage.createNewStudy(["minimize"], "beta");
      const e = await storage.getStudyIdFromName("gamma").catch((x) => x);
      expect(e).toBeInstanceOf(StudyNotFoundError);
      expect(e.message).toContain('"alpha"');
      expect(e.message).toContain('"beta"');
      await expect(storage.getStudy(9999)).rejects.toBeInstanceOf(StudyNotFoundError);
      await expect(storage.getAllTrials(9999)).rejects.toBeInstanceOf(StudyNotFoundError);
    });

    it("study attributes round-trip JSON values; getAllStudies() lists studies in creation order", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const b = await storage.createNewStudy(["maximize"], "b");
      await storage.setStudyUserAttr(a, "k", { x: [1, 2.5, "s", null, true] });
      await storage.setStudyUserAttr(a, "k", "overwritten");
      await storage.setStudySystemAttr(b, "sys", 3);
      const all = await storage.getAllStudies();
      expect(all.map((s) => s.studyName)).toEqual(["a", "b"]);
      expect(all[0].userAttrs).toEqual({ k: "overwritten" });
      expect(all[1].systemAttrs).toEqual({ sys: 3 });
      expect(all[1].directions).toEqual(["maximize"]);
    });

    it("deleteStudy() removes the study and its trials", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const t = await storage.createNewTrial(a);
      await storage.setTrialParam(t.trialId, "x", 0.5, new FloatDistribution(0, 1));
      await storage.deleteStudy(a);
      await expect(storage.getStudy(a)).rejects.toBeInstanceOf(StudyNotFoundError);
      await expect(storage.getTrial(t.trialId)).rejects.toBeInstanceOf(TrialNotFoundError);
      expect(await storage.getAllStudies()).toEqual([]);
      const again = await storage.createNewStudy(["minimize"], "a");
      expect(await storage.getAllTrials(again)).toEqual([]);
    });

    it("createNewTrial() numbers trials 0, 1, 2... per study; ids are unique across studies", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const b = await storage.createNewStudy(["minimize"], "b");
      const ids = new Set<number>();
      for (let i = 0; i < 3; i++) {
        const ta = await storage.createNewTrial(a);
        const tb = await storage.createNewTrial(b);
        expect([ta.number, tb.number]).toEqual([i, i]);
        expect(ta.state).toBe("RUNNING");
        expect(ta.datetimeStart).toBeInstanceOf(Date);
        ids.add(ta.trialId).add(tb.trialId);
      }
      expect(ids.size).toBe(6);
    });

    it("createNewTrial() called concurrently still gives unique consecutive numbers", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const trials = await Promise.all(Array.from({ length: 20 }, () => storage.createNewTrial(a)));
      expect(trials.map((t) => t.number).sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
      expect((await storage.getAllTrials(a)).map((t) => t.number)).toEqual([...Array(20).keys()]);
    });

    it("setTrialParam() stores the internal value; getTrial() returns external values and distributions", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const t = await storage.createNewTrial(a);
      const cat = new CategoricalDistribution(["a", null, 1.5, true]);
      await storage.setTrialParam(t.trialId, "x", 0.25, new FloatDistribution(0, 1));
      await storage.setTrialParam(t.trialId, "n", 7, new IntDistribution(1, 10, { log: true }));
      await storage.setTrialParam(t.trialId, "c", 1, cat);
      const got = await storage.getTrial(t.trialId);
      expect(got.params).toEqual({ x: 0.25, n: 7, c: null });
      expect(got.distributions.c).toEqual(cat);
      expect(got.distributions.n).toEqual(new IntDistribution(1, 10, { log: true }));
    });

    it("setTrialParam() with an incompatible distribution for a known name throws", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const t0 = await storage.createNewTrial(a);
      await storage.setTrialParam(t0.trialId, "x", 0.5, new FloatDistribution(0, 1));
      const t1 = await storage.createNewTrial(a);
      await expect(
        storage.setTrialParam(t1.trialId, "x", 0, new CategoricalDistribution(["a", "b"])),
      ).rejects.toThrow(/x/);
    });

    it("setTrialStateValues() finishes a trial with values and datetimeComplete; later writes throw UpdateFinishedTrialError", async () => {
      const a = await storage.createNewStudy(["minimize", "maximize"], "a");
      const t = await storage.createNewTrial(a);
      expect(await storage.setTrialStateValues(t.trialId, "COMPLETE", [1.5, Infinity])).toBe(true);
      const done = await storage.getTrial(t.trialId);
      expect(done.state).toBe("COMPLETE");
      expect(done.values).toEqual([1.5, Infinity]);
      expect(done.datetimeComplete).toBeInstanceOf(Date);
      expect(done.datetimeComplete!.getTime()).toBeGreaterThanOrEqual(done.datetimeStart!.getTime());
      await expect(
        storage.setTrialParam(t.trialId, "x", 0.5, new FloatDistribution(0, 1)),
      ).rejects.toBeInstanceOf(UpdateFinishedTrialError);
      await expect(storage.setTrialUserAttr(t.trialId, "k", 1)).rejects.toBeInstanceOf(
        UpdateFinishedTrialError,
      );
      await expect(storage.setTrialIntermediateValue(t.trialId, 0, 1)).rejects.toBeInstanceOf(
        UpdateFinishedTrialError,
      );
      await expect(storage.setTrialStateValues(t.trialId, "FAIL")).rejects.toBeInstanceOf(
        UpdateFinishedTrialError,
      );
      await expect(storage.getTrial(123456)).rejects.toBeInstanceOf(TrialNotFoundError);
    });

    it("setTrialStateValues(id, 'RUNNING') takes a WAITING trial once and returns false after", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const w = await storage.createNewTrial(
        a,
        createTrial({ state: "WAITING", systemAttrs: { fixed_params: { x: 1 } } }),
      );
      expect(w.state).toBe("WAITING");
      expect(w.datetimeStart).toBeNull();
      const claims = await Promise.all(
        [0, 1, 2].map(() => storage.setTrialStateValues(w.trialId, "RUNNING")),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const running = await storage.getTrial(w.trialId);
      expect(running.state).toBe("RUNNING");
      expect(running.datetimeStart).toBeInstanceOf(Date);
      expect(running.systemAttrs).toEqual({ fixed_params: { x: 1 } });
    });

    it("intermediate values keep NaN and infinities; attributes keep JSON", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const t = await storage.createNewTrial(a);
      await storage.setTrialIntermediateValue(t.trialId, 0, 0.5);
      await storage.setTrialIntermediateValue(t.trialId, 3, NaN);
      await storage.setTrialIntermediateValue(t.trialId, 5, -Infinity);
      await storage.setTrialUserAttr(t.trialId, "u", { nested: ["x", 1] });
      await storage.setTrialSystemAttr(t.trialId, "s", "text é");
      const got = await storage.getTrial(t.trialId);
      expect([...got.intermediateValues]).toEqual([
        [0, 0.5],
        [3, NaN],
        [5, -Infinity],
      ]);
      expect(got.lastStep).toBe(5);
      expect(got.userAttrs).toEqual({ u: { nested: ["x", 1] } });
      expect(got.systemAttrs).toEqual({ s: "text é" });
    });

    it("createNewTrial(template) copies state, values, params, attributes and intermediate values", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const template = createTrial({
        state: "COMPLETE",
        value: 3,
        params: { x: 0.5, c: "b" },
        distributions: { x: new FloatDistribution(0, 1), c: new CategoricalDistribution(["a", "b"]) },
        userAttrs: { u: 1 },
        systemAttrs: { s: [1] },
        intermediateValues: new Map([[1, 2]]),
      });
      const t = await storage.createNewTrial(a, template);
      const got = await storage.getTrial(t.trialId);
      expect(got).toMatchObject({ number: 0, state: "COMPLETE", values: [3], params: { x: 0.5, c: "b" } });
      expect(got.userAttrs).toEqual({ u: 1 });
      expect(got.systemAttrs).toEqual({ s: [1] });
      expect([...got.intermediateValues]).toEqual([[1, 2]]);
    });

    it("returned trials are snapshots: later writes do not change them", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      const t = await storage.createNewTrial(a);
      const before = await storage.getTrial(t.trialId);
      const listBefore = await storage.getAllTrials(a);
      await storage.setTrialParam(t.trialId, "x", 0.5, new FloatDistribution(0, 1));
      await storage.setTrialStateValues(t.trialId, "COMPLETE", [1]);
      expect(before.params).toEqual({});
      expect(before.state).toBe("RUNNING");
      expect(listBefore[0].state).toBe("RUNNING");
      const after = await storage.getAllTrials(a);
      expect(after[0].state).toBe("COMPLETE");
      expect(after[0].params).toEqual({ x: 0.5 });
    });

    it("getAllTrials({states}) filters by state, ordered by number", async () => {
      const a = await storage.createNewStudy(["minimize"], "a");
      for (let i = 0; i < 6; i++) {
        const t = await storage.createNewTrial(a);
        if (i % 3 === 0) await storage.setTrialStateValues(t.trialId, "COMPLETE", [i]);
        if (i % 3 === 1) await storage.setTrialStateValues(t.trialId, "PRUNED", null);
      }
      expect((await storage.getAllTrials(a, { states: ["COMPLETE"] })).map((t) => t.number)).toEqual([0, 3]);
      expect((await storage.getAllTrials(a, { states: ["RUNNING", "PRUNED"] })).map((t) => t.number)).toEqual(
        [1, 2, 4, 5],
      );
      expect((await storage.getAllTrials(a, { states: [] })).length).toBe(0);
    });

    it.skipIf(exclusions.trialIdsReusedAfterDelete !== undefined)(
      "trial ids are never reused, even after deleting the study that held the last ones",
      async () => {
        const a = await storage.createNewStudy(["minimize"], "a");
        const b = await storage.createNewStudy(["minimize"], "b");
        await storage.createNewTrial(a);
        const last = await storage.createNewTrial(b);
        await storage.deleteStudy(b);
        const next = await storage.createNewTrial(a);
        expect(next.trialId).toBeGreaterThan(last.trialId);
      },
    );
  });
}
