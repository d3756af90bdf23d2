import { hypervolume } from "../../hypervolume.js";

const EPS = 1e-12;

/**
 * Non-domination rank of each point (minimisation; 0 = Pareto front). Ranks are exact up to the
 * front that reaches `nBelow` points; later points all get that rank + 1 (as Optuna's
 * `_fast_non_domination_rank` with `n_below`).
 */
export function nonDominationRanks(points: readonly (readonly number[])[], nBelow: number): Int32Array {
  const n = points.length;
  const rank = new Int32Array(n).fill(-1);
  let left = n;
  let ranked = 0;
  for (let r = 0; left > 0; r++) {
    if (ranked >= nBelow) {
      for (let i = 0; i < n; i++) if (rank[i] < 0) rank[i] = r;
      break;
    }
    const front: number[] = [];
    for (let i = 0; i < n; i++) {
      if (rank[i] >= 0) continue;
      let dominated = false;
      for (let j = 0; j < n && !dominated; j++)
        if (j !== i && rank[j] < 0 && dominatesMin(points[j], points[i])) dominated = true;
      if (!dominated) front.push(i);
    }
    for (const i of front) rank[i] = r;
    left -= front.length;
    ranked += front.length;
  }
  return rank;
}

function dominatesMin(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k] > b[k]) return false;
    if (a[k] < b[k]) better = true;
  }
  return better;
}

/** Optuna's reference point for a set of losses: 1.1 × the worst point (0.9 × when negative), EPS for 0. */
export function referencePoint(points: readonly (readonly number[])[]): number[] {
  const m = points[0].length;
  const ref: number[] = [];
  for (let k = 0; k < m; k++) {
    let worst = -Infinity;
    for (const p of points) worst = Math.max(worst, p[k]);
    const r = Math.max(1.1 * worst, 0.9 * worst);
    ref.push(r === 0 ? EPS : r);
  }
  return ref;
}

/**
 * The `size` points (indices) that greedily maximise the hypervolume they dominate: the
 * hypervolume subset selection problem, solved with the greedy (1 − 1/e)-approximation
 * (Guerreiro, Fonseca & Paquete, "Greedy hypervolume subset selection in low dimensions", 2016),
 * as Optuna's `_solve_hssp`. Duplicated points are taken only after every distinct one.
 */
export function solveHssp(
  points: readonly (readonly number[])[],
  size: number,
  ref: readonly number[],
): number[] {
  const n = points.length;
  if (size >= n) return Array.from({ length: n }, (_, i) => i);
  // Distinct points in lexicographic order, each with its first index (numpy's unique(axis=0)).
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => lexCompare(points[a], points[b]) || a - b,
  );
  const unique: number[] = [];
  for (const i of order)
    if (!unique.length || lexCompare(points[unique[unique.length - 1]], points[i]) !== 0) unique.push(i);
  if (unique.length < size) {
    const chosen = new Set(unique);
    for (let i = 0; i < n && chosen.size < size; i++) chosen.add(i);
    return [...chosen].sort((a, b) => a - b);
  }
  if (!ref.every(Number.isFinite)) return unique.slice(0, size);
  const selected: number[] = [];
  const left = unique.slice();
  let hvSelected = 0;
  while (selected.length < size) {
    let best = -1;
    let bestGain = -Infinity;
    for (let c = 0; c < left.length; c++) {
      const p = points[left[c]];
      const gain =
        selected.length === 0
          ? box(p, ref)
          : hypervolume([...selected.map((i) => points[i]), p], ref) - hvSelected;
      if (gain > bestGain) {
        bestGain = gain;
        best = c;
      }
    }
    selected.push(left[best]);
    left.splice(best, 1);
    hvSelected += bestGain;
  }
  return selected;
}

/**
 * Hypervolume contribution weights of the good trials (MOTPE, Ozaki et al., JAIR 2022): each
 * Pareto-optimal point gets its exclusive hypervolume contribution divided by the largest one,
 * every other point EPS (Optuna before 5.0).
 */
export function hypervolumeWeights(points: readonly (readonly number[])[]): Float64Array {
  const n = points.length;
  const w = new Float64Array(n).fill(1);
  if (n <= 1) return w;
  const ref = referencePoint(points);
  const rank = nonDominationRanks(points, 1);
  const front = [];
  for (let i = 0; i < n; i++) if (rank[i] === 0) front.push(i);
  const frontPoints = front.map((i) => points[i]);
  const total = hypervolume(frontPoints, ref);
  if (!Number.isFinite(total)) return w;
  const contrib = new Float64Array(n);
  front.forEach((i, k) => {
    contrib[i] =
      total -
      hypervolume(
        frontPoints.filter((_, j) => j !== k),
        ref,
      );
  });
  let max = EPS;
  for (const c of contrib) max = Math.max(max, c);
  for (let i = 0; i < n; i++) w[i] = Math.max(contrib[i] / max, EPS);
  return w;
}

function box(p: readonly number[], ref: readonly number[]): number {
  let v = 1;
  for (let k = 0; k < p.length; k++) v *= ref[k] - p[k];
  return v;
}

function lexCompare(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}
