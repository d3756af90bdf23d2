import { InvalidDataError, InvalidParameterError } from "../errors.js";

/**
 * A training objective. The trainer calls, in order: `validateLabels` once before training,
 * `initialApprox` once (when boosting from the average), then `gradients` at every iteration.
 *
 * Raw predictions ("approx") of `dimension` values per row are stored dimension-major: value k of
 * row i is `approx[k * n + i]`. Gradients and hessians use the same layout and already include
 * the row weight. Leaf values are a Newton step `-sum(g) / (sum(h) + l2)`.
 */
export interface Loss {
  /** Canonical name with parameters, as in the model file (e.g. `Quantile:alpha=0.9`). */
  readonly name: string;
  /** Values per row of the raw prediction (number of classes for MultiClass, else 1). */
  readonly dimension: number;
  /** Metric used for early stopping when `evalMetric` is not set. */
  readonly defaultMetric: string;
  /** Whether `predict` returns classes and `predictProba` applies. */
  readonly isClassification: boolean;
  /** Default of `boostFromAverage`. */
  readonly boostFromAverageByDefault: boolean;
  /** @throws InvalidDataError when a label does not fit the loss (e.g. Logloss with label 2). */
  validateLabels(label: Float64Array): void;
  /** The best constant raw prediction (length `dimension`). */
  initialApprox(label: Float64Array, weight: Float64Array | null): Float64Array;
  /** Fills `grad` and `hess` (length n × dimension) for the current raw predictions. */
  gradients(
    n: number,
    approx: Float64Array,
    label: Float64Array,
    weight: Float64Array | null,
    grad: Float64Array,
    hess: Float64Array,
  ): void;
}

/** Defaults shared by the built-in losses: one dimension, regression, boost from the average. */
export abstract class LossBase implements Loss {
  abstract readonly name: string;
  readonly dimension: number = 1;
  abstract readonly defaultMetric: string;
  readonly isClassification: boolean = false;
  readonly boostFromAverageByDefault: boolean = true;
  validateLabels(_label: Float64Array): void {}
  abstract initialApprox(label: Float64Array, weight: Float64Array | null): Float64Array;
  abstract gradients(
    n: number,
    approx: Float64Array,
    label: Float64Array,
    weight: Float64Array | null,
    grad: Float64Array,
    hess: Float64Array,
  ): void;
}

/** A loss or metric spec `Name[:key=value[;key=value]]` split into its name and parameters. */
export function parseSpec(spec: string, what: string): { name: string; options: Map<string, string> } {
  const [name, rest] = spec.split(":", 2);
  const options = new Map<string, string>();
  if (rest) {
    for (const part of rest.split(";")) {
      const eq = part.indexOf("=");
      if (eq <= 0)
        throw new InvalidParameterError(
          what,
          `bad option "${part}" in ${what} "${spec}" (expected key=value)`,
        );
      options.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  return { name: name.trim(), options };
}

/** A numeric option of a spec, checked against a range. */
export function numberOption(
  options: Map<string, string>,
  key: string,
  fallback: number,
  spec: string,
  ok: (v: number) => boolean,
  rule: string,
): number {
  const raw = options.get(key);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || !ok(v))
    throw new InvalidParameterError("lossFunction", `${key} in "${spec}" must be ${rule}, got ${raw}`);
  return v;
}

/** Weighted quantile (alpha in [0, 1]) of `values`. */
export function weightedQuantile(values: Float64Array, weight: Float64Array | null, alpha: number): number {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (let i = 0; i < n; i++) total += weight ? weight[i] : 1;
  const target = alpha * total;
  let acc = 0;
  for (const i of order) {
    acc += weight ? weight[i] : 1;
    if (acc >= target) return values[i];
  }
  return values[order[n - 1]];
}

/** Throws unless every label is 0 or 1. */
export function checkBinary(label: Float64Array, loss: string): void {
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== 0 && label[i] !== 1)
      throw new InvalidDataError(`${loss} needs labels 0 or 1; row ${i} has ${label[i]}`);
  }
}
