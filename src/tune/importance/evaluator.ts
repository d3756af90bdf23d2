import type { Distribution } from "../distributions.js";
import type { FrozenTrial } from "../frozen-trial.js";

/**
 * Computes how much each parameter matters to an objective. `getParamImportances` calls
 * `evaluate` once with the COMPLETE trials that have every parameter of `searchSpace` and a finite
 * target; the evaluator returns a non-negative score per parameter (any scale: the caller
 * normalises). Throws nothing for degenerate data: a constant target gives all zeros.
 */
export interface ImportanceEvaluator {
  evaluate(
    trials: readonly FrozenTrial[],
    searchSpace: Readonly<Record<string, Distribution>>,
    /** The value to explain for each trial, oriented so that smaller is better. */
    target: (trial: FrozenTrial) => number,
  ): Record<string, number>;
}
