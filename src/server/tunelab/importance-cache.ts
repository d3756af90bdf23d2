import type { FrozenStudy, FrozenTrial } from "../../tune/index.js";
import {
  evaluateImportances,
  type ImportanceRow,
  type ImportancesResult,
  type ImportanceTask,
  planImportances,
} from "./importance-compute.js";
import type { ImportanceEvaluatorName, ImportancesJson } from "./study-wire.js";

interface Entry {
  key: string;
  /** Order in which its computation started: an older one finishing later does not replace it. */
  seq: number;
  result: ImportancesResult;
  /** When it was computed (ms) and how long that took. */
  at: number;
  cost: number;
}

/** Options of {@link ImportanceCache}. */
export interface ImportanceCacheOptions {
  /** (study, evaluator, objective) combinations remembered; default 64. */
  maxEntries?: number;
  /**
   * fANOVA's forest costs more than linearly in the trials: above this many COMPLETE trials it
   * runs on a seeded random sample of this size. Default 1000.
   */
  maxFanovaTrials?: number;
  /**
   * While a study runs, its COMPLETE trials change often: a new result is computed at most every
   * `max(minIntervalMs, 20 × the last computation's time)`; in between the previous one is served
   * with `stale: true`. Default 2000.
   */
  minIntervalMs?: number;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
  /**
   * Runs the costly part (the server passes an {@link ImportanceThread}'s). Default: in this
   * thread.
   */
  evaluate?: (task: ImportanceTask) => Promise<ImportanceRow[]>;
}

/**
 * Parameter importances per (study, evaluator, objective), remembered until the study's set of
 * COMPLETE trials changes. Finished trials never change and COMPLETE trials never leave that
 * state, so the count of COMPLETE trials and the largest id among them identify the set: a page
 * reload or a poll that brings only RUNNING or PRUNED trials reuses the result. Requests that
 * arrive while the same result is being computed wait for that computation. Least recently used
 * combinations beyond `maxEntries` are dropped.
 */
export class ImportanceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, { key: string; done: Promise<ImportancesResult> }>();
  private readonly maxEntries: number;
  private readonly maxFanovaTrials: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private seq = 0;
  private readonly evaluate: (task: ImportanceTask) => Promise<ImportanceRow[]>;

  constructor(options: ImportanceCacheOptions = {}) {
    const { maxEntries = 64, maxFanovaTrials = 1000, minIntervalMs = 2000, now = Date.now } = options;
    this.maxEntries = maxEntries;
    this.maxFanovaTrials = maxFanovaTrials;
    this.minIntervalMs = minIntervalMs;
    this.now = now;
    this.evaluate = options.evaluate ?? (async (task) => evaluateImportances(task));
  }

  /** The importances of `trials`, computed now or taken from the cache. */
  async get(
    study: FrozenStudy,
    trials: readonly FrozenTrial[],
    evaluator: ImportanceEvaluatorName,
    objective: number,
  ): Promise<ImportancesJson> {
    let n = 0;
    let maxId = -1;
    for (const t of trials)
      if (t.state === "COMPLETE") {
        n++;
        if (t.trialId > maxId) maxId = t.trialId;
      }
    const slot = `${study.studyId}|${evaluator}|${objective}`;
    const key = `${n}|${maxId}`;
    const hit = this.entries.get(slot);
    const now = this.now();
    if (hit) {
      // refresh its place in the LRU order
      this.entries.delete(slot);
      this.entries.set(slot, hit);
      if (hit.key === key) return { ...hit.result, cached: true };
      if (now - hit.at < Math.max(this.minIntervalMs, 20 * hit.cost))
        return { ...hit.result, cached: true, stale: true };
    }
    const run = this.running.get(slot);
    if (run?.key === key) return { ...(await run.done), cached: true };
    const done = this.compute(slot, key, study, trials, evaluator, objective);
    this.running.set(slot, { key, done });
    try {
      return { ...(await done), cached: false };
    } finally {
      if (this.running.get(slot)?.done === done) this.running.delete(slot);
    }
  }

  private async compute(
    slot: string,
    key: string,
    study: FrozenStudy,
    trials: readonly FrozenTrial[],
    evaluator: ImportanceEvaluatorName,
    objective: number,
  ): Promise<ImportancesResult> {
    const at = this.now();
    const seq = ++this.seq;
    const started = performance.now();
    const maxTrials = evaluator === "fanova" ? this.maxFanovaTrials : Number.POSITIVE_INFINITY;
    const plan = planImportances(study, trials, evaluator, objective, maxTrials);
    const result = "result" in plan ? plan.result : plan.finish(await this.evaluate(plan.task));
    if ((this.entries.get(slot)?.seq ?? 0) > seq) return result;
    this.entries.delete(slot);
    this.entries.set(slot, { key, seq, result, at, cost: performance.now() - started });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return result;
  }
}
