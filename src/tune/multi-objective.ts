import type { FrozenTrial } from "./frozen-trial.js";
import type { StudyDirection } from "./storage/storage.js";

/** True when `a` is no worse than `b` in every objective and better in at least one. */
export function dominates(
  a: readonly number[],
  b: readonly number[],
  directions: readonly StudyDirection[],
): boolean {
  let better = false;
  for (let i = 0; i < directions.length; i++) {
    const x = directions[i] === "minimize" ? a[i] : -a[i];
    const y = directions[i] === "minimize" ? b[i] : -b[i];
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/** The trials no other trial dominates (the Pareto front), in number order. */
export function paretoFront(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
): FrozenTrial[] {
  return trials.filter(
    (t) =>
      t.values !== null &&
      !trials.some((o) => o !== t && o.values !== null && dominates(o.values, t.values!, directions)),
  );
}

/** True when every constraint of the trial is <= 0 (trials without constraints are feasible). */
export function isFeasible(trial: FrozenTrial): boolean {
  for (const v of Object.values(trial.constraints)) if (!(v <= 0)) return false;
  return true;
}
