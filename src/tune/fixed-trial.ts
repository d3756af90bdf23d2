import type { CategoricalChoice, ParamValue } from "./distributions.js";
import { CategoricalDistribution, FloatDistribution, IntDistribution } from "./distributions.js";
import { InvalidArgumentError } from "./errors.js";
import type { JsonValue } from "./frozen-trial.js";
import type { SuggestFloatOptions, SuggestIntOptions, TrialLike } from "./trial.js";

/**
 * A trial with fixed parameters, to run an objective outside a study (tests, retraining with
 * the best parameters). Suggesting a name it does not hold throws.
 *
 * @example
 * const score = await objective(new FixedTrial(study.bestParams));
 */
export class FixedTrial implements TrialLike {
  private readonly suggested: Record<string, ParamValue> = {};
  private readonly attrs: Record<string, JsonValue> = {};
  private readonly reported = new Map<number, number>();

  constructor(
    private readonly fixed: Readonly<Record<string, ParamValue>>,
    readonly number = 0,
  ) {}

  get params(): Readonly<Record<string, ParamValue>> {
    return this.suggested;
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.attrs;
  }

  /** Values passed to report(), by step. */
  get intermediateValues(): ReadonlyMap<number, number> {
    return this.reported;
  }

  suggestFloat(name: string, low: number, high: number, options: SuggestFloatOptions = {}): number {
    const d = new FloatDistribution(low, high, options);
    return this.take(
      name,
      (v) => typeof v === "number" && d.contains(v),
      `a float in [${low}, ${high}]`,
    ) as number;
  }

  suggestInt(name: string, low: number, high: number, options: SuggestIntOptions = {}): number {
    const d = new IntDistribution(low, high, options);
    return this.take(
      name,
      (v) => typeof v === "number" && d.contains(v),
      `an integer in [${low}, ${high}]`,
    ) as number;
  }

  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    const d = new CategoricalDistribution(choices);
    return this.take(name, (v) => d.choices.includes(v as T), `one of ${JSON.stringify(choices)}`) as T;
  }

  report(value: number, step: number): void {
    this.reported.set(step, value);
  }

  shouldPrune(): boolean {
    return false;
  }

  setUserAttr(key: string, value: JsonValue): void {
    this.attrs[key] = value;
  }

  setConstraint(name: string, value: number): void {
    this.attrs[`constraints:${name}`] = value;
  }

  private take(name: string, ok: (v: ParamValue) => boolean, expected: string): ParamValue {
    if (!(name in this.fixed))
      throw new InvalidArgumentError(
        `FixedTrial: no value for parameter "${name}" (has ${Object.keys(this.fixed).join(", ") || "none"})`,
      );
    const v = this.fixed[name];
    if (!ok(v))
      throw new InvalidArgumentError(
        `FixedTrial: value ${JSON.stringify(v)} of "${name}" is not ${expected}`,
      );
    this.suggested[name] = v;
    return v;
  }
}
