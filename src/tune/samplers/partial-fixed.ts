import type { Distribution, ParamValue } from "../distributions.js";
import type { FrozenTrial, TrialState } from "../frozen-trial.js";
import { warnOnce } from "../logging.js";
import type { StudyView } from "../study-view.js";
import type { Sampler } from "./sampler.js";

/**
 * Fixes some parameters to given values and lets `baseSampler` choose the others (its relative
 * search space loses the fixed ones).
 *
 * @example
 * const sampler = new PartialFixedSampler({ depth: 6 }, new TPESampler({ seed: 0 }));
 */
export class PartialFixedSampler implements Sampler {
  private readonly fixed: Readonly<Record<string, ParamValue>>;

  constructor(
    fixedParams: Record<string, ParamValue>,
    private readonly baseSampler: Sampler,
  ) {
    this.fixed = Object.freeze({ ...fixedParams });
  }

  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution> {
    const space = this.baseSampler.inferRelativeSearchSpace(study, trial);
    const out: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(space)) if (!(name in this.fixed)) out[name] = d;
    return out;
  }

  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    searchSpace: Record<string, Distribution>,
  ): Record<string, ParamValue> {
    return this.baseSampler.sampleRelative(study, trial, searchSpace);
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    if (!(name in this.fixed)) return this.baseSampler.sampleIndependent(study, trial, name, distribution);
    const value = this.fixed[name];
    const ok =
      distribution.kind === "categorical"
        ? distribution.choices.some((c) => Object.is(c, value) || c === value)
        : typeof value === "number" && distribution.contains(value);
    if (!ok)
      warnOnce(
        "PARTIAL_FIXED_OUTSIDE",
        `fixed value ${JSON.stringify(value)} of "${name}" lies outside its distribution; used anyway`,
      );
    return value;
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.baseSampler.beforeTrial?.(study, trial);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.baseSampler.afterTrial?.(study, trial, state, values);
  }

  reseedRng(): void {
    this.baseSampler.reseedRng?.();
  }
}
