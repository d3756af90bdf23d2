import { InvalidParameterError } from "./errors.js";

/** How a parameter's value is checked. */
type ParamType =
  | "int"
  | "number"
  | "boolean"
  | "string"
  | "enum"
  | "stringList"
  | "numberOrNull"
  | "booleanOrNull";

/** One row of the parameter table: the trainer, the CLI and the docs all read it. */
export interface ParamSpec {
  /** tunelab's camelCase name. */
  readonly name: string;
  /** CatBoost's snake_case name and aliases, accepted as synonyms. */
  readonly aliases: readonly string[];
  readonly type: ParamType;
  /** Value when the caller gives none (`null`: chosen from the loss or the data at training time). */
  readonly default: unknown;
  readonly min?: number;
  readonly max?: number;
  /** `min` itself is not allowed. */
  readonly minExclusive?: boolean;
  readonly values?: readonly string[];
  readonly doc: string;
}

/** Bootstrap types (CatBoost's `bootstrap_type`). */
export const BOOTSTRAP_TYPES = ["Bayesian", "Bernoulli", "MVS", "No"] as const;
/** Where missing numeric values go (CatBoost's `nan_mode`). */
export const NAN_MODES = ["Min", "Max", "Forbidden"] as const;
/** Split score functions (CatBoost's `score_function`). */
export const SCORE_FUNCTIONS = ["Cosine", "L2"] as const;
/** Border selection for numeric features. */
export const BORDER_TYPES = ["Median", "Uniform"] as const;
/** Leaf value methods. */
export const LEAF_METHODS = ["Newton", "Gradient"] as const;

