import type { FrozenTrial } from "../../frozen-trial.js";
import { dominates, isFeasible } from "../../multi-objective.js";
import type { StudyDirection } from "../../storage/storage.js";

/** TPE's default γ: the number of "good" trials among n, min(ceil(0.1·n), 25). */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** TPE's default observation weights: 1 for the newest 25, a linear ramp from 1/n up for older ones. */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  const ramp = n - 25;
  if (ramp > 0)
    for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  return w;
}

/**
 * Splits trials into the good ones (density l) and the rest (density g), both in number order.
 * Priority for the `nBelow` good slots: feasible COMPLETE trials by value (by non-domination rank,
 * then crowding, for several objectives); then PRUNED trials that got further, then with a better
 * last value; then infeasible trials by total violation. RUNNING trials (constant liar) are always bad.
 */
export function splitTrials(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  gamma: (n: number) => number,
): { below: FrozenTrial[]; above: FrozenTrial[] } {
  const running: FrozenTrial[] = [];
  const complete: FrozenTrial[] = [];
  const pruned: FrozenTrial[] = [];
  const infeasible: FrozenTrial[] = [];
  for (const t of trials) {
    if (t.state === "RUNNING") running.push(t);
    else if (!isFeasible(t)) infeasible.push(t);
    else if (t.state === "COMPLETE") complete.push(t);
    else pruned.push(t);
  }
  const nBelow = gamma(trials.length - running.length);
  const sign = directions[0] === "minimize" ? 1 : -1;
  const orderedComplete =
    directions.length === 1
      ? complete.sort((a, b) => sign * (a.values![0] - b.values![0]) || a.number - b.number)
      : rankMultiObjective(complete, directions);
  pruned.sort((a, b) => {
    const sa = a.lastStep ?? -1;
    const sb = b.lastStep ?? -1;
    if (sa !== sb) return sb - sa;
    const va = sa < 0 ? NaN : a.intermediateValues.get(sa)!;
    const vb = sb < 0 ? NaN : b.intermediateValues.get(sb)!;
    if (Number.isNaN(va) || Number.isNaN(vb)) return Number.isNaN(va) ? (Number.isNaN(vb) ? 0 : 1) : -1;
    return sign * (va - vb);
  });
  const violation = (t: FrozenTrial) => Object.values(t.constraints).reduce((s, v) => s + Math.max(0, v), 0);
  infeasible.sort((a, b) => violation(a) - violation(b));
  const ordered = [...orderedComplete, ...pruned, ...infeasible];
  const below = ordered.slice(0, nBelow).sort((a, b) => a.number - b.number);
  const above = [...ordered.slice(nBelow), ...running].sort((a, b) => a.number - b.number);
  return { below, above };
}

/** Non-dominated sorting, ties inside a front broken by crowding distance (larger first). */
function rankMultiObjective(trials: FrozenTrial[], directions: readonly StudyDirection[]): FrozenTrial[] {
  const out: FrozenTrial[] = [];
  let rest = trials;
  while (rest.length) {
    const front = rest.filter(
      (t) => !rest.some((o) => o !== t && dominates(o.values!, t.values!, directions)),
    );
    const crowd = crowdingDistance(front);
    out.push(
      ...front
        .map((t, i) => ({ t, c: crowd[i] }))
        .sort((a, b) => b.c - a.c)
        .map((x) => x.t),
    );
    const inFront = new Set(front);
    rest = rest.filter((t) => !inFront.has(t));
  }
  return out;
}

/** NSGA-II crowding distance of each trial within one front. */
export function crowdingDistance(front: readonly FrozenTrial[]): Float64Array {
  const n = front.length;
  const d = new Float64Array(n);
  if (n <= 2) return d.fill(Infinity);
  const m = front[0].values!.length;
  for (let k = 0; k < m; k++) {
    const idx = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => front[a].values![k] - front[b].values![k],
    );
    const lo = front[idx[0]].values![k];
    const hi = front[idx[n - 1]].values![k];
    d[idx[0]] = d[idx[n - 1]] = Infinity;
    if (hi === lo) continue;
    for (let r = 1; r < n - 1; r++)
      d[idx[r]] += (front[idx[r + 1]].values![k] - front[idx[r - 1]].values![k]) / (hi - lo);
  }
  return d;
}
