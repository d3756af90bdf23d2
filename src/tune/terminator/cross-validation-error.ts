import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyDirection } from "../storage/storage.js";
import { bestOf, type ErrorEvaluator } from "./evaluator.js";
import { GpNoiseErrorEvaluator } from "./regret-bound.js";

/** System attribute that holds a trial's cross-validation scores. */
export const CV_SCORES_ATTR = "terminator:cv_scores";

/**
 * Records the k cross-validation fold scores of a trial, for {@link CrossValidationErrorEvaluator}.
 *
 * @example
 * reportCrossValidationScores(trial, foldRmses);
 * return mean(foldRmses);
 */
export function reportCrossValidationScores(
  trial: { setSystemAttr(key: string, value: number[]): void },
  scores: readonly number[],
): void {
  if (scores.length < 2 || scores.some((s) => typeof s !== "number" || !Number.isFinite(s)))
    throw new InvalidArgumentError(
      `reportCrossValidationScores(): needs at least 2 finite scores, got ${JSON.stringify(scores)}`,
    );
  trial.setSystemAttr(CV_SCORES_ATTR, [...scores]);
}

/** A constant error estimate (e.g. 0 with {@link BestValueStagnationEvaluator}). */
export class StaticErrorEvaluator implements ErrorEvaluator {
  constructor(private readonly constant = 0) {}

  evaluate(): number {
    return this.constant;
  }
}

/**
 * The error of the best trial's cross-validated value: √(1/k + 1/(k−1))·sd of its k fold scores
 * (the corrected resampled t-test variance of Nadeau & Bengio 2003, as Optuna's terminator).
 * Without reported scores it falls back to the GP's noise estimate ({@link GpNoiseErrorEvaluator}).
 */
export class CrossValidationErrorEvaluator implements ErrorEvaluator {
  private readonly fallback = new GpNoiseErrorEvaluator();

  evaluate(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number {
    const best = bestOf(trials, directions[0]);
    const scores = best?.systemAttrs[CV_SCORES_ATTR] as number[] | undefined;
    if (!Array.isArray(scores) || scores.length < 2) return this.fallback.evaluate(trials, directions);
    const k = scores.length;
    const mean = scores.reduce((a, b) => a + b, 0) / k;
    const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1);
    return Math.sqrt((1 / k + 1 / (k - 1)) * variance);
  }
}
