import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";
import { checkInt } from "./checks.js";
import type { Pruner } from "./pruner.js";

/**
 * Lets the wrapped pruner act only after the trial has not improved by `minDelta` for
 * `patience` steps; with no wrapped pruner, that stagnation alone prunes.
 *
 * @example
 * const pruner = new PatientPruner(new MedianPruner(), 3);
 */
export class PatientPruner implements Pruner {
  constructor(
    private readonly wrapped: Pruner | null,
    private readonly patience: number,
    private readonly minDelta = 0,
  ) {
    checkInt("PatientPruner", "patience", patience, 0);
    if (!(minDelta >= 0))
      throw new InvalidArgumentError(`PatientPruner: minDelta must be >= 0, got ${minDelta}`);
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const steps = [...trial.intermediateValues.keys()].sort((a, b) => a - b);
    if (steps.length <= this.patience + 1) return false;
    const split = steps.length - this.patience - 1;
    const values = (s: number[]) =>
      s.map((k) => trial.intermediateValues.get(k)!).filter((v) => !Number.isNaN(v));
    const before = values(steps.slice(0, split));
    const after = values(steps.slice(split));
    const minimize = study.directions[0] === "minimize";
    const stalled = minimize
      ? Math.min(...before) + this.minDelta < Math.min(...after)
      : Math.max(...before) - this.minDelta > Math.max(...after);
    if (!stalled) return false;
    return this.wrapped ? this.wrapped.prune(study, trial) : true;
  }
}
