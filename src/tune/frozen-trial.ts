import type { Distribution, ParamValue } from "./distributions.js";
import { InvalidArgumentError } from "./errors.js";

/** Trial states, in Optuna's order. COMPLETE, PRUNED and FAIL are finished. */
export const TRIAL_STATES = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"] as const;
/** The state of a trial. */
export type TrialState = (typeof TRIAL_STATES)[number];

/** True for COMPLETE, PRUNED and FAIL. */
export function isFinished(state: TrialState): boolean {
  return state === "COMPLETE" || state === "PRUNED" || state === "FAIL";
}

/** JSON-serialisable attribute values. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The fields of a {@link FrozenTrial}. */
export interface FrozenTrialInit {
  trialId: number;
  number: number;
  state: TrialState;
  values: readonly number[] | null;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
  params: Readonly<Record<string, ParamValue>>;
  distributions: Readonly<Record<string, Distribution>>;
  userAttrs: Readonly<Record<string, JsonValue>>;
  systemAttrs: Readonly<Record<string, JsonValue>>;
  intermediateValues: ReadonlyMap<number, number>;
}

const NO_CONSTRAINTS: Readonly<Record<string, number>> = Object.freeze({});

/**
 * An immutable snapshot of a trial. Storages hand these out and never change them afterwards;
 * an update produces a new snapshot.
 */
export class FrozenTrial implements FrozenTrialInit {
  readonly trialId: number;
  readonly number: number;
  readonly state: TrialState;
  readonly values: readonly number[] | null;
  readonly datetimeStart: Date | null;
  readonly datetimeComplete: Date | null;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly distributions: Readonly<Record<string, Distribution>>;
  readonly userAttrs: Readonly<Record<string, JsonValue>>;
  readonly systemAttrs: Readonly<Record<string, JsonValue>>;
  readonly intermediateValues: ReadonlyMap<number, number>;
  private readonly constraintValues: Readonly<Record<string, number>>;

  constructor(init: FrozenTrialInit) {
    this.trialId = init.trialId;
    this.number = init.number;
    this.state = init.state;
    this.values = init.values === null ? null : Object.freeze([...init.values]);
    this.datetimeStart = init.datetimeStart;
    this.datetimeComplete = init.datetimeComplete;
    this.params = Object.freeze({ ...init.params });
    this.distributions = Object.freeze({ ...init.distributions });
    this.userAttrs = Object.freeze({ ...init.userAttrs });
    this.systemAttrs = Object.freeze({ ...init.systemAttrs });
    this.intermediateValues = init.intermediateValues;
    let constraints: Record<string, number> | null = null;
    for (const k in this.systemAttrs) {
      if (!k.startsWith("constraints:")) continue;
      constraints ??= {};
      constraints[k.slice(12)] = this.systemAttrs[k] as number;
    }
    // One shared empty object for the usual no-constraint trial: less memory, and a scan of
    // many trials' constraints reads one object.
    this.constraintValues = constraints === null ? NO_CONSTRAINTS : Object.freeze(constraints);
    Object.freeze(this);
  }

  /** The single objective value; throws on a multi-objective trial. */
  get value(): number | null {
    if (this.values === null) return null;
    if (this.values.length > 1)
      throw new InvalidArgumentError(`trial ${this.number} has ${this.values.length} values; use values`);
    return this.values[0];
  }

  /** The largest step reported, or null when nothing was reported. */
  get lastStep(): number | null {
    let last: number | null = null;
    for (const step of this.intermediateValues.keys()) if (last === null || step > last) last = step;
    return last;
  }

  /** Milliseconds from start to completion, or null while unfinished. */
  get duration(): number | null {
    if (!this.datetimeStart || !this.datetimeComplete) return null;
    return this.datetimeComplete.getTime() - this.datetimeStart.getTime();
  }

  /** Whether any constraint value was set (cheaper than inspecting {@link constraints}). */
  get hasConstraints(): boolean {
    return this.constraintValues !== NO_CONSTRAINTS;
  }

