import {
  FanovaImportanceEvaluator,
  type FrozenStudy,
  type FrozenTrial,
  getParamImportances,
  type ImportanceEvaluator,
  PedAnovaImportanceEvaluator,
  Rng,
} from "../../tune/index.js";
import type { ImportanceEvaluatorName, ImportancesJson } from "./study-wire.js";

/** Evaluator names the API accepts, from one list (the route's schema enumerates it). */
export const IMPORTANCE_EVALUATORS = [
  "fanova",
  "ped-anova",
] as const satisfies readonly ImportanceEvaluatorName[];

/** Fixed seed: the same trials give the same importances on every page load. */
const EVALUATORS: Record<ImportanceEvaluatorName, () => ImportanceEvaluator> = {
  fanova: () => new FanovaImportanceEvaluator({ seed: 0 }),
  "ped-anova": () => new PedAnovaImportanceEvaluator(),
};

type Result = Omit<ImportancesJson, "cached" | "stale">;

interface Entry {
  key: string;
  result: Result;
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
}

/**
 * Parameter importances per (study, evaluator, objective), remembered until the study's set of
 * COMPLETE trials changes. Finished trials never change and COMPLETE trials never leave that
 * state, so the count of COMPLETE trials and the largest id among them identify the set: a page
 * reload or a poll that brings only RUNNING or PRUNED trials reuses the result. Least recently
 * used combinations beyond `maxEntries` are dropped.
 */
export class ImportanceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxFanovaTrials: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;

  constructor(options: ImportanceCacheOptions = {}) {
    const { maxEntries = 64, maxFanovaTrials = 1000, minIntervalMs = 2000, now = Date.now } = options;
    this.maxEntries = maxEntries;
    this.maxFanovaTrials = maxFanovaTrials;
    this.minIntervalMs = minIntervalMs;
    this.now = now;
  }

  /** The importances of `trials`, computed now or taken from the cache. */
  get(
    study: FrozenStudy,
    trials: readonly FrozenTrial[],
    evaluator: ImportanceEvaluatorName,
    objective: number,
  ): ImportancesJson {
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
    const started = performance.now();
    const maxTrials = evaluator === "fanova" ? this.maxFanovaTrials : Number.POSITIVE_INFINITY;
    const result = computeImportances(study, trials, evaluator, objective, maxTrials);
    this.entries.set(slot, { key, result, at: now, cost: performance.now() - started });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return { ...result, cached: false };
  }
}

/**
 * Runs the tune module's `getParamImportances` on one objective (oriented so that smaller is
 * better, which PED-ANOVA needs), on at most `maxTrials` COMPLETE trials (a seeded sample).
 * Too few trials or no shared parameter give an empty list and a reason instead of an error,
 * since that is a normal state of a young study.
 */
export function computeImportances(
  study: FrozenStudy,
  trials: readonly FrozenTrial[],
  evaluator: ImportanceEvaluatorName,
  objective: number,
  maxTrials = Number.POSITIVE_INFINITY,
): Result {
  const sign = study.directions[objective] === "maximize" ? -1 : 1;
  let usable = trials.filter(
    (t) => t.state === "COMPLETE" && t.values !== null && Number.isFinite(t.values[objective]),
  );
  const base = { study_id: study.studyId, evaluator, objective, n_trials: usable.length };
  if (usable.length < 2)
    return { ...base, importances: [], reason: `needs at least 2 complete trials, has ${usable.length}` };
  if (usable.length > maxTrials) usable = sample(usable, maxTrials);
  const imp = getParamImportances(
    { directions: study.directions, trials: usable },
    { evaluator: EVALUATORS[evaluator](), target: (t) => sign * (t.values as number[])[objective] },
  );
  const importances = Object.entries(imp).map(([param, importance]) => ({ param, importance }));
  const sampled = usable.length < base.n_trials ? { n_sampled: usable.length } : {};
  if (importances.length === 0)
    return { ...base, ...sampled, importances, reason: "no parameter is shared by every complete trial" };
  return { ...base, ...sampled, importances };
}

/** `k` of `items` by a seeded partial Fisher–Yates shuffle, in their original order. */
function sample<T>(items: readonly T[], k: number): T[] {
  const rng = new Rng(0);
  const idx = items.map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(idx.length - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}
