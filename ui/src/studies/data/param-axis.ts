import type { DistributionJson, WireParamValue } from "./trials.js";

/** How a chart lays out one parameter. */
export interface ParamAxis {
  readonly name: string;
  /** `category`: choices spread evenly; `log`: a log-scaled numeric axis. */
  readonly scale: "linear" | "log" | "category";
  /** Choice labels, for `category` (the order of the distribution's choices). */
  readonly categories: readonly string[];
  /** Bounds in parameter units (category: 0 and categories.length − 1). */
  readonly min: number;
  readonly max: number;
}

/** A categorical choice as a label ("null", "true", "3", "adam"). */
export function choiceLabel(v: WireParamValue): string {
  return v === null ? "null" : String(v);
}

/**
 * The axis of parameter `name` from its distribution (log and categorical respected); without a
 * distribution it is inferred from the values (any non-number makes it categorical).
 *
 * @example
 * paramAxis("lr", { type: "float", low: 1e-5, high: 0.1, log: true }, []) // { scale: "log", min: 1e-5, max: 0.1, ... }
 */
export function paramAxis(
  name: string,
  distribution: DistributionJson | undefined,
  values: readonly WireParamValue[],
): ParamAxis {
  if (distribution?.type === "categorical" || values.some((v) => typeof v !== "number")) {
    const labels = distribution?.choices?.map(choiceLabel) ?? [];
    const seen = new Set(labels);
    for (const v of values) {
      const l = choiceLabel(v);
      if (!seen.has(l)) {
        seen.add(l);
        labels.push(l);
      }
    }
    return { name, scale: "category", categories: labels, min: 0, max: Math.max(0, labels.length - 1) };
  }
  let min = distribution?.low ?? Number.POSITIVE_INFINITY;
  let max = distribution?.high ?? Number.NEGATIVE_INFINITY;
  for (const v of values as readonly number[]) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  return { name, scale: distribution?.log ? "log" : "linear", categories: [], min, max };
}

/**
 * A parameter value on the axis's numeric scale: the choice index for categories, log10 for log
 * axes, the value itself otherwise; NaN for a value the axis does not know.
 */
export function axisPosition(axis: ParamAxis, v: WireParamValue): number {
  if (axis.scale === "category") {
    const i = axis.categories.indexOf(choiceLabel(v));
    return i < 0 ? Number.NaN : i;
  }
  if (typeof v !== "number") return Number.NaN;
  return axis.scale === "log" ? Math.log10(v) : v;
}

/** The inverse of {@link axisPosition} for numeric axes (grid points back in parameter units). */
export function fromAxisPosition(axis: ParamAxis, p: number): number {
  return axis.scale === "log" ? 10 ** p : p;
}
