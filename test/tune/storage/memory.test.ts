import { describe, expect, it } from "vitest";
import { FloatDistribution } from "../../../src/tune/distributions.js";
import { InMemoryStorage } from "../../../src/tune/storage/memory.js";

describe("InMemoryStorage.getTrialsChangedSince", () => {
  it("returns everything first, then only the trials created or changed since the cursor", async () => {
    const storage = new InMemoryStorage();
    const studyId = await storage.createNewStudy(["minimize"], "changes");
    const a = await storage.createNewTrial(studyId);
    await storage.setTrialStateValues(a.trialId, "COMPLETE", [1]);
    const b = await storage.createNewTrial(studyId);
    const first = await storage.getTrialsChangedSince(studyId);
    expect(first.complete).toBe(true);
    expect(first.trials.map((t) => t.number)).toEqual([0, 1]);

    const quiet = await storage.getTrialsChangedSince(studyId, first.cursor);
    expect(quiet).toMatchObject({ complete: false, trials: [], cursor: first.cursor });

    await storage.setTrialParam(b.trialId, "x", 0.5, new FloatDistribution(0, 1));
    await storage.setTrialStateValues(b.trialId, "COMPLETE", [2]);
    await storage.createNewTrial(studyId);
    const next = await storage.getTrialsChangedSince(studyId, quiet.cursor);
    expect(next.complete).toBe(false);
    expect(next.trials.map((t) => `${t.number}:${t.state}`)).toEqual(["1:COMPLETE", "2:RUNNING"]);
    expect(next.trials[0].params).toEqual({ x: 0.5 });

    // A cursor it never gave (or one from before the log's kept part) gets everything.
    const lost = await storage.getTrialsChangedSince(studyId, next.cursor + 5);
    expect(lost.complete).toBe(true);
    expect(lost.trials.map((t) => t.number)).toEqual([0, 1, 2]);
  });

  it("drops old log entries, and an old cursor then gets everything", async () => {
    const storage = new InMemoryStorage();
    const studyId = await storage.createNewStudy(["minimize"], "long");
    const t = await storage.createNewTrial(studyId);
    const start = await storage.getTrialsChangedSince(studyId);
    for (let i = 0; i < 3000; i++) await storage.setTrialUserAttr(t.trialId, "i", i);
    const old = await storage.getTrialsChangedSince(studyId, start.cursor);
    expect(old.complete).toBe(true);
    const recent = await storage.getTrialsChangedSince(studyId, old.cursor);
    await storage.setTrialUserAttr(t.trialId, "i", -1);
    const after = await storage.getTrialsChangedSince(studyId, recent.cursor);
    expect(after.complete).toBe(false);
    expect(after.trials.map((x) => x.userAttrs.i)).toEqual([-1]);
  });
});
