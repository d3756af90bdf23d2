import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";
import { checkInt } from "./checks.js";
import type { Pruner } from "./pruner.js";

/** Options of {@link SuccessiveHalvingPruner}. */
export interface SuccessiveHalvingPrunerOptions {
  /** Steps before the first rung; "auto" = max(1, longest completed trial's last step / 100). Default "auto". */
  minResource?: number | "auto";
  /** η: a trial is promoted when it is in the best 1/η at its rung. Default 4. */
  reductionFactor?: number;
  /** s: the first rung is at minResource·η^s. Default 0. */
  minEarlyStoppingRate?: number;
  /** Trials that must reach a rung before any is judged there. Default 0. */
  bootstrapCount?: number;
}

/**
 * Asynchronous Successive Halving (Li et al., "A system for massively parallel hyperparameter
 * tuning", MLSys 2020). Rung r sits at step minResource·η^(s+r); a trial reaching it is kept only
 * if its value is in the top 1/η of the values recorded at that rung so far. Rung values are
 * stored as trial system attributes `completed_rung_<r>`, so workers in other processes compete
 * against them.
 *
 * @example
 * const study = await createStudy({ pruner: new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }) });
 */
export class SuccessiveHalvingPruner implements Pruner {
  private readonly minResource: number | "auto";
  private readonly reductionFactor: number;
  private readonly minEarlyStoppingRate: number;
  private readonly bootstrapCount: number;

  constructor(options: SuccessiveHalvingPrunerOptions = {}) {
    const {
      minResource = "auto",
      reductionFactor = 4,
      minEarlyStoppingRate = 0,
      bootstrapCount = 0,
    } = options;
    if (minResource !== "auto") checkInt("SuccessiveHalvingPruner", "minResource", minResource, 1);
    if (!(reductionFactor >= 2))
      throw new InvalidArgumentError(
        `SuccessiveHalvingPruner: reductionFactor must be >= 2, got ${reductionFactor}`,
      );
    checkInt("SuccessiveHalvingPruner", "minEarlyStoppingRate", minEarlyStoppingRate, 0);
    checkInt("SuccessiveHalvingPruner", "bootstrapCount", bootstrapCount, 0);
    if (bootstrapCount > 0 && minResource === "auto")
      throw new InvalidArgumentError(
        "SuccessiveHalvingPruner: bootstrapCount > 0 needs a numeric minResource",
      );
    this.minResource = minResource;
    this.reductionFactor = reductionFactor;
    this.minEarlyStoppingRate = minEarlyStoppingRate;
    this.bootstrapCount = bootstrapCount;
  }

  prune(study: StudyView, trial: FrozenTrial): boolean {
    const step = trial.lastStep;
    if (step === null) return false;
    let rung = currentRung(trial);
    const value = trial.intermediateValues.get(step)!;
    const minResource = this.minResource === "auto" ? estimateMinResource(study) : this.minResource;
    if (minResource === null) return false;
    const direction = study.directions[0];
    for (;;) {
      const promotionStep = minResource * this.reductionFactor ** (this.minEarlyStoppingRate + rung);
      if (step < promotionStep) return false;
      if (Number.isNaN(value)) return true;
      const key = `completed_rung_${rung}`;
      const competing = [value];
      for (const t of study.getTrials())
        if (t.trialId !== trial.trialId && key in t.systemAttrs) competing.push(t.systemAttrs[key] as number);
      study.setTrialSystemAttr(trial.trialId, key, value);
      if (competing.length <= this.bootstrapCount) return true;
      if (!promotable(value, competing, this.reductionFactor, direction)) return true;
      rung++;
    }
  }
}

function currentRung(trial: FrozenTrial): number {
  let rung = 0;
  while (`completed_rung_${rung}` in trial.systemAttrs) rung++;
  return rung;
}

function estimateMinResource(study: StudyView): number | null {
  let last = -1;
  for (const t of study.getTrials({ states: ["COMPLETE"] })) last = Math.max(last, t.lastStep ?? -1);
  return last < 0 ? null : Math.max(Math.floor(last / 100), 1);
}

function promotable(value: number, competing: number[], eta: number, direction: string): boolean {
  const sorted = competing.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const idx = Math.max(0, Math.floor(sorted.length / eta) - 1);
  return direction === "maximize" ? value >= sorted[sorted.length - 1 - idx] : value <= sorted[idx];
}