/** The one table of training parameters. */
export const PARAM_SCHEMA: readonly ParamSpec[] = [
  {
    name: "iterations",
    aliases: ["num_boost_round", "n_estimators", "num_trees"],
    type: "int",
    default: 1000,
    min: 1,
    max: 1_000_000,
    doc: "maximum number of trees",
  },
  {
    name: "learningRate",
    aliases: ["learning_rate", "eta"],
    type: "number",
    default: 0.03,
    min: 0,
    minExclusive: true,
    max: 1e6,
    doc: "shrinkage applied to every leaf value",
  },
  {
    name: "depth",
    aliases: ["max_depth"],
    type: "int",
    default: 6,
    min: 1,
    max: 16,
    doc: "depth of the symmetric trees",
  },
  {
    name: "l2LeafReg",
    aliases: ["l2_leaf_reg", "reg_lambda"],
    type: "number",
    default: 3,
    min: 0,
    doc: "L2 regularisation of leaf values and split scores",
  },
  {
    name: "borderCount",
    aliases: ["border_count", "max_bin"],
    type: "int",
    default: 254,
    min: 1,
    max: 65534,
    doc: "maximum number of borders per numeric feature",
  },
  {
    name: "featureBorderType",
    aliases: ["feature_border_type"],
    type: "enum",
    values: BORDER_TYPES,
    default: "Median",
    doc: "how borders are placed: equal-frequency (Median) or equal-width (Uniform)",
  },
  {
    name: "nanMode",
    aliases: ["nan_mode"],
    type: "enum",
    values: NAN_MODES,
    default: "Min",
    doc: "missing numeric values sort below (Min) or above (Max) every value, or are an error (Forbidden)",
  },
  {
    name: "oneHotMaxSize",
    aliases: ["one_hot_max_size"],
    type: "int",
    default: 2,
    min: 0,
    max: 255,
    doc: "categorical features with at most this many categories are one-hot encoded; others use target statistics",
  },
  {
    name: "simpleCtr",
    aliases: ["simple_ctr"],
    type: "stringList",
    default: ["Borders:Prior=0:Prior=0.5:Prior=1", "Counter:Prior=0"],
    doc: "target statistics for categorical features: Borders (share of positive / above-median targets) and Counter (frequency), each with priors",
  },
  {
    name: "ctrBorderCount",
    aliases: ["ctr_border_count"],
    type: "int",
    default: 15,
    min: 1,
    max: 255,
    doc: "borders (equal width) per target statistic",
  },
  {
    name: "randomStrength",
    aliases: ["random_strength"],
    type: "number",
    default: 1,
    min: 0,
    doc: "scale of the normal noise added to split scores; it shrinks as the model grows",
  },
  {
    name: "bootstrapType",
    aliases: ["bootstrap_type"],
    type: "enum",
    values: BOOTSTRAP_TYPES,
    default: "MVS",
    doc: "row sampling per tree",
  },
  {
    name: "baggingTemperature",
    aliases: ["bagging_temperature"],
    type: "number",
    default: 1,
    min: 0,
    doc: "Bayesian bootstrap: weights are (-log U)^temperature",
  },
  {
    name: "subsample",
    aliases: ["subsample"],
    type: "number",
    default: 0.8,
    min: 0,
    minExclusive: true,
    max: 1,
    doc: "share of rows sampled per tree (Bernoulli, MVS)",
  },
  {
    name: "mvsReg",
    aliases: ["mvs_reg"],
    type: "numberOrNull",
    default: null,
    min: 0,
    doc: "MVS: added to squared gradients; null = mean squared gradient of the iteration",
  },
  {
    name: "seed",
    aliases: ["random_seed", "random_state"],
    type: "int",
    default: 0,
    min: -2147483648,
    max: 4294967295,
    doc: "seed of every random choice",
  },
  {
    name: "lossFunction",
    aliases: ["loss_function", "objective"],
    type: "string",
    default: "RMSE",
    doc: "RMSE, MAE, Quantile[:alpha=a], Logloss, CrossEntropy, MultiClass",
  },
  {
    name: "evalMetric",
    aliases: ["eval_metric"],
    type: "string",
    default: null,
    doc: "metric for early stopping and the best iteration; null = the loss's metric",
  },
  {
    name: "customMetric",
    aliases: ["custom_metric"],
    type: "stringList",
    default: [],
    doc: "extra metrics recorded every iteration",
  },
  {
    name: "scoreFunction",
    aliases: ["score_function"],
    type: "enum",
    values: SCORE_FUNCTIONS,
    default: "Cosine",
    doc: "split score",
  },
  {
    name: "leafEstimationMethod",
    aliases: ["leaf_estimation_method"],
    type: "enum",
    values: LEAF_METHODS,
    default: "Newton",
    doc: "leaf values: one Newton step, or a gradient step",
  },
  {
    name: "boostFromAverage",
    aliases: ["boost_from_average"],
    type: "booleanOrNull",
    default: null,
    doc: "start from the best constant; null = yes for RMSE, MAE and Quantile, no for the others",
  },
  {
    name: "useBestModel",
    aliases: ["use_best_model"],
    type: "booleanOrNull",
    default: null,
    doc: "keep only the trees up to the best iteration on the eval set; null = yes when there is one",
  },
  {
    name: "classesCount",
    aliases: ["classes_count"],
    type: "int",
    default: 0,
    min: 0,
    max: 65535,
    doc: "MultiClass: number of classes (0 = from the labels)",
  },
  {
    name: "threadCount",
    aliases: ["thread_count", "nthread"],
    type: "int",
    default: 1,
    min: -1,
    max: 256,
    doc: "cv(): worker threads training folds in parallel (-1 = one per CPU, 1 = in this thread)",
  },
];

/** Validated, frozen training parameters. */
export interface GbdtParams {
  readonly iterations: number;
  readonly learningRate: number;
  readonly depth: number;
  readonly l2LeafReg: number;
  readonly borderCount: number;
  readonly featureBorderType: (typeof BORDER_TYPES)[number];
  readonly nanMode: (typeof NAN_MODES)[number];
  readonly oneHotMaxSize: number;
  readonly simpleCtr: readonly string[];
  readonly ctrBorderCount: number;
  readonly randomStrength: number;
  readonly bootstrapType: (typeof BOOTSTRAP_TYPES)[number];
  readonly baggingTemperature: number;
  readonly subsample: number;
  readonly mvsReg: number | null;
  readonly seed: number;
  readonly lossFunction: string;
  readonly evalMetric: string | null;
  readonly customMetric: readonly string[];
  readonly scoreFunction: (typeof SCORE_FUNCTIONS)[number];
  readonly leafEstimationMethod: (typeof LEAF_METHODS)[number];
  readonly boostFromAverage: boolean | null;
  readonly useBestModel: boolean | null;
  readonly classesCount: number;
  readonly threadCount: number;
}

