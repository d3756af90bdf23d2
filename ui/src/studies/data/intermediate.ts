import type { StudyTrial, WireTrialState } from "./trials.js";

/** One trial's learning curve. */
export interface LearningCurve {
  readonly number: number;
  readonly state: WireTrialState;
  /** `[step, value]` by step, finite values only. */
  readonly points: readonly (readonly [number, number])[];
}

/** The intermediate values chart's data. */
export interface IntermediateData {
  readonly curves: LearningCurve[];
  /** `[step, value, trial number]` where each PRUNED trial stopped (its last reported step). */
  readonly prunedAt: [number, number, number][];
  /** Total points over all curves. */
  readonly nPoints: number;
}

/**
 * Every trial's reported intermediate values (Optuna's `plot_intermediate_values`), with the
 * point where each pruned trial stopped marked. Trials that reported nothing are left out.
 *
 * @example
 * const { curves, prunedAt } = intermediateValues(trials);
 */
export function intermediateValues(trials: readonly StudyTrial[]): IntermediateData {
  const curves: LearningCurve[] = [];
  const prunedAt: [number, number, number][] = [];
  let nPoints = 0;
  for (const t of trials) {
    // the trial's own pairs unless some value must be dropped (no copy for 100,000s of points)
    const points = t.intermediate.every((p) => Number.isFinite(p[1]))
      ? t.intermediate
      : t.intermediate.filter((p) => Number.isFinite(p[1]));
    if (points.length === 0) continue;
    curves.push({ number: t.number, state: t.state, points });
    nPoints += points.length;
    if (t.state === "PRUNED") {
      const last = points[points.length - 1];
      prunedAt.push([last[0], last[1], t.number]);
    }
  }
  return { curves, prunedAt, nPoints };
}