  /** Constraint values set with `trial.setConstraint` (system attrs `constraints:<name>`), in name order. */
  get constraints(): Readonly<Record<string, number>> {
    return this.constraintValues;
  }

  /** A copy with some fields replaced. */
  with(changes: Partial<FrozenTrialInit>): FrozenTrial {
    return new FrozenTrial({
      trialId: this.trialId,
      number: this.number,
      state: this.state,
      values: this.values,
      datetimeStart: this.datetimeStart,
      datetimeComplete: this.datetimeComplete,
      params: this.params,
      distributions: this.distributions,
      userAttrs: this.userAttrs,
      systemAttrs: this.systemAttrs,
      intermediateValues: this.intermediateValues,
      ...changes,
    });
  }

  /** Plain JSON form (dates as ISO strings, intermediate values as an object keyed by step). */
  toJSON(): Record<string, unknown> {
    return {
      trialId: this.trialId,
      number: this.number,
      state: this.state,
      values: this.values,
      datetimeStart: this.datetimeStart?.toISOString() ?? null,
      datetimeComplete: this.datetimeComplete?.toISOString() ?? null,
      params: this.params,
      userAttrs: this.userAttrs,
      systemAttrs: this.systemAttrs,
      intermediateValues: Object.fromEntries(this.intermediateValues),
    };
  }
}

/** Options of {@link createTrial}. */
export interface CreateTrialOptions {
  /** Default COMPLETE. */
  state?: TrialState;
  value?: number;
  values?: readonly number[];
  params?: Record<string, ParamValue>;
  distributions?: Record<string, Distribution>;
  userAttrs?: Record<string, JsonValue>;
  systemAttrs?: Record<string, JsonValue>;
  intermediateValues?: Record<number, number> | ReadonlyMap<number, number>;
}

/**
 * Builds a finished (or WAITING) trial to add with `study.addTrial`, as Optuna's `create_trial`.
 *
 * @example
 * study.addTrial(createTrial({ params: { x: 2 }, distributions: { x: new FloatDistribution(0, 10) }, value: 4 }));
 */
export function createTrial(options: CreateTrialOptions): FrozenTrial {
  const { state = "COMPLETE", params = {}, distributions = {}, userAttrs = {}, systemAttrs = {} } = options;
  if (options.value !== undefined && options.values !== undefined)
    throw new InvalidArgumentError("createTrial: give value or values, not both");
  const values = options.value !== undefined ? [options.value] : options.values ? [...options.values] : null;
  if (state === "COMPLETE" && values === null)
    throw new InvalidArgumentError("createTrial: a COMPLETE trial needs a value");
  if (state !== "COMPLETE" && state !== "PRUNED" && values !== null)
    throw new InvalidArgumentError(`createTrial: a ${state} trial cannot have values`);
  for (const name of Object.keys(params)) {
    const d = distributions[name];
    if (!d) throw new InvalidArgumentError(`createTrial: parameter "${name}" has no distribution`);
    const internal = d.toInternal(params[name]);
    if (!d.contains(internal))
      throw new InvalidArgumentError(
        `createTrial: value ${JSON.stringify(params[name])} of "${name}" is outside its distribution`,
      );
  }
  for (const name of Object.keys(distributions))
    if (!(name in params))
      throw new InvalidArgumentError(`createTrial: distribution "${name}" has no parameter value`);
  const iv = options.intermediateValues;
  const now = new Date();
  return new FrozenTrial({
    trialId: -1,
    number: -1,
    state,
    values,
    datetimeStart: state === "WAITING" ? null : now,
    datetimeComplete: isFinished(state) ? now : null,
    params,
    distributions,
    userAttrs,
    systemAttrs,
    intermediateValues:
      iv instanceof Map
        ? new Map(iv)
        : new Map(Object.entries(iv ?? {}).map(([k, v]) => [Number(k), v as number])),
  });
}
