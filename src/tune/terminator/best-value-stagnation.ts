import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyDirection } from "../storage/storage.js";
import { bestOf, type ImprovementEvaluator } from "./evaluator.js";

/**
 * Improvement = `maxStagnationTrials` minus the number of COMPLETE trials since the best one;
 * paired with `StaticErrorEvaluator(0)` it stops a study whose best value has not improved for
 * that many trials.
 */
export class BestValueStagnationEvaluator implements ImprovementEvaluator {
  constructor(private readonly maxStagnationTrials = 30) {
    if (!Number.isInteger(maxStagnationTrials) || maxStagnationTrials < 0)
      throw new InvalidArgumentError(
        `BestValueStagnationEvaluator: maxStagnationTrials must be an integer >= 0, got ${maxStagnationTrials}`,
      );
  }

  evaluate(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): number {
    const best = bestOf(trials, directions[0]);
    if (best === null) return this.maxStagnationTrials;
    const since = trials.length - 1 - trials.indexOf(best);
    return this.maxStagnationTrials - since;
  }
}