/** What callers pass: any subset, in camelCase or CatBoost's snake_case names. */
export type GbdtParamsInput = Partial<Omit<GbdtParams, "simpleCtr" | "customMetric">> & {
  simpleCtr?: readonly string[];
  customMetric?: readonly string[];
} & Record<string, unknown>;

const BY_NAME = new Map<string, ParamSpec>();
for (const spec of PARAM_SCHEMA) {
  BY_NAME.set(spec.name, spec);
  for (const a of spec.aliases) BY_NAME.set(a, spec);
}

/**
 * Checks `input` against {@link PARAM_SCHEMA} and returns a frozen copy with defaults filled in.
 * Later changes to `input` have no effect on the result.
 *
 * @throws InvalidParameterError for an unknown name (the message lists the valid ones), a name given
 *   twice through aliases, a wrong type or a value out of range.
 */
export function resolveParams(input: Readonly<Record<string, unknown>> = {}): GbdtParams {
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw new InvalidParameterError("params", `params must be an object, got ${describe(input)}`);
  const out: Record<string, unknown> = {};
  const givenAs = new Map<string, string>();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const spec = BY_NAME.get(key);
    if (!spec)
      throw new InvalidParameterError(
        key,
        `unknown parameter "${key}" (valid: ${PARAM_SCHEMA.map((s) => s.name).join(", ")}; CatBoost names such as learning_rate are accepted too)`,
      );
    const prev = givenAs.get(spec.name);
    if (prev !== undefined)
      throw new InvalidParameterError(key, `parameter "${spec.name}" given twice, as "${prev}" and "${key}"`);
    givenAs.set(spec.name, key);
    out[spec.name] = checkValue(spec, key, value);
  }
  for (const spec of PARAM_SCHEMA) {
    if (!(spec.name in out))
      out[spec.name] = Array.isArray(spec.default) ? Object.freeze([...spec.default]) : spec.default;
  }
  return Object.freeze(out) as unknown as GbdtParams;
}

function checkValue(spec: ParamSpec, key: string, value: unknown): unknown {
  const fail = (expected: string): never => {
    throw new InvalidParameterError(key, `parameter "${key}" must be ${expected}, got ${describe(value)}`);
  };
  switch (spec.type) {
    case "boolean":
    case "booleanOrNull":
      if (value === null && spec.type === "booleanOrNull") return null;
      if (typeof value !== "boolean") fail("a boolean");
      return value;
    case "string":
      if (value === null && spec.default === null) return null;
      if (typeof value !== "string" || value.length === 0) fail("a non-empty string");
      return value;
    case "enum": {
      const values = spec.values ?? [];
      if (typeof value !== "string" || !values.includes(value)) fail(`one of ${values.join(" | ")}`);
      return value;
    }
    case "stringList":
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) fail("an array of strings");
      return Object.freeze([...(value as string[])]);
    case "numberOrNull":
    case "int":
    case "number": {
      if (value === null && spec.type === "numberOrNull") return null;
      if (typeof value !== "number" || !Number.isFinite(value)) fail("a finite number");
      const v = value as number;
      if (spec.type === "int" && !Number.isInteger(v)) fail("an integer");
      const lowOk = spec.min === undefined || (spec.minExclusive ? v > spec.min : v >= spec.min);
      const highOk = spec.max === undefined || v <= spec.max;
      if (!lowOk || !highOk) {
        const lo = spec.min === undefined ? "" : `${spec.minExclusive ? ">" : ">="} ${spec.min}`;
        const hi = spec.max === undefined ? "" : `<= ${spec.max}`;
        fail([lo, hi].filter(Boolean).join(" and "));
      }
      return v;
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  return String(v);
}
