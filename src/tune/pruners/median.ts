import { PercentilePruner, type PercentilePrunerOptions } from "./percentile.js";

/** Options of {@link MedianPruner}. */
export interface MedianPrunerOptions extends PercentilePrunerOptions {}

/**
 * Prunes a trial whose best value so far is worse than the median of the completed trials at
 * the same step (Optuna's default pruner).
 *
 * @example
 * const study = await createStudy({ pruner: new MedianPruner({ nWarmupSteps: 5 }) });
 */
export class MedianPruner extends PercentilePruner {
  constructor(options: MedianPrunerOptions = {}) {
    super(50, options);
  }
}
