import { completeTrials, type StudyTrial } from "./trials.js";

/**
 * The empirical distribution function of one objective over the COMPLETE trials (Optuna's
 * `plot_edf`): `[value, fraction of trials with a value <= it]`, by value; a step chart.
 *
 * @example
 * edf(trials) // [[0.12, 0.25], [0.3, 0.5], [0.31, 0.75], [0.9, 1]]
 */
export function edf(trials: readonly StudyTrial[], objective = 0): [number, number][] {
  const values = completeTrials(trials, objective)
    .map((t) => (t.values as readonly number[])[objective])
    .sort((a, b) => a - b);
  const n = values.length;
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    // ties: one point at the last of equal values
    if (i + 1 < n && values[i + 1] === values[i]) continue;
    out.push([values[i], (i + 1) / n]);
  }
  return out;
}
