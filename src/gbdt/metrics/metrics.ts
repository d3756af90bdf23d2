import { InvalidParameterError } from "../errors.js";
import { numberOption, parseSpec } from "../losses/loss.js";
import type { Metric } from "./metric.js";

type Eval = Metric["evaluate"];

function metric(name: string, higherIsBetter: boolean, evaluate: Eval): Metric {
  return Object.freeze({ name, higherIsBetter, evaluate });
}

/** Mean of f(i) weighted by the row weights. */
function weightedMean(n: number, weight: Float64Array | null, f: (i: number) => number): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    const wi = weight ? weight[i] : 1;
    s += wi * f(i);
    w += wi;
  }
  return w > 0 ? s / w : Number.NaN;
}

function rmse(n: number, a: Float64Array, y: Float64Array, w: Float64Array | null): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - y[i];
    const wi = w ? w[i] : 1;
    s += wi * d * d;
    sw += wi;
  }
  return Math.sqrt(s / sw);
}

function quantile(alpha: number): Eval {
  return (n, a, y, w) =>
    weightedMean(n, w, (i) => (y[i] > a[i] ? alpha * (y[i] - a[i]) : (1 - alpha) * (a[i] - y[i])));
}

function logloss(n: number, a: Float64Array, y: Float64Array, w: Float64Array | null): number {
  return weightedMean(n, w, (i) => {
    // log(1 + e^x) - y x, written to stay finite for large |x|
    const x = a[i];
    const softplus = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    return softplus - y[i] * x;
  });
}

function r2(n: number, a: Float64Array, y: Float64Array, w: Float64Array | null): number {
  const mean = weightedMean(n, w, (i) => y[i]);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    ssRes += wi * (y[i] - a[i]) ** 2;
    ssTot += wi * (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** Area under the ROC curve, ties counted half (Mann-Whitney), weighted. */
function auc(n: number, a: Float64Array, y: Float64Array, w: Float64Array | null): number {
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => a[p] - a[q]);
  let negBelow = 0;
  let area = 0;
  let pos = 0;
  let neg = 0;
  for (let s = 0; s < n; ) {
    let e = s;
    let tiePos = 0;
    let tieNeg = 0;
    while (e < n && a[order[e]] === a[order[s]]) {
      const i = order[e];
      const wi = w ? w[i] : 1;
      if (y[i] > 0.5) tiePos += wi;
      else tieNeg += wi;
      e++;
    }
    area += tiePos * (negBelow + tieNeg / 2);
    negBelow += tieNeg;
    pos += tiePos;
    neg += tieNeg;
    s = e;
  }
  return pos > 0 && neg > 0 ? area / (pos * neg) : Number.NaN;
}

function multiClassDims(n: number, a: Float64Array): number {
  return Math.round(a.length / n);
}

function multiLogloss(n: number, a: Float64Array, y: Float64Array, w: Float64Array | null): number {
  const k = multiClassDims(n, a);
  return weightedMean(n, w, (i) => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, a[c * n + i]);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(a[c * n + i] - max);
    return Math.log(sum) + max - a[y[i] * n + i];
  });
}

function accuracy(n: number, a: Float64Array, y: Float64Array, w: Float64Array | null): number {
  const k = multiClassDims(n, a);
  return weightedMean(n, w, (i) => {
    if (k === 1) return (a[i] > 0 ? 1 : 0) === y[i] ? 1 : 0;
    let best = 0;
    for (let c = 1; c < k; c++) if (a[c * n + i] > a[best * n + i]) best = c;
    return best === y[i] ? 1 : 0;
  });
}

type MetricFactory = (options: Map<string, string>, spec: string) => Metric;

/** The table of named metrics, built from one explicit list. */
export const METRICS: Readonly<Record<string, MetricFactory>> = Object.freeze({
  RMSE: () => metric("RMSE", false, rmse),
  MAE: () => metric("MAE", false, (n, a, y, w) => weightedMean(n, w, (i) => Math.abs(y[i] - a[i]))),
  Quantile: (o, spec) => {
    const alpha = numberOption(o, "alpha", 0.5, spec, (v) => v > 0 && v < 1, "in (0, 1)");
    return metric(`Quantile:alpha=${alpha}`, false, quantile(alpha));
  },
  R2: () => metric("R2", true, r2),
  Logloss: () => metric("Logloss", false, logloss),
  CrossEntropy: () => metric("CrossEntropy", false, logloss),
  AUC: () => metric("AUC", true, auc),
  Accuracy: () => metric("Accuracy", true, accuracy),
  MultiClass: () => metric("MultiClass", false, multiLogloss),
});

/**
 * The metric named by `spec`.
 *
 * @throws InvalidParameterError for an unknown name; the message lists the known ones.
 */
export function createMetric(spec: string): Metric {
  const { name, options } = parseSpec(spec, "evalMetric");
  const factory = Object.hasOwn(METRICS, name) ? METRICS[name] : undefined;
  if (!factory)
    throw new InvalidParameterError(
      "evalMetric",
      `unknown metric "${name}" (known: ${Object.keys(METRICS).join(", ")})`,
    );
  return factory(options, spec);
}
