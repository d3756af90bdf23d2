import {
  type CategoricalChoice,
  CategoricalDistribution,
  checkDistributionCompatibility,
  type Distribution,
  distributionsEqual,
  FloatDistribution,
  IntDistribution,
  type ParamValue,
} from "./distributions.js";
import { InvalidArgumentError, InvalidStateError } from "./errors.js";
import type { FrozenTrial, JsonValue } from "./frozen-trial.js";
import { warnOnce } from "./logging.js";
import type { Pruner } from "./pruners/pruner.js";
import type { Sampler } from "./samplers/sampler.js";
import type { Storage, StorageOp } from "./storage/storage.js";
import type { StudyView } from "./study-view.js";

/** What a live trial needs from its study (implemented by `Study`). */
export interface TrialHost {
  readonly storage: Storage;
  readonly sampler: Sampler;
  readonly pruner: Pruner;
  readonly directions: readonly string[];
  /** The study as the sampler should see it for this trial. */
  samplerView(trial: FrozenTrial): StudyView;
  /** The study as pruners see it. */
  view(): StudyView;
  /** The distribution the study first used for `name`, if any. */
  knownDistribution(name: string): Distribution | undefined;
  /** Publishes the trial's latest snapshot to the study's view. */
  onTrialChanged(trial: FrozenTrial): void;
  /** Called on every report so the study can refresh other processes' trials now and then. */
  onReport(): void;
}

/** Options of `suggestFloat`. */
export interface SuggestFloatOptions {
  /** Sample on a log scale (needs low > 0; not with step). Default false. */
  log?: boolean;
  /** Only values low + k·step. Default: continuous. */
  step?: number | null;
}

/** Options of `suggestInt`. */
export interface SuggestIntOptions {
  /** Sample on a log scale (needs low >= 1 and step 1). Default false. */
  log?: boolean;
  /** Only values low + k·step. Default 1. */
  step?: number;
}

/** The interface an objective receives: a live {@link Trial}, a `FixedTrial`, or your own. */
export interface TrialLike {
  readonly number: number;
  suggestFloat(name: string, low: number, high: number, options?: SuggestFloatOptions): number;
  suggestInt(name: string, low: number, high: number, options?: SuggestIntOptions): number;
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T;
  report(value: number, step: number): void;
  shouldPrune(): boolean;
  setUserAttr(key: string, value: JsonValue): void;
  setConstraint(name: string, value: number): void;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
}

/**
 * A trial in progress: the objective asks it for parameters and reports intermediate values.
 * Suggestions are synchronous; writes go to the storage in the background, in order, and are
 * all stored before the trial is told finished.
 */
export class Trial implements TrialLike {
  private current: FrozenTrial;
  private relativeSpace: Record<string, Distribution> | null = null;
  private relativeParams: Record<string, ParamValue> | null = null;
  private writes: Promise<void> = Promise.resolve();
  private readonly queued: StorageOp[] = [];
  private writeError: unknown = null;

  /** @internal created by `study.ask()` */
  constructor(
    private readonly host: TrialHost,
    frozen: FrozenTrial,
  ) {
    this.current = frozen;
  }

  /** 0-based number of the trial within its study. */
  get number(): number {
    return this.current.number;
  }

  /** Storage id of the trial. */
  get trialId(): number {
    return this.current.trialId;
  }

  /** Parameters suggested so far. */
  get params(): Readonly<Record<string, ParamValue>> {
    return this.current.params;
  }

  /** Distributions of the parameters suggested so far. */
  get distributions(): Readonly<Record<string, Distribution>> {
    return this.current.distributions;
  }

  get userAttrs(): Readonly<Record<string, JsonValue>> {
    return this.current.userAttrs;
  }

  get systemAttrs(): Readonly<Record<string, JsonValue>> {
    return this.current.systemAttrs;
  }

  get datetimeStart(): Date | null {
    return this.current.datetimeStart;
  }

  /** The latest snapshot of this trial. */
  get frozen(): FrozenTrial {
    return this.current;
  }

