import type { FrozenTrial } from "../../frozen-trial.js";
import { toMinimization } from "../../multi-objective.js";
import type { StudyDirection } from "../../storage/storage.js";
import { nonDominationRanks, referencePoint, solveHssp } from "./hssp.js";

/** TPE's default γ: the number of "good" trials among n, min(ceil(0.1·n), 25). */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** TPE's default γ for several objectives: ceil(0.1·n), without a cap (as Optuna 5). */
export function defaultGammaMultiObjective(n: number): number {
  return Math.ceil(0.1 * n);
}

/**
 * TPE's default observation weights: 1 for the newest 25, a linear ramp from 1/n up for older ones
 * (into `out` when given, of length n).
 */
export function defaultWeights(n: number, out?: Float64Array): Float64Array {
  const w = (out ?? new Float64Array(n)).fill(1);
  const ramp = n - 25;
  if (ramp > 0)
    for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  return w;
}

/**
 * Splits trials into the good ones (density l) and the rest (density g), both in number order.
 * See {@link splitMask} for the priority.
 */
export function splitTrials(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  gamma: (n: number) => number,
): { below: FrozenTrial[]; above: FrozenTrial[] } {
  const mask = splitMask(trials, directions, gamma);
  const order = trials.map((t, i) => ({ t, i })).sort((a, b) => a.t.number - b.t.number);
  return {
    below: order.filter((x) => mask[x.i] === 1).map((x) => x.t),
    above: order.filter((x) => mask[x.i] === 0).map((x) => x.t),
  };
}

/**
 * Marks the good trials (1) among `trials`: γ(n) of the n finished ones, as Optuna's
 * `_split_trials`. Priority for the good slots: feasible COMPLETE trials by value (by
 * non-domination rank, then hypervolume subset selection, for several objectives); then PRUNED
 * trials that got further, then with a better last value; then infeasible trials by total
 * violation. RUNNING trials (constant liar) are always bad. Ties keep the given order.
 */
export function splitMask(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  gamma: (n: number) => number,
): Uint8Array {
  let nRunning = 0;
  const complete: number[] = [];
  const pruned: number[] = [];
  const infeasible: number[] = [];
  for (let i = 0; i < trials.length; i++) {
    const t = trials[i];
    if (t.state === "RUNNING") nRunning++;
    else if (!feasible(t)) infeasible.push(i);
    else if (t.state === "COMPLETE") complete.push(i);
    else pruned.push(i);
  }
  const nBelow = gamma(trials.length - nRunning);
  const mask = new Uint8Array(trials.length);
  let chosen = 0;
  const take = (items: readonly number[]) => {
    for (const i of items)
      if (chosen < nBelow) {
        mask[i] = 1;
        chosen++;
      }
  };
  if (directions.length === 1)
    take(bestByValue(trials, complete, nBelow, directions[0] === "minimize" ? 1 : -1));
  else
    take(
      bestMultiObjective(
        complete.map((i) => trials[i]),
        complete,
        nBelow,
        directions,
      ),
    );
  const sign = directions[0] === "minimize" ? 1 : -1;
  if (chosen < nBelow)
    take(smallest(pruned, nBelow - chosen, (a, b) => comparePruned(trials[a], trials[b], sign) || a - b));
  if (chosen < nBelow)
    take(
      smallest(infeasible, nBelow - chosen, (a, b) => violation(trials[a]) - violation(trials[b]) || a - b),
    );
  return mask;
}

function feasible(t: FrozenTrial): boolean {
  if (!t.hasConstraints) return true;
  const c = t.constraints;
  for (const k in c) if (!(c[k] <= 0)) return false;
  return true;
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

/**
 * The `k` COMPLETE trials (indices into `trials`, ascending) with the best value, ties by index:
 * {@link bestOfValues} of their values.
 */
function bestByValue(
  trials: readonly FrozenTrial[],
  complete: readonly number[],
  k: number,
  sign: number,
): number[] {
  const values = new Float64Array(complete.length);
  for (let p = 0; p < complete.length; p++) values[p] = trials[complete[p]].values![0];
  const best = bestOfValues(values, k, sign);
  for (let i = 0; i < best.length; i++) best[i] = complete[best[i]];
  return best;
}

/**
 * {@link splitMask} of trials that are all COMPLETE, feasible and of one objective, from their
 * values alone (number order): the γ(n) best values, ties by number, into `out`.
 */
export function splitByValue(
  values: Float64Array,
  direction: StudyDirection,
  gamma: (n: number) => number,
  out: Uint8Array,
): Uint8Array {
  out.fill(0);
  const best = bestOfValues(values, gamma(values.length), direction === "minimize" ? 1 : -1);
  for (let i = 0; i < best.length; i++) out[best[i]] = 1;
  return out;
}

/**
 * Indices of the `k` best of `values` (times `sign`, smallest first), ties by index: a bounded
 * insertion buffer, the hot path of every single-objective suggestion.
 */
function bestOfValues(values: Float64Array, k: number, sign: number): number[] {
  const n = values.length;
  const best: number[] = [];
  const bestVals: number[] = [];
  if (k <= 0) return best;
  // Indices with their values, best first; a later one never displaces an equal value (stable).
  for (let p = 0; p < n; p++) {
    const v = sign * values[p];
    if (best.length === k && !(v < bestVals[k - 1])) continue;
    let i = best.length < k ? best.length : k - 1;
    if (best.length < k) {
      best.push(0);
      bestVals.push(0);
    }
    while (i > 0 && v < bestVals[i - 1]) {
      best[i] = best[i - 1];
      bestVals[i] = bestVals[i - 1];
      i--;
    }
    best[i] = p;
    bestVals[i] = v;
  }
  return best;
}

/**
 * Indices of the `nBelow` best COMPLETE trials of a multi-objective study (MOTPE, Ozaki et al.,
 * JAIR 2022, as Optuna's `_split_complete_trials_multi_objective`): whole non-domination fronts
 * while they fit, then the points of the next front that greedily maximise hypervolume.
 */
function bestMultiObjective(
  trials: readonly FrozenTrial[],
  indices: readonly number[],
  nBelow: number,
  directions: readonly StudyDirection[],
): number[] {
  const n = Math.min(nBelow, trials.length);
  if (n <= 0) return [];
  if (n === trials.length) return indices.slice();
  const losses = trials.map((t) => toMinimization(t.values!, directions));
  const rank = nonDominationRanks(losses, n);
  const out: number[] = [];
  let r = 0;
  for (; ; r++) {
    let count = 0;
    for (let i = 0; i < rank.length; i++) if (rank[i] === r) count++;
    if (out.length + count > n) break;
    for (let i = 0; i < rank.length; i++) if (rank[i] === r) out.push(i);
    if (out.length === n) return out.map((i) => indices[i]);
  }
  const tie: number[] = [];
  for (let i = 0; i < rank.length; i++) if (rank[i] === r) tie.push(i);
  const tieLosses = tie.map((i) => losses[i]);
  for (const k of solveHssp(tieLosses, n - out.length, referencePoint(tieLosses))) out.push(tie[k]);
  return out.map((i) => indices[i]);
}
