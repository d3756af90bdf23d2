import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";
import { checkInt, isFirstInInterval } from "./checks.js";
import type { Pruner } from "./pruner.js";

/** Options of {@link ThresholdPruner}. */
export interface ThresholdPrunerOptions {
  /** Prune below this value. Default: no lower bound. */
  lower?: number;
  /** Prune above this value. Default: no upper bound. */
  upper?: number;
  /** No pruning before this step. Default 0. */
  nWarmupSteps?: number;
  /** Judge at most once per this many steps. Default 1. */
  intervalSteps?: number;
}

/**
 * Prunes a trial whose latest value leaves [lower, upper] or is NaN.
 *
 * @example
 * const pruner = new ThresholdPruner({ upper: 1.0 }); // a loss above 1 is hopeless
 */
export class ThresholdPruner implements Pruner {
  private readonly lower: number;
  private readonly upper: number;
  private readonly nWarmupSteps: number;
  private readonly intervalSteps: number;

  constructor(options: ThresholdPrunerOptions) {
    const { lower = -Infinity, upper = Infinity, nWarmupSteps = 0, intervalSteps = 1 } = options;
    if (options.lower === undefined && options.upper === undefined)
      throw new InvalidArgumentError("ThresholdPruner: give lower, upper or both");
    if (typeof lower !== "number" || typeof upper !== "number" || Number.isNaN(lower) || Number.isNaN(upper))
      throw new InvalidArgumentError(
        `ThresholdPruner: lower and upper must be numbers, got ${lower} and ${upper}`,
      );
    if (lower > upper)
      throw new InvalidArgumentError(`ThresholdPruner: lower must be <= upper, got ${lower} > ${upper}`);
    checkInt("ThresholdPruner", "nWarmupSteps", nWarmupSteps, 0);
    checkInt("ThresholdPruner", "intervalSteps", intervalSteps, 1);
    this.lower = lower;
    this.upper = upper;
    this.nWarmupSteps = nWarmupSteps;
    this.intervalSteps = intervalSteps;
  }

  prune(_study: StudyView, trial: FrozenTrial): boolean {
    const step = trial.lastStep;
    if (step === null || step < this.nWarmupSteps) return false;
    if (!isFirstInInterval(trial, step, this.nWarmupSteps, this.intervalSteps)) return false;
    const v = trial.intermediateValues.get(step)!;
    return Number.isNaN(v) || v < this.lower || v > this.upper;
  }
}
