import { InvalidArgumentError } from "./errors.js";
import { PyFloat, pyJsonDumps, pyJsonParse } from "./py-json.js";

/** A value a categorical parameter may take (what Optuna can store). */
export type CategoricalChoice = string | number | boolean | null;
/** The external (user-facing) value of any parameter. */
export type ParamValue = CategoricalChoice;

function fail(message: string): never {
  throw new InvalidArgumentError(message);
}

function checkFinite(fn: string, name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v))
    fail(`${fn}: ${name} must be a finite number, got ${String(v)}`);
}

/**
 * Floats in [low, high], optionally on a log scale or on the grid low + k·step.
 * If (high − low) is not a multiple of step, high is lowered to the last grid point (as Optuna does).
 */
export class FloatDistribution {
  readonly kind = "float" as const;
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number | null;

  constructor(low: number, high: number, options: { log?: boolean; step?: number | null } = {}) {
    const { log = false, step = null } = options;
    checkFinite("FloatDistribution", "low", low);
    checkFinite("FloatDistribution", "high", high);
    if (log && step !== null)
      fail(`FloatDistribution: step and log cannot be used together (step=${step}, log=true)`);
    if (low > high) fail(`FloatDistribution: low must be <= high, got low=${low} high=${high}`);
    if (log && low <= 0) fail(`FloatDistribution: low must be > 0 with log=true, got low=${low}`);
    if (step !== null) {
      checkFinite("FloatDistribution", "step", step);
      if (step <= 0) fail(`FloatDistribution: step must be > 0, got ${step}`);
      high = adjustHigh(low, high, step);
    }
    this.low = low;
    this.high = high;
    this.log = log;
    this.step = step;
    Object.freeze(this);
  }

  /** True when the distribution can take only one value. */
  single(): boolean {
    if (this.step === null) return this.low === this.high;
    return this.high - this.low < this.step;
  }

  /** True when the internal value lies in the distribution (inside the bounds, on the grid). */
  contains(internal: number): boolean {
    if (!(internal >= this.low && internal <= this.high)) return false;
    if (this.step === null) return true;
    const k = (internal - this.low) / this.step;
    return Math.abs(k - Math.round(k)) < 1e-8;
  }

  toInternal(value: ParamValue): number {
    return Number(value);
  }

  toExternal(internal: number): number {
    return internal;
  }
}

/** Integers in [low, high] on the grid low + k·step, optionally on a log scale (step must be 1). */
export class IntDistribution {
  readonly kind = "int" as const;
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;

  constructor(low: number, high: number, options: { log?: boolean; step?: number } = {}) {
    const { log = false, step = 1 } = options;
    for (const [name, v] of [
      ["low", low],
      ["high", high],
      ["step", step],
    ] as const) {
      if (!Number.isInteger(v)) fail(`IntDistribution: ${name} must be an integer, got ${String(v)}`);
    }
    if (low > high) fail(`IntDistribution: low must be <= high, got low=${low} high=${high}`);
    if (step <= 0) fail(`IntDistribution: step must be > 0, got ${step}`);
    if (log && step !== 1) fail(`IntDistribution: step must be 1 with log=true, got step=${step}`);
    if (log && low < 1) fail(`IntDistribution: low must be >= 1 with log=true, got low=${low}`);
    this.low = low;
    this.high = adjustHigh(low, high, step);
    this.log = log;
    this.step = step;
    Object.freeze(this);
  }

  single(): boolean {
    return this.high - this.low < this.step;
  }

  contains(internal: number): boolean {
    if (!(internal >= this.low && internal <= this.high)) return false;
    return Number.isInteger((internal - this.low) / this.step);
  }

  toInternal(value: ParamValue): number {
    return Number(value);
  }

  toExternal(internal: number): number {
    return Math.round(internal);
  }
}

/** One of a fixed list of choices; stored internally as the index of the choice. */
export class CategoricalDistribution<T extends CategoricalChoice = CategoricalChoice> {
  readonly kind = "categorical" as const;
  readonly choices: readonly T[];

  constructor(choices: readonly T[]) {
    if (!Array.isArray(choices) || choices.length === 0)
      fail("CategoricalDistribution: choices must not be empty");
    for (const c of choices) {
      const t = typeof c;
      if (!(c === null || t === "string" || t === "boolean" || (t === "number" && !Number.isNaN(c))))
        fail(
          `CategoricalDistribution: choices must be string, number, boolean or null, got ${JSON.stringify(c) ?? String(c)}`,
        );
    }
    this.choices = Object.freeze([...choices]);
    Object.freeze(this);
  }

  single(): boolean {
    return this.choices.length === 1;
  }

  contains(internal: number): boolean {
    return Number.isInteger(internal) && internal >= 0 && internal < this.choices.length;
  }

  /** The index of `value` in the choices; throws if it is not one of them. */
  toInternal(value: ParamValue): number {
    const i = this.choices.findIndex((c) => Object.is(c, value) || c === value);
    if (i < 0)
      fail(`value ${JSON.stringify(value)} is not one of the choices ${JSON.stringify(this.choices)}`);
    return i;
  }

  toExternal(internal: number): T {
    return this.choices[internal];
  }
}

/** Any parameter distribution. */
export type Distribution = FloatDistribution | IntDistribution | CategoricalDistribution;

