import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import { intersectionSearchSpace } from "../search-space.js";
import type { StudyDirection } from "../storage/storage.js";
import type { ImportanceEvaluator } from "./evaluator.js";
import { FanovaImportanceEvaluator } from "./fanova.js";

/** The part of a study {@link getParamImportances} reads. */
export interface ImportanceStudy {
  readonly directions: readonly StudyDirection[];
  readonly trials: readonly FrozenTrial[];
}

/** Options of {@link getParamImportances}. */
export interface ParamImportancesOptions {
  /** Default {@link FanovaImportanceEvaluator}. */
  evaluator?: ImportanceEvaluator;
  /** Only these parameters. Default: those every COMPLETE trial has. */
  params?: readonly string[];
  /** The value to explain; required for multi-objective studies. Default: the objective value. */
  target?: (trial: FrozenTrial) => number;
  /** Scale the importances to sum to 1. Default true. */
  normalize?: boolean;
}

/**
 * How much each parameter matters to the objective, largest first (as Optuna's
 * `get_param_importances`). Uses the COMPLETE trials that have every evaluated parameter.
 *
 * @example
 * const imp = getParamImportances(study, { evaluator: new PedAnovaImportanceEvaluator() });
 * // { lr: 0.71, depth: 0.22, subsample: 0.07 }
 */
export function getParamImportances(
  study: ImportanceStudy,
  options: ParamImportancesOptions = {},
): Record<string, number> {
  const { evaluator = new FanovaImportanceEvaluator(), params, normalize = true } = options;
  if (study.directions.length > 1 && options.target === undefined)
    throw new InvalidArgumentError(
      "getParamImportances(): give target for a multi-objective study (e.g. (t) => t.values[0])",
    );
  const sign = options.target === undefined && study.directions[0] === "maximize" ? -1 : 1;
  const target = options.target ?? ((t: FrozenTrial) => t.values![0]);
  const complete = study.trials.filter((t) => t.state === "COMPLETE" && t.values !== null);
  let space = intersectionSearchSpace(complete);
  if (params !== undefined) {
    for (const p of params)
      if (!(p in space))
        throw new InvalidArgumentError(
          `getParamImportances(): parameter "${p}" is not in every complete trial (known: ${Object.keys(space).join(", ")})`,
        );
    space = Object.fromEntries(params.map((p) => [p, space[p]]));
  }
  const names = Object.keys(space);
  if (names.length === 0) return {};
  const usable = complete.filter((t) => Number.isFinite(target(t)));
  if (usable.length < 2)
    throw new InvalidArgumentError(
      `getParamImportances(): needs at least 2 complete trials, the study has ${usable.length}`,
    );
  const raw = evaluator.evaluate(usable, space, (t) => sign * target(t));
  let total = 0;
  for (const n of names) total += Math.max(0, raw[n] ?? 0);
  const entries = names.map((n) => {
    const v = Math.max(0, raw[n] ?? 0);
    return [n, normalize ? (total > 0 ? v / total : 1 / names.length) : v] as const;
  });
  entries.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(entries);
}
