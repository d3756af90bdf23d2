import type { Distribution, ParamValue } from "../distributions.js";
import type { FrozenTrial, TrialState } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";

/**
 * Chooses parameter values. The study calls a sampler in this order for every trial:
 *
 * 1. `beforeTrial(study, trial)` once, when the trial is created (optional hook);
 * 2. `inferRelativeSearchSpace(study, trial)` then `sampleRelative(study, trial, space)` once,
 *    lazily on the trial's first suggestion: the parameters it returns are sampled jointly;
 * 3. `sampleIndependent(study, trial, name, distribution)` for every suggestion that the
 *    relative sample does not answer (new or conditional parameters);
 * 4. `afterTrial(study, trial, state, values)` once, after the objective, before the state is
 *    stored (optional hook).
 *
 * All methods are synchronous and receive a consistent view of the study. Values are external
 * (what the objective sees). FAIL trials count as deleted; RUNNING trials are only used on
 * purpose (constant liar). State a sampler must share between processes goes in system attributes.
 */
export interface Sampler {
  /** The parameters to sample jointly for this trial; `{}` for a purely independent sampler. */
  inferRelativeSearchSpace(study: StudyView, trial: FrozenTrial): Record<string, Distribution>;
  /** Values for some or all of `searchSpace` (`{}` during start-up). */
  sampleRelative(
    study: StudyView,
    trial: FrozenTrial,
    searchSpace: Record<string, Distribution>,
  ): Record<string, ParamValue>;
  /** One value of `distribution` for parameter `name`. */
  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue;
  /** Called when the trial starts. */
  beforeTrial?(study: StudyView, trial: FrozenTrial): void;
  /** Called when the objective has finished, before the state is stored. */
  afterTrial?(
    study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void;
  /** Gives the random stream a new seed (called for each extra concurrent worker). */
  reseedRng?(): void;
}

/** Options every built-in sampler accepts. */
export interface SamplerOptions {
  /** Seed of the sampler's random stream; the same seed reproduces the same sequence. Default: random. */
  seed?: number;
}
