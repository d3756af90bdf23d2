import {
  FanovaImportanceEvaluator,
  type FrozenStudy,
  type FrozenTrial,
  getParamImportances,
  type ImportanceEvaluator,
  PedAnovaImportanceEvaluator,
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

type Result = Omit<ImportancesJson, "cached">;

/**
 * Parameter importances per (study, evaluator, objective), remembered until the study's set of
 * COMPLETE trials changes. Finished trials never change and COMPLETE trials never leave that
 * state, so the count of COMPLETE trials and the largest id among them identify the set: a page
 * reload or a poll that brings only RUNNING or PRUNED trials reuses the result. Least recently
 * used entries beyond `maxEntries` are dropped.
 */
export class ImportanceCache {
  private readonly entries = new Map<string, Result>();

  constructor(private readonly maxEntries = 64) {}

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
    const key = `${study.studyId}|${evaluator}|${objective}|${n}|${maxId}`;
    const hit = this.entries.get(key);
    if (hit) {
      // refresh its place in the LRU order
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ...hit, cached: true };
    }
    const result = computeImportances(study, trials, evaluator, objective);
    this.entries.set(key, result);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return { ...result, cached: false };
  }
}

/**
 * Runs the tune module's `getParamImportances` on one objective (oriented so that smaller is
 * better, which PED-ANOVA needs). Too few trials or no shared parameter give an empty list and a
 * reason instead of an error, since that is a normal state of a young study.
 */
export function computeImportances(
  study: FrozenStudy,
  trials: readonly FrozenTrial[],
  evaluator: ImportanceEvaluatorName,
  objective: number,
): Result {
  const sign = study.directions[objective] === "maximize" ? -1 : 1;
  const usable = trials.filter(
    (t) => t.state === "COMPLETE" && t.values !== null && Number.isFinite(t.values[objective]),
  );
  const base = { study_id: study.studyId, evaluator, objective, n_trials: usable.length };
  if (usable.length < 2)
    return { ...base, importances: [], reason: `needs at least 2 complete trials, has ${usable.length}` };
  const imp = getParamImportances(
    { directions: study.directions, trials: usable },
    { evaluator: EVALUATORS[evaluator](), target: (t) => sign * (t.values as number[])[objective] },
  );
  const importances = Object.entries(imp).map(([param, importance]) => ({ param, importance }));
  if (importances.length === 0)
    return { ...base, importances, reason: "no parameter is shared by every complete trial" };
  return { ...base, importances };
}
