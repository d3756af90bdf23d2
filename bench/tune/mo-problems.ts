/**
 * Multi-objective benchmark problems (the same as bench/tune/py/samplers_quality.py), minimised,
 * with the reference points of their hypervolume.
 */
import type { TrialLike } from "../../src/tune/index.js";

const OFFSET1: Record<string, number> = { a: 1.0, b: 0.5, c: 0.0, d: 2.0 };
const OFFSET2: Record<string, number> = { a: 0.0, b: 0.5, c: 1.0, d: 2.0 };

/** ZDT1 (kind 1) or ZDT2 (kind 2) in 30 dimensions (Zitzler, Deb & Thiele 2000). */
export function zdt(kind: 1 | 2): (trial: TrialLike) => [number, number] {
  return (trial) => {
    const x = Array.from({ length: 30 }, (_, j) => trial.suggestFloat(`x${j}`, 0, 1));
    const f1 = x[0];
    let s = 0;
    for (let i = 1; i < 30; i++) s += x[i];
    const g = 1 + (9 * s) / 29;
    const h = kind === 1 ? 1 - Math.sqrt(f1 / g) : 1 - (f1 / g) ** 2;
    return [f1, g * h];
  };
}

/** The anchor's mixed4 objective plus a second one that pulls x, lr, depth and kind elsewhere. */
export function mixed2(trial: TrialLike): [number, number] {
  const x = trial.suggestFloat("x", -5, 5);
  const lr = trial.suggestFloat("lr", 1e-5, 1, { log: true });
  const depth = trial.suggestInt("depth", 1, 20);
  const kind = trial.suggestCategorical("kind", ["a", "b", "c", "d"]);
  const u = x - 1.3;
  const v = Math.log10(lr) + 2;
  const f1 = u * u + v * v + 0.5 * u * v + 0.05 * (depth - 7) ** 2 + OFFSET1[kind];
  const p = x + 1.3;
  const q = Math.log10(lr) + 4;
  return [f1, p * p + q * q + 0.05 * (depth - 12) ** 2 + OFFSET2[kind]];
}

/** Multi-objective problems and the reference points of their hypervolume. */
export const MO_PROBLEMS = [
  { name: "zdt1", objective: zdt(1), reference: [11, 11] },
  { name: "zdt2", objective: zdt(2), reference: [11, 11] },
  { name: "mixed2", objective: mixed2, reference: [100, 100] },
] as const;
