import type { Direction, StudyTrial } from "./trials.js";

/**
 * Indices of the non-dominated points (the first front of a non-dominated sort), every
 * objective minimised. A point dominates another when it is no worse in every objective and
 * better in one. Sorting lexicographically first means a point can only be dominated by an
 * earlier one, and if some earlier point dominates it, a front member does (dominance is
 * transitive), so each point is checked against the front found so far: O(n log n + n·|front|·m).
 *
 * @example
 * paretoFrontIndices([[1, 4], [2, 2], [3, 3], [4, 1]]) // [0, 1, 3]
 */
export function paretoFrontIndices(points: readonly (readonly number[])[]): number[] {
  const order = points.map((_, i) => i);
  order.sort((a, b) => {
    const pa = points[a];
    const pb = points[b];
    for (let k = 0; k < pa.length; k++) if (pa[k] !== pb[k]) return pa[k] - pb[k];
    return a - b;
  });
  const front: number[] = [];
  for (const i of order) {
    const p = points[i];
    let dominated = false;
    for (const f of front) {
      const q = points[f];
      let noWorse = true;
      let strictly = false;
      for (let k = 0; k < p.length; k++) {
        if (q[k] > p[k]) {
          noWorse = false;
          break;
        }
        if (q[k] < p[k]) strictly = true;
      }
      if (noWorse && strictly) {
        dominated = true;
        break;
      }
    }
    if (!dominated) front.push(i);
  }
  return front.sort((a, b) => a - b);
}

/** The Pareto chart's data. */
export interface ParetoData {
  /** `[objective x value, objective y value, trial number]` of the non-dominated trials, by x. */
  readonly front: [number, number, number][];
  /** The same for the dominated COMPLETE trials. */
  readonly dominated: [number, number, number][];
}

/**
 * The Pareto front of a multi-objective study over all its objectives (Optuna's
 * `plot_pareto_front`), projected onto objectives `ix` and `iy` for a scatter. Trials with a
 * non-finite value are left out.
 *
 * @example
 * const { front, dominated } = paretoFront(trials, ["minimize", "maximize"]);
 */
export function paretoFront(
  trials: readonly StudyTrial[],
  directions: readonly Direction[],
  ix = 0,
  iy = 1,
): ParetoData {
  const done = trials.filter(
    (t) =>
      t.state === "COMPLETE" &&
      t.values !== null &&
      t.values.length === directions.length &&
      t.values.every(Number.isFinite),
  );
  const oriented = done.map((t) =>
    (t.values as readonly number[]).map((v, k) => (directions[k] === "maximize" ? -v : v)),
  );
  const onFront = new Set(paretoFrontIndices(oriented));
  const front: [number, number, number][] = [];
  const dominated: [number, number, number][] = [];
  done.forEach((t, i) => {
    const v = t.values as readonly number[];
    (onFront.has(i) ? front : dominated).push([v[ix], v[iy], t.number]);
  });
  front.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { front, dominated };
}
