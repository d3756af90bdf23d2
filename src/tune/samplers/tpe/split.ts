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
  let nRunning = 0;
  const complete: FrozenTrial[] = [];
  const pruned: FrozenTrial[] = [];
  const infeasible: FrozenTrial[] = [];
  for (const t of trials) {
    if (t.state === "RUNNING") nRunning++;
    else if (!isFeasible(t)) infeasible.push(t);
    else if (t.state === "COMPLETE") complete.push(t);
    else pruned.push(t);
  }
  const nBelow = gamma(trials.length - nRunning);
  const sign = directions[0] === "minimize" ? 1 : -1;
  const chosen = new Set<FrozenTrial>();
  const take = (items: FrozenTrial[]) => {
    for (const t of items) if (chosen.size < nBelow) chosen.add(t);
  };
  take(
    directions.length === 1
      ? smallest(complete, nBelow, (a, b) => sign * (a.values![0] - b.values![0]) || a.number - b.number)
      : rankMultiObjective(complete, directions),
  );
  if (chosen.size < nBelow) take(smallest(pruned, nBelow - chosen.size, (a, b) => comparePruned(a, b, sign)));
  if (chosen.size < nBelow)
    take(smallest(infeasible, nBelow - chosen.size, (a, b) => violation(a) - violation(b)));
  const byNumber = [...trials].sort((a, b) => a.number - b.number);
  return { below: byNumber.filter((t) => chosen.has(t)), above: byNumber.filter((t) => !chosen.has(t)) };
}

/** PRUNED trials that got further first, then those with a better last value; NaN and no value last. */
function comparePruned(a: FrozenTrial, b: FrozenTrial, sign: number): number {
  const sa = a.lastStep ?? -1;
  const sb = b.lastStep ?? -1;
  if (sa !== sb) return sb - sa;
  const va = sa < 0 ? Number.NaN : a.intermediateValues.get(sa)!;
  const vb = sb < 0 ? Number.NaN : b.intermediateValues.get(sb)!;
  if (Number.isNaN(va) || Number.isNaN(vb)) return Number.isNaN(va) ? (Number.isNaN(vb) ? 0 : 1) : -1;
  return sign * (va - vb);
}

function violation(t: FrozenTrial): number {
  let s = 0;
  for (const v of Object.values(t.constraints)) s += Math.max(0, v);
  return s;
}

/** The k smallest items under `cmp`, in order: a bounded insertion buffer, O(n·k) worst case, O(n) typical. */
function smallest<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const x of items) {
    if (best.length === k && cmp(x, best[k - 1]) >= 0) continue;
    let i = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(x);
    while (i > 0 && cmp(x, best[i - 1]) < 0) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = x;
  }
  return best;
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
