import type { Distribution, ParamValue } from "../distributions.js";
import type { FrozenTrial } from "../frozen-trial.js";
import type { Rng } from "../rng.js";
import type { StudyView } from "../study-view.js";
import type { SamplerOptions } from "./sampler.js";
import { SamplerBase } from "./sampler-base.js";
import { decode, encoding } from "./transform.js";

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions extends SamplerOptions {}

/**
 * Samples every parameter independently and uniformly (log-uniformly for `log`, on the grid for `step`).
 *
 * @example
 * const study = await createStudy({ sampler: new RandomSampler({ seed: 42 }) });
 */
export class RandomSampler extends SamplerBase {
  constructor(options: RandomSamplerOptions = {}) {
    super(options);
  }

  sampleIndependent(
    _study: StudyView,
    _trial: FrozenTrial,
    _name: string,
    distribution: Distribution,
  ): ParamValue {
    return sampleUniform(this.rng, distribution);
  }
}

/** One uniform draw from `d` (external value). */
export function sampleUniform(rng: Rng, d: Distribution): ParamValue {
  if (d.kind === "categorical") return d.choices[rng.int(d.choices.length)];
  const enc = encoding(d);
  return d.toExternal(decode(d, rng.uniform(enc.low, enc.high)));
}
