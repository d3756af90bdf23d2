import { InvalidArgumentError } from "./errors.js";
import type { FrozenTrial, TrialState } from "./frozen-trial.js";
import type { OptimizeCallback } from "./optimize.js";
import type { Study } from "./study.js";

/**
 * Stops the study once it holds `nTrials` trials in `states` (default COMPLETE), counting the
 * trials of every process — a global budget for many workers.
 *
 * @example
 * await study.optimize(objective, { callbacks: [maxTrialsCallback(100)] });
 */
export function maxTrialsCallback(
  nTrials: number,
  states: readonly TrialState[] = ["COMPLETE"],
): OptimizeCallback {
  if (!Number.isInteger(nTrials) || nTrials < 0)
    throw new InvalidArgumentError(`maxTrialsCallback: nTrials must be an integer >= 0, got ${nTrials}`);
  return (study: Study, _trial: FrozenTrial) => {
    if (study.getTrials({ states }).length >= nTrials) study.stop();
  };
}
