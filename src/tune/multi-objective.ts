import { InvalidArgumentError } from "./errors.js";
import type { FrozenTrial } from "./frozen-trial.js";
import { hypervolume } from "./hypervolume.js";
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

/** Objective values turned into minimisation (maximised objectives negated). */
export function toMinimization(values: readonly number[], directions: readonly StudyDirection[]): number[] {
  return values.map((v, i) => (directions[i] === "maximize" ? -v : v));
}

/**
 * Hypervolume of the COMPLETE, feasible trials after each trial (in number order), for a
 * reference point given in the objectives' own directions (as Optuna's
 * `plot_hypervolume_history`): entry i is the hypervolume of trials 0..i.
 *
 * @example
 * const history = hypervolumeHistory(study.trials, study.directions, [11, 11]);
 */
export function hypervolumeHistory(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  referencePoint: readonly number[],
): number[] {
  if (referencePoint.length !== directions.length)
    throw new InvalidArgumentError(
      `hypervolumeHistory(): the reference point has ${referencePoint.length} values, the study ${directions.length} objectives`,
    );
  const ref = toMinimization(referencePoint, directions);
  let front: number[][] = [];
  let hv = 0;
  const out: number[] = [];
  for (const t of trials) {
    if (t.state === "COMPLETE" && t.values !== null && isFeasible(t)) {
      const p = toMinimization(t.values, directions);
      const minDirs = directions.map(() => "minimize" as const);
      if (
        p.every((v, i) => v < ref[i]) &&
        !front.some((q) => dominates(q, p, minDirs) || q.every((v, i) => v === p[i]))
      ) {
        front = front.filter((q) => !dominates(p, q, minDirs));
        front.push(p);
        hv = hypervolume(front, ref);
      }
    }
    out.push(hv);
  }
  return out;
}
