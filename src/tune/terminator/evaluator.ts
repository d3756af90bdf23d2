import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyDirection } from "../storage/storage.js";

/**
 * Estimates how much the study can still improve (in objective units), from the COMPLETE
 * trials, oldest first. The terminator stops the study when this falls below the error estimate.
 */
export interface ImprovementEvaluator {
  evaluate(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number;
}

/** Estimates the objective's error (noise) in objective units, from the COMPLETE trials. */
export interface ErrorEvaluator {
  evaluate(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number;
}

/** The best COMPLETE trial of a single-objective list (minimise or maximise), or null. */
export function bestOf(trials: readonly FrozenTrial[], direction: StudyDirection): FrozenTrial | null {
  let best: FrozenTrial | null = null;
  const sign = direction === "maximize" ? -1 : 1;
  for (const t of trials)
    if (t.values !== null && (best === null || sign * t.values[0] < sign * best.values![0])) best = t;
  return best;
}