  /**
   * A float in [low, high]; on a log scale with `{log: true}`, on a grid with `{step}`.
   *
   * @example
   * const lr = trial.suggestFloat("lr", 1e-4, 1, { log: true });
   */
  suggestFloat(name: string, low: number, high: number, options: SuggestFloatOptions = {}): number {
    return this.suggest(name, () => new FloatDistribution(low, high, options)) as number;
  }

  /**
   * An integer in [low, high] (both included), on a log scale with `{log: true}`.
   *
   * @example
   * const depth = trial.suggestInt("depth", 3, 10);
   */
  suggestInt(name: string, low: number, high: number, options: SuggestIntOptions = {}): number {
    return this.suggest(name, () => new IntDistribution(low, high, options)) as number;
  }

  /**
   * One of `choices` (strings, numbers, booleans or null). The result's type is the union of the choices.
   *
   * @example
   * const kind = trial.suggestCategorical("kind", ["gbdt", "dart"]); // "gbdt" | "dart"
   */
  suggestCategorical<const T extends CategoricalChoice>(name: string, choices: readonly T[]): T {
    return this.suggest(name, () => new CategoricalDistribution(choices)) as T;
  }

  /**
   * Records an intermediate objective value at `step` (an integer >= 0) for pruners.
   * A second report at the same step is ignored with a warning, as in Optuna.
   */
  report(value: number, step: number): void {
    if (this.host.directions.length > 1)
      throw new InvalidStateError("report() is not supported on a multi-objective study");
    if (!Number.isInteger(step) || step < 0)
      throw new InvalidArgumentError(`report(): step must be an integer >= 0, got ${step}`);
    if (typeof value !== "number")
      throw new InvalidArgumentError(`report(): value must be a number, got ${String(value)}`);
    if (this.current.intermediateValues.has(step)) {
      warnOnce(
        "REPORT_SAME_STEP",
        `trial ${this.number} already reported a value at step ${step}; the new one is ignored`,
      );
      return;
    }
    const iv = new Map(this.current.intermediateValues);
    iv.set(step, value);
    this.update(this.current.with({ intermediateValues: iv }));
    this.write((s) => s.setTrialIntermediateValue(this.trialId, step, value));
    this.host.onReport();
  }

  /** True when the study's pruner advises stopping this trial now (then throw `TrialPruned`). */
  shouldPrune(): boolean {
    if (this.host.directions.length > 1)
      throw new InvalidStateError("shouldPrune() is not supported on a multi-objective study");
    return this.host.pruner.prune(this.host.view(), this.current);
  }

  /** Attaches a JSON value to the trial. */
  setUserAttr(key: string, value: JsonValue): void {
    this.update(this.current.with({ userAttrs: { ...this.current.userAttrs, [key]: value } }));
    this.write((s) => s.setTrialUserAttr(this.trialId, key, value));
  }

  /** Attaches internal metadata (samplers, pruners, callbacks). */
  setSystemAttr(key: string, value: JsonValue): void {
    this.update(this.current.with({ systemAttrs: { ...this.current.systemAttrs, [key]: value } }));
    this.write((s) => s.setTrialSystemAttr(this.trialId, key, value));
  }

  /** Records a constraint value; the trial is feasible when every constraint is <= 0. */
  setConstraint(name: string, value: number): void {
    if (typeof value !== "number" || Number.isNaN(value))
      throw new InvalidArgumentError(
        `setConstraint(): value of "${name}" must be a number, got ${String(value)}`,
      );
    this.setSystemAttr(`constraints:${name}`, value);
  }

  /** @internal Waits for every background write; rethrows the first that failed. */
  async flush(): Promise<void> {
    await this.writes;
    if (this.writeError !== null) throw this.writeError;
  }

