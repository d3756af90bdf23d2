import {
  FanovaImportanceEvaluator,
  type FrozenStudy,
  type FrozenTrial,
  getParamImportances,
  type ImportanceEvaluator,
  PedAnovaImportanceEvaluator,
  Rng,
  type StudyDirection,
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

/** An importances answer without the cache's flags. */
export type ImportancesResult = Omit<ImportancesJson, "cached" | "stale">;

/** One parameter's importance. */
export type ImportanceRow = ImportancesJson["importances"][number];

/** The costly part of an importances answer: what {@link evaluateImportances} needs. */
export interface ImportanceTask {
  readonly evaluator: ImportanceEvaluatorName;
  readonly directions: readonly StudyDirection[];
  readonly objective: number;
  /** COMPLETE trials with a finite value of the objective (a sample of them above the limit). */
  readonly trials: readonly FrozenTrial[];
}

/** Either the answer already (too few trials) or the task to run and how to finish the answer. */
export type ImportancePlan =
  | { readonly result: ImportancesResult }
  | { readonly task: ImportanceTask; finish(rows: ImportanceRow[]): ImportancesResult };

/**
 * Chooses the trials to explain: COMPLETE ones with a finite objective, a seeded sample of
 * `maxTrials` above that many. Too few trials give an empty list and a reason instead of an
 * error, since that is a normal state of a young study.
 */
export function planImportances(
  study: FrozenStudy,
  trials: readonly FrozenTrial[],
  evaluator: ImportanceEvaluatorName,
  objective: number,
  maxTrials = Number.POSITIVE_INFINITY,
): ImportancePlan {
  let usable = trials.filter(
    (t) => t.state === "COMPLETE" && t.values !== null && Number.isFinite(t.values[objective]),
  );
  const base = { study_id: study.studyId, evaluator, objective, n_trials: usable.length };
  if (usable.length < 2)
    return {
      result: { ...base, importances: [], reason: `needs at least 2 complete trials, has ${usable.length}` },
    };
  if (usable.length > maxTrials) usable = sample(usable, maxTrials);
  const sampled = usable.length < base.n_trials ? { n_sampled: usable.length } : {};
  return {
    task: { evaluator, directions: study.directions, objective, trials: usable },
    finish: (importances) =>
      importances.length === 0
        ? { ...base, ...sampled, importances, reason: "no parameter is shared by every complete trial" }
        : { ...base, ...sampled, importances },
  };
}

/**
 * Runs the tune module's `getParamImportances` on one objective, oriented so that smaller is
 * better (which PED-ANOVA needs). Largest first.
 */
export function evaluateImportances(task: ImportanceTask): ImportanceRow[] {
  const { objective } = task;
  const sign = task.directions[objective] === "maximize" ? -1 : 1;
  const imp = getParamImportances(
    { directions: task.directions, trials: task.trials },
    { evaluator: EVALUATORS[task.evaluator](), target: (t) => sign * (t.values as number[])[objective] },
  );
  return Object.entries(imp).map(([param, importance]) => ({ param, importance }));
}

/** {@link planImportances} and {@link evaluateImportances} in this thread. */
export function computeImportances(
  study: FrozenStudy,
  trials: readonly FrozenTrial[],
  evaluator: ImportanceEvaluatorName,
  objective: number,
  maxTrials = Number.POSITIVE_INFINITY,
): ImportancesResult {
  const plan = planImportances(study, trials, evaluator, objective, maxTrials);
  return "result" in plan ? plan.result : plan.finish(evaluateImportances(plan.task));
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
