import type { Distribution, ParamValue } from "../distributions.js";
import type { FrozenTrial } from "../frozen-trial.js";
import { Rng } from "../rng.js";
import type { StudyView } from "../study-view.js";
import type { Sampler, SamplerOptions } from "./sampler.js";

/**
 * Defaults for {@link Sampler}: no relative sampling, no hooks, a seeded random stream in `rng`.
 * Extend it so capabilities added to the contract later do not break your sampler.
 */
export abstract class SamplerBase implements Sampler {
  protected readonly rng: Rng;
  protected readonly seed: number | undefined;

  constructor(options: SamplerOptions = {}) {
    this.seed = options.seed;
    this.rng = new Rng(options.seed);
  }

  inferRelativeSearchSpace(_study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    return {};
  }

  sampleRelative(
    _study: StudyView,
    _trial: FrozenTrial,
    _space: Record<string, Distribution>,
  ): Record<string, ParamValue> {
    return {};
  }

  abstract sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue;

  reseedRng(): void {
    this.rng.reseed();
  }
}