  /**
   * @internal Ends the trial's writes with `last` (the study's finishing write): the writes not
   * sent yet go with it in one batch (one transaction: an objective that returns at once costs
   * one commit for its parameters and its end), after the writes already sent. Rethrows the
   * first write that failed, and then does not run `last`. With `send`, the batch goes to it
   * (the study's call that also creates the next trial) and its result is returned (null
   * otherwise).
   */
  async finish(
    last: StorageOp,
    send?: (ops: readonly StorageOp[]) => Promise<FrozenTrial | null>,
  ): Promise<FrozenTrial | null> {
    const ops = this.queued.splice(0);
    await this.flush();
    ops.push(last);
    if (send) return send(ops);
    const storage = this.host.storage;
    if (ops.length > 1 && storage.batch) await storage.batch(ops);
    else for (const o of ops) await o(storage);
    return null;
  }

  /** @internal Replaces the snapshot (used by the study when it finishes the trial). */
  update(next: FrozenTrial): void {
    this.current = next;
    this.host.onTrialChanged(next);
  }

  private write(op: StorageOp): void {
    // Writes queued in one synchronous stretch (e.g. several suggestions) are handed to the
    // storage together, so a database storage stores them in one transaction.
    this.queued.push(op);
    if (this.queued.length > 1) return;
    this.writes = this.writes.then(async () => {
      // Let the objective's synchronous suggestions queue up first; an objective that returns
      // at once is told before this, and `finish` then takes the writes.
      await new Promise((resolve) => setImmediate(resolve));
      const ops = this.queued.splice(0);
      if (this.writeError !== null || !ops.length) return;
      const storage = this.host.storage;
      try {
        if (ops.length > 1 && storage.batch) await storage.batch(ops);
        else for (const o of ops) await o(storage);
      } catch (e) {
        this.writeError = e;
      }
    });
  }

  private suggest(name: string, make: () => Distribution): ParamValue {
    if (typeof name !== "string" || name.length === 0)
      throw new InvalidArgumentError(
        `parameter name must be a non-empty string, got ${JSON.stringify(name)}`,
      );
    const distribution = make();
    const previous = this.current.distributions[name];
    if (previous) {
      checkDistributionCompatibility(name, previous, distribution);
      if (!distributionsEqual(previous, distribution))
        warnOnce(
          "SUGGEST_DIFFERENT_RANGE",
          `parameter "${name}" was suggested again with another range; the first value is kept`,
        );
      return this.current.params[name];
    }
    const known = this.host.knownDistribution(name);
    if (known) checkDistributionCompatibility(name, known, distribution);

    const internal = distribution.toInternal(this.pick(name, distribution));
    const external = distribution.toExternal(internal);
    this.update(
      this.current.with({
        params: { ...this.current.params, [name]: external },
        distributions: { ...this.current.distributions, [name]: distribution },
      }),
    );
    this.write((s) => s.setTrialParam(this.trialId, name, internal, distribution));
    return external;
  }

  private pick(name: string, distribution: Distribution): ParamValue {
    const fixed = (this.current.systemAttrs.fixed_params as Record<string, ParamValue> | undefined)?.[name];
    if (fixed !== undefined) {
      const ok =
        distribution.kind === "categorical"
          ? distribution.choices.includes(fixed)
          : distribution.contains(Number(fixed));
      if (!ok)
        warnOnce(
          "FIXED_PARAM_OUTSIDE",
          `fixed value ${JSON.stringify(fixed)} of "${name}" lies outside its distribution; used anyway`,
        );
      if (distribution.kind !== "categorical" || ok) return fixed;
    }
    if (distribution.single())
      return distribution.toExternal(distribution.kind === "categorical" ? 0 : distribution.low);

    const view = this.host.samplerView(this.current);
    if (this.relativeSpace === null) {
      this.relativeSpace = this.host.sampler.inferRelativeSearchSpace(view, this.current);
      this.relativeParams = Object.keys(this.relativeSpace).length
        ? this.host.sampler.sampleRelative(view, this.current, this.relativeSpace)
        : {};
    }
    const relative = this.relativeParams?.[name];
    if (
      relative !== undefined &&
      this.relativeSpace[name] &&
      distributionsEqual(this.relativeSpace[name], distribution)
    )
      return relative;
    return this.host.sampler.sampleIndependent(view, this.current, name, distribution);
  }
}
