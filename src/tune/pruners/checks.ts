import { InvalidArgumentError } from "../errors.js";
import type { FrozenTrial } from "../frozen-trial.js";

/** Throws unless `value` is an integer >= `min`, naming the pruner and option. */
export function checkInt(owner: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new InvalidArgumentError(`${owner}: ${name} must be an integer >= ${min}, got ${value}`);
}

/**
 * True when `step` is the first reported step inside its `intervalSteps` window (counted from
 * `nWarmupSteps`), so a pruner judges each window once.
 */
export function isFirstInInterval(
  trial: FrozenTrial,
  step: number,
  nWarmupSteps: number,
  intervalSteps: number,
): boolean {
  const nearestLower = Math.floor((step - nWarmupSteps) / intervalSteps) * intervalSteps + nWarmupSteps;
  let secondLast = -1;
  for (const s of trial.intermediateValues.keys()) if (s < step && s > secondLast) secondLast = s;
  return secondLast < nearestLower;
}

/** The trial's best intermediate value (NaN values ignored; NaN if all are NaN). */
export function bestIntermediate(trial: FrozenTrial, direction: string): number {
  let best = Number.NaN;
  for (const v of trial.intermediateValues.values()) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (direction === "minimize" ? v < best : v > best)) best = v;
  }
  return best;
}

/** numpy-style percentile with linear interpolation. */
export function percentile(values: number[], q: number): number {
  const a = values.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  if (a.length === 0) return Number.NaN;
  const pos = ((a.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return a[lo] + (a[hi] - a[lo]) * (pos - lo);
}
