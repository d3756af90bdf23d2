import type { FrozenTrial } from "../frozen-trial.js";
import type { StudyView } from "../study-view.js";
import { RandomSampler } from "./random.js";
import type { Sampler, SamplerOptions } from "./sampler.js";
import { SamplerBase } from "./sampler-base.js";

/** Options of samplers that hand parameters they cannot model to another sampler. */
export interface RelativeSamplerOptions extends SamplerOptions {
  /** Samples what the relative sampler does not (categoricals, conditional parameters). Default: `RandomSampler({ seed })`. */
  independentSampler?: Sampler;
}

/**
 * Base of samplers that sample a joint (relative) space and pass everything else to an
 * independent sampler (CMA-ES, QMC, GP, NSGA-II): the independent sampler gets the trial hooks
 * and the reseeding too.
 */
export abstract class RelativeSamplerBase extends SamplerBase {
  protected readonly independent: Sampler;

  constructor(options: RelativeSamplerOptions = {}) {
    super(options);
    this.independent = options.independentSampler ?? new RandomSampler({ seed: options.seed });
  }

  beforeTrial(study: StudyView, trial: FrozenTrial): void {
    this.independent.beforeTrial?.(study, trial);
  }

  override reseedRng(): void {
    super.reseedRng();
    this.independent.reseedRng?.();
  }
}