function adjustHigh(low: number, high: number, step: number): number {
  const n = Math.floor((high - low) / step + 1e-9);
  const adjusted = low + n * step;
  // Keep the user's high when it is on the grid (avoids float drift like 0.30000000000000004).
  return Math.abs(adjusted - high) <= 1e-9 * Math.max(1, Math.abs(high)) ? high : adjusted;
}

/** True when `a` and `b` describe the same distribution (same kind and attributes). */
export function distributionsEqual(a: Distribution, b: Distribution): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === "categorical") {
    const bc = (b as CategoricalDistribution).choices;
    return a.choices.length === bc.length && a.choices.every((c, i) => Object.is(c, bc[i]));
  }
  const bn = b as FloatDistribution | IntDistribution;
  return a.low === bn.low && a.high === bn.high && a.log === bn.log && a.step === bn.step;
}

/**
 * Throws unless a parameter first seen with `old` may now be suggested with `next`:
 * same kind and log flag, and for categoricals the same choices (bounds may change, as in Optuna).
 */
export function checkDistributionCompatibility(name: string, old: Distribution, next: Distribution): void {
  if (old.kind !== next.kind)
    fail(`parameter "${name}" was suggested as ${old.kind} and now as ${next.kind}; a name keeps its kind`);
  if (old.kind === "categorical") {
    if (!distributionsEqual(old, next))
      fail(
        `parameter "${name}" was suggested with choices ${JSON.stringify(old.choices)} and now with ` +
          `${JSON.stringify((next as CategoricalDistribution).choices)}; choices cannot change within a study`,
      );
    return;
  }
  if (old.log !== (next as FloatDistribution).log)
    fail(`parameter "${name}" was suggested with log=${old.log} and now with log=${!old.log}`);
}

/**
 * Optuna's `distribution_to_json`: byte-identical to what Python Optuna writes,
 * e.g. `{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.001, "high": 1.0, "log": true}}`.
 */
export function distributionToJson(d: Distribution): string {
  if (d.kind === "categorical") return toJson(d);
  // Numeric ones are remembered: an objective suggests the same ones at every trial, and
  // Python's float spelling costs more than the lookup.
  const key = `${d.kind}|${field(d.low)}|${field(d.high)}|${field(d.step)}|${d.log}`;
  let json = jsonOfNumeric.get(key);
  if (json === undefined) {
    json = toJson(d);
    if (jsonOfNumeric.size >= 1024) jsonOfNumeric.clear();
    jsonOfNumeric.set(key, json);
  }
  return json;
}

/** Distribution JSON by the fields of numeric distributions. */
const jsonOfNumeric = new Map<string, string>();
const field = (x: number | null) => (x === null ? "" : Object.is(x, -0) ? "-0" : String(x));

function toJson(d: Distribution): string {
  switch (d.kind) {
    case "float":
      return pyJsonDumps({
        name: "FloatDistribution",
        attributes: {
          step: d.step === null ? null : new PyFloat(d.step),
          low: new PyFloat(d.low),
          high: new PyFloat(d.high),
          log: d.log,
        },
      });
    case "int":
      return pyJsonDumps({
        name: "IntDistribution",
        attributes: { log: d.log, step: d.step, low: d.low, high: d.high },
      });
    case "categorical":
      return pyJsonDumps({ name: "CategoricalDistribution", attributes: { choices: d.choices } });
  }
}

/** Optuna's `json_to_distribution`, including its legacy class names and the abbreviated `{type: ...}` form. */
export function jsonToDistribution(text: string): Distribution {
  const obj = pyJsonParse(text) as Record<string, unknown>;
  if (obj === null || typeof obj !== "object") fail(`not a distribution: ${text}`);
  if (typeof obj.type === "string") {
    const a = obj as {
      type: string;
      low: number;
      high: number;
      step?: number;
      log?: boolean;
      choices?: CategoricalChoice[];
    };
    if (a.type === "float") return new FloatDistribution(a.low, a.high, { log: a.log, step: a.step ?? null });
    if (a.type === "int") return new IntDistribution(a.low, a.high, { log: a.log, step: a.step ?? 1 });
    if (a.type === "categorical") return new CategoricalDistribution(a.choices ?? []);
    fail(`unknown distribution type "${a.type}" in ${text}`);
  }
  const at = (obj.attributes ?? {}) as Record<string, never>;
  switch (obj.name) {
    case "FloatDistribution":
      return new FloatDistribution(at.low, at.high, { log: at.log, step: at.step });
    case "IntDistribution":
      return new IntDistribution(at.low, at.high, { log: at.log, step: at.step });
    case "CategoricalDistribution":
      return new CategoricalDistribution(at.choices);
    case "UniformDistribution":
      return new FloatDistribution(at.low, at.high);
    case "LogUniformDistribution":
      return new FloatDistribution(at.low, at.high, { log: true });
    case "DiscreteUniformDistribution":
      return new FloatDistribution(at.low, at.high, { step: at.q });
    case "IntUniformDistribution":
      return new IntDistribution(at.low, at.high, { step: at.step ?? 1 });
    case "IntLogUniformDistribution":
      return new IntDistribution(at.low, at.high, { log: true });
    default:
      return fail(`unknown distribution name ${JSON.stringify(obj.name)} in ${text}`);
  }
}
