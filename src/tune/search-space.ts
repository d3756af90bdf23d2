import { type Distribution, distributionsEqual } from "./distributions.js";
import type { FrozenTrial } from "./frozen-trial.js";

/**
 * The parameters every given trial has, with the same distribution in each
 * (Optuna's intersection search space). Parameters that can take one value only are dropped.
 */
export function intersectionSearchSpace(trials: readonly FrozenTrial[]): Record<string, Distribution> {
  let space: Map<string, Distribution> | null = null;
  for (const t of trials) {
    if (space === null) {
      space = new Map(Object.entries(t.distributions));
      continue;
    }
    for (const [name, d] of space) {
      const other = t.distributions[name];
      if (!other || !distributionsEqual(d, other)) space.delete(name);
    }
    if (space.size === 0) break;
  }
  const out: Record<string, Distribution> = {};
  if (space)
    for (const name of [...space.keys()].sort()) if (!space.get(name)!.single()) out[name] = space.get(name)!;
  return out;
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
