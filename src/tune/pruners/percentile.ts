import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";
import { bestIntermediate, checkInt, isFirstInInterval, percentile } from "./checks.js";
import type { Pruner } from "./pruner.js";

/** Options shared by {@link PercentilePruner} and {@link MedianPruner}. */
export interface PercentilePrunerOptions {
  /** Pruning starts once this many trials have completed. Default 5. */
  nStartupTrials?: number;
  /** No pruning before this step. Default 0. */
  nWarmupSteps?: number;
  /** Judge at most once per this many steps. Default 1. */
  intervalSteps?: number;
  /** Completed trials that must have reported at the step. Default 1. */
  nMinTrials?: number;
}

/**
 * Prunes a trial whose best value so far is worse than the given percentile of the completed
 * trials' values at the same step.
 *
 * @example
 * const pruner = new PercentilePruner(25, { nStartupTrials: 5, nWarmupSteps: 10 });
 */
export class PercentilePruner implements Pruner {
  private readonly nStartupTrials: number;
  private readonly nWarmupSteps: number;
  private readonly intervalSteps: number;
  private readonly nMinTrials: number;

  constructor(
    private readonly percentile: number,
    options: PercentilePrunerOptions = {},
  ) {
    const { nStartupTrials = 5, nWarmupSteps = 0, intervalSteps = 1, nMinTrials = 1 } = options;
    const name = new.target.name;
    if (!(percentile >= 0 && percentile <= 100))
      throw new InvalidArgumentError(`${name}: percentile must be in [0, 100], got ${percentile}`);
    checkInt(name, "nStartupTrials", nStartupTrials, 0);
    checkInt(name, "nWarmupSteps", nWarmupSteps, 0);
    checkInt(name, "intervalSteps", intervalSteps, 1);
    checkInt(name, "nMinTrials", nMinTrials, 1);
    this.nStartupTrials = nStartupTrials;
    this.nWarmupSteps = nWarmupSteps;
    this.intervalSteps = intervalSteps;
    this.nMinTrials = nMinTrials;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const complete = study.getTrials({ states: ["COMPLETE"] });
    if (complete.length < this.nStartupTrials) return false;
    const step = trial.lastStep;
    if (step === null || step < this.nWarmupSteps) return false;
    if (!isFirstInInterval(trial, step, this.nWarmupSteps, this.intervalSteps)) return false;
    const direction = study.directions[0];
    const best = bestIntermediate(trial, direction);
    if (Number.isNaN(best)) return true;
    const atStep: number[] = [];
    for (const t of complete) {
      const v = t.intermediateValues.get(step);
      if (v !== undefined) atStep.push(v);
    }
    if (atStep.length < this.nMinTrials) return false;
    const q = direction === "minimize" ? this.percentile : 100 - this.percentile;
    const p = percentile(atStep, q);
    if (Number.isNaN(p)) return false;
    return direction === "minimize" ? best > p : best < p;
  }
}
