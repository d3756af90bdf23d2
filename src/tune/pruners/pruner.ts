import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";

/**
 * Decides whether a running trial should stop early.
 *
 * `prune` is called only from `trial.shouldPrune()`, that is when the objective asks, with a
 * snapshot of the trial holding every value reported so far. Returning true is advice: the
 * objective then throws `TrialPruned`. Pruners are shared by concurrent trials and keep no
 * per-trial state in memory; state other processes need goes in trial system attributes.
 */
export interface Pruner {
  prune(study: StudyView, trial: FrozenTrial): boolean;
  /**
   * Optional: the view of the study a sampler should see for `trial`. Hyperband uses it to
   * decide whether samplers learn per bracket; by default samplers see the whole study.
   */
  samplerView?(study: StudyView, trial: FrozenTrial): StudyView;
}
