import type { FrozenTrial } from "../../frozen-trial.js";
import { toMinimization } from "../../multi-objective.js";
import type { StudyDirection } from "../../storage/storage.js";

/** Total constraint violation Σ max(0, c) (0 for feasible trials and trials without constraints). */
export function violation(t: FrozenTrial): number {
  let v = 0;
  for (const c of Object.values(t.constraints)) v += Math.max(0, c);
  return v;
}

/**
 * Constrained domination (Deb et al. 2002, §V): a feasible trial beats an infeasible one, of two
 * infeasible trials the smaller violation wins, of two feasible ones Pareto dominance decides.
 */
export function constrainedDominates(
  a: FrozenTrial,
  b: FrozenTrial,
  directions: readonly StudyDirection[],
): boolean {
  const va = violation(a);
  const vb = violation(b);
  if (va === 0 && vb > 0) return true;
  if (va > 0) return vb > va;
  const x = toMinimization(a.values!, directions);
  const y = toMinimization(b.values!, directions);
  let better = false;
  for (let i = 0; i < x.length; i++) {
    if (x[i] > y[i]) return false;
    if (x[i] < y[i]) better = true;
  }
  return better;
}

/** Fast non-dominated sorting (Deb et al. 2002): fronts of indices, best first. */
export function nonDominatedSort(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
): number[][] {
  const n = trials.length;
  const dominatedBy = new Int32Array(n);
  const dominates: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      if (constrainedDominates(trials[a], trials[b], directions)) {
        dominates[a].push(b);
        dominatedBy[b]++;
      } else if (constrainedDominates(trials[b], trials[a], directions)) {
        dominates[b].push(a);
        dominatedBy[a]++;
      }
    }
  const fronts: number[][] = [];
  let current = [...Array(n).keys()].filter((i) => dominatedBy[i] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const a of current) for (const b of dominates[a]) if (--dominatedBy[b] === 0) next.push(b);
    current = next;
  }
  return fronts;
}

/** Crowding distance of each member of a front (boundary points get Infinity). */
export function crowdingDistance(
  trials: readonly FrozenTrial[],
  front: readonly number[],
  directions: readonly StudyDirection[],
): Map<number, number> {
  const dist = new Map<number, number>(front.map((i) => [i, 0]));
  if (front.length <= 2) {
    for (const i of front) dist.set(i, Infinity);
    return dist;
  }
  for (let m = 0; m < directions.length; m++) {
    const value = (i: number) => toMinimization(trials[i].values!, directions)[m];
    const sorted = [...front].sort((a, b) => value(a) - value(b));
    const lo = value(sorted[0]);
    const hi = value(sorted[sorted.length - 1]);
    dist.set(sorted[0], Infinity);
    dist.set(sorted[sorted.length - 1], Infinity);
    if (hi === lo) continue;
    for (let k = 1; k < sorted.length - 1; k++)
      dist.set(sorted[k], dist.get(sorted[k])! + (value(sorted[k + 1]) - value(sorted[k - 1])) / (hi - lo));
  }
  return dist;
}

/** NSGA-II's environmental selection: the best `size` trials by front, then by crowding distance. */
export function selectElite(
  trials: readonly FrozenTrial[],
  size: number,
  directions: readonly StudyDirection[],
): FrozenTrial[] {
  const out: FrozenTrial[] = [];
  for (const front of nonDominatedSort(trials, directions)) {
    if (out.length + front.length <= size) {
      for (const i of front) out.push(trials[i]);
      continue;
    }
    const dist = crowdingDistance(trials, front, directions);
    const ranked = [...front].sort(
      (a, b) => dist.get(b)! - dist.get(a)! || trials[a].number - trials[b].number,
    );
    for (const i of ranked.slice(0, size - out.length)) out.push(trials[i]);
    break;
  }
  return out;
}
