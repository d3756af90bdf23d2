import { type Distribution, distributionsEqual } from "./distributions.js";
import type { FrozenTrial } from "./frozen-trial.js";

/**
 * The parameters every given trial has, with the same distribution in each
 * (Optuna's intersection search space). Parameters that can take one value only are dropped.
 */
export function intersectionSearchSpace(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  return new IncrementalIntersection().update("", trials);
}

/**
 * Splits the parameters of the given trials into groups that always appear together
 * (Optuna's group-decomposed search space), so conditional spaces can be sampled jointly per group.
 */
export function groupDecomposedSearchSpace(trials: readonly FrozenTrial[]): Record<string, Distribution>[] {
  let groups: Set<string>[] = [];
  const dists = new Map<string, Distribution>();
  const conflicting = new Set<string>();
  for (const t of trials) {
    const names = new Set<string>();
    for (const [name, d] of Object.entries(t.distributions)) {
      if (d.single()) continue;
      const seen = dists.get(name);
      if (seen && !distributionsEqual(seen, d)) conflicting.add(name);
      else dists.set(name, d);
      names.add(name);
    }
    const next: Set<string>[] = [];
    const covered = new Set<string>();
    for (const g of groups) {
      const inside = new Set([...g].filter((n) => names.has(n)));
      const outside = new Set([...g].filter((n) => !names.has(n)));
      if (inside.size) next.push(inside);
      if (outside.size) next.push(outside);
      for (const n of g) covered.add(n);
    }
    const fresh = new Set([...names].filter((n) => !covered.has(n)));
    if (fresh.size) next.push(fresh);
    groups = next;
  }
  return groups
    .map((g) => {
      const out: Record<string, Distribution> = {};
      for (const n of [...g].sort()) if (!conflicting.has(n)) out[n] = dists.get(n)!;
      return out;
    })
    .filter((g) => Object.keys(g).length > 0);
}

/**
 * {@link intersectionSearchSpace} kept up to date across calls: finished trials never change, so
 * each call only folds in the trials it has not seen (per study name).
 */
export class IncrementalIntersection {
  private readonly states = new Map<
    string,
    { seen: Set<number>; space: Map<string, Distribution> | null; last: FrozenTrial[] }
  >();

  update(studyName: string, finished: readonly FrozenTrial[]): Record<string, Distribution> {
    let state = this.states.get(studyName);
    if (!state) {
      state = { seen: new Set(), space: null, last: [] };
      this.states.set(studyName, state);
    }
    const last = state.last;
    for (let i = 0; i < finished.length; i++) {
      const t = finished[i];
      // The same snapshot at the same place as last call was seen then (no set lookup).
      if (last[i] === t) continue;
      last[i] = t;
      if (state.seen.has(t.trialId)) continue;
      state.seen.add(t.trialId);
      if (state.space === null) state.space = new Map(Object.entries(t.distributions));
      else
        for (const [name, d] of state.space) {
          const other = t.distributions[name];
          if (!other || !distributionsEqual(d, other)) state.space.delete(name);
        }
    }
    const out: Record<string, Distribution> = {};
    const space = state.space;
    if (space)
      for (const name of [...space.keys()].sort())
        if (!space.get(name)!.single()) out[name] = space.get(name)!;
    return out;
  }
}
