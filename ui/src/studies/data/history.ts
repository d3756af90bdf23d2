import { better, completeTrials, type Direction, type StudyTrial } from "./trials.js";

/** Data of the optimisation history chart. */
export interface HistoryData {
  /** `[trial number, value]` of every COMPLETE trial with a finite value. */
  readonly points: [number, number][];
  /** `[trial number, best value so far]` at each of those trials (a step line). */
  readonly best: [number, number][];
  /** Number of the best trial, or null when there is none. */
  readonly bestNumber: number | null;
}

/**
 * Objective values by trial number with the best value seen so far (Optuna's
 * `plot_optimization_history`), for one objective.
 *
 * @example
 * const { points, best } = optimizationHistory(trials, "minimize");
 */
export function optimizationHistory(
  trials: readonly StudyTrial[],
  direction: Direction,
  objective = 0,
): HistoryData {
  const done = completeTrials(trials, objective).sort((a, b) => a.number - b.number);
  const points: [number, number][] = [];
  const best: [number, number][] = [];
  let b = Number.NaN;
  let bestNumber: number | null = null;
  for (const t of done) {
    const v = (t.values as readonly number[])[objective];
    points.push([t.number, v]);
    if (bestNumber === null || better(v, b, direction)) {
      b = v;
      bestNumber = t.number;
    }
    best.push([t.number, b]);
  }
  return { points, best, bestNumber };
}
