import type { Distribution, ParamValue } from "../../distributions.js";
import { InvalidArgumentError } from "../../errors.js";
import type { FrozenTrial } from "../../frozen-trial.js";
import { warnOnce } from "../../logging.js";
import type { StudyView } from "../../study-view.js";
import { RelativeSamplerBase, type RelativeSamplerOptions } from "../relative-sampler-base.js";
import { spaceSignature, UnitSpace } from "../unit-space.js";
import { HaltonSequence } from "./halton.js";
import { SobolSequence } from "./sobol.js";

/** Low-discrepancy sequences of {@link QMCSampler}. */
export const QMC_TYPES = ["sobol", "halton"] as const;
/** A low-discrepancy sequence. */
export type QmcType = (typeof QMC_TYPES)[number];

/** Options of {@link QMCSampler}. */
export interface QMCSamplerOptions extends RelativeSamplerOptions {
  /** Default "sobol". */
  qmcType?: QmcType;
  /** Randomise the sequence (Sobol: linear matrix scramble + digital shift; Halton: digit permutations). Default false. */
  scramble?: boolean;
  /** Warn when a parameter is sampled independently. Default true. */
  warnIndependentSampling?: boolean;
}

/**
 * Quasi-Monte Carlo sampling: successive points of a Sobol or Halton sequence, mapped through the
 * shared encoding (log parameters uniform in log space, integer cells of equal width,
 * categoricals by ⌊u·k⌋), cover the space more evenly than random points. The search space is the
 * one of the first finished trial (that trial is sampled independently).
 *
 * The next sequence index is kept in the study's system attributes, so workers in several
 * processes draw distinct points of one sequence. The scramble depends only on `seed` — seed 0
 * included (Optuna 3.1 treated 0 as "no seed"); without a seed a random one is drawn once.
 *
 * @example
 * const study = await createStudy({ sampler: new QMCSampler({ qmcType: "sobol", scramble: true, seed: 0 }) });
 */
export class QMCSampler extends RelativeSamplerBase {
  private readonly qmcType: QmcType;
  private readonly scramble: boolean;
  private readonly scrambleSeed: number;
  private readonly warnIndependent: boolean;
  private sequence: { key: string; seq: SobolSequence | HaltonSequence } | null = null;

  constructor(options: QMCSamplerOptions = {}) {
    super(options);
    const { qmcType = "sobol", scramble = false, warnIndependentSampling = true } = options;
    if (!QMC_TYPES.includes(qmcType))
      throw new InvalidArgumentError(
        `QMCSampler: invalid qmcType: ${String(qmcType)} (expected ${QMC_TYPES.join(" | ")})`,
      );
    this.qmcType = qmcType;
    this.scramble = scramble;
    // `?? ` and not `||`: seed 0 is a seed.
    this.scrambleSeed = options.seed ?? this.rng.nextUint32();
    this.warnIndependent = warnIndependentSampling;
  }

  override inferRelativeSearchSpace(study: StudyView, _trial: FrozenTrial): Record<string, Distribution> {
    const first = study.getTrials({ states: ["COMPLETE", "PRUNED"] })[0];
    if (!first) return {};
    const out: Record<string, Distribution> = {};
    for (const [name, d] of Object.entries(first.distributions)) if (!d.single()) out[name] = d;
    return out;
  }

  override sampleRelative(
    study: StudyView,
    _trial: FrozenTrial,
    searchSpace: Record<string, Distribution>,
  ): Record<string, ParamValue> {
    if (Object.keys(searchSpace).length === 0) return {};
    const space = new UnitSpace(searchSpace);
    const key = `qmc:${this.qmcType}:${this.scramble ? this.scrambleSeed : "plain"}:${spaceSignature(space)}`;
    if (this.sequence?.key !== key) {
      const options = { scramble: this.scramble, seed: this.scrambleSeed };
      const seq =
        this.qmcType === "sobol"
          ? new SobolSequence(space.dim, options)
          : new HaltonSequence(space.dim, options);
      this.sequence = { key, seq };
    }
    const index = (study.systemAttrs[`${key}:next`] as number | undefined) ?? 0;
    study.setSystemAttr(`${key}:next`, index + 1);
    return space.fromUniform(this.sequence.seq.point(index));
  }

  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    name: string,
    distribution: Distribution,
  ): ParamValue {
    if (this.warnIndependent && study.getTrials({ states: ["COMPLETE", "PRUNED"] }).length > 0)
      warnOnce(
        "QMC_INDEPENDENT_SAMPLING",
        `QMCSampler samples "${name}" with the independent sampler (it is not in the first finished trial)`,
      );
    return this.independent.sampleIndependent(study, trial, name, distribution);
  }
}
