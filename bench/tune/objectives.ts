/**
 * The anchor suite's six objectives (../shared/anchors/optuna/objectives.py), ported exactly,
 * plus the multi-objective problems of bench/tune/py/samplers_quality.py. All minimised.
 */
import type { TrialLike } from "../../src/tune/index.js";

/** A benchmark objective with its known optimum. */
export interface BenchObjective {
  name: string;
  optimum: number;
  /** Every parameter is a plain float (CMA-ES runs on these). */
  continuous: boolean;
  objective: (trial: TrialLike) => number;
}

const BR_B = 5.1 / (4 * Math.PI ** 2);
const BR_C = 5 / Math.PI;
const BR_T = 1 / (8 * Math.PI);
const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10.0, 3.0, 17.0, 3.5, 1.7, 8.0],
  [0.05, 10.0, 17.0, 0.1, 8.0, 14.0],
  [3.0, 3.5, 1.7, 10.0, 17.0, 8.0],
  [17.0, 8.0, 0.05, 10.0, 0.1, 14.0],
];
const H6_P = [
  [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
  [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
  [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.665],
  [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
];
const ST_XSTAR = -2.903534027771178;
const ST_FSTAR_1D = 0.5 * (ST_XSTAR ** 4 - 16 * ST_XSTAR ** 2 + 5 * ST_XSTAR);
const MIX_OFFSET: Record<string, number> = { a: 1.0, b: 0.5, c: 0.0, d: 2.0 };
const MIX_OFFSET2: Record<string, number> = { a: 0.0, b: 0.5, c: 1.0, d: 2.0 };

function box(trial: TrialLike, dim: number, lo: number, hi: number): number[] {
  return Array.from({ length: dim }, (_, j) => trial.suggestFloat(`x${j}`, lo, hi));
}

export function branin(x1: number, x2: number): number {
  return (x2 - BR_B * x1 * x1 + BR_C * x1 - 6) ** 2 + 10 * (1 - BR_T) * Math.cos(x1) + 10;
}

export function hartmann6(x: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += H6_A[i][j] * (x[j] - H6_P[i][j]) ** 2;
    total += H6_ALPHA[i] * Math.exp(-inner);
  }
  return -total;
}

export function rosenbrock(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
}

export function styblinskiTang(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v ** 4 - 16 * v ** 2 + 5 * v;
  return 0.5 * s;
}

export function ackley(x: readonly number[]): number {
  const d = x.length;
  let s1 = 0;
  let s2 = 0;
  for (const v of x) {
    s1 += v * v;
    s2 += Math.cos(2 * Math.PI * v);
  }
  return -20 * Math.exp(-0.2 * Math.sqrt(s1 / d)) - Math.exp(s2 / d) + 20 + Math.E;
}

export function mixed(x: number, lr: number, depth: number, kind: string): number {
  const u = x - 1.3;
  const v = Math.log10(lr) + 2;
  return u * u + v * v + 0.5 * u * v + 0.05 * (depth - 7) ** 2 + MIX_OFFSET[kind];
}

/** The six anchor objectives, in the anchor's order. */
export const OBJECTIVES: readonly BenchObjective[] = [
  {
    name: "branin2",
    optimum: 0.397887357729738,
    continuous: true,
    objective: (t) => branin(t.suggestFloat("x0", -5, 10), t.suggestFloat("x1", 0, 15)),
  },
  {
    name: "hartmann6",
    optimum: -3.322368011415515,
    continuous: true,
    objective: (t) => hartmann6(box(t, 6, 0, 1)),
  },
  { name: "rosenbrock5", optimum: 0, continuous: true, objective: (t) => rosenbrock(box(t, 5, -5, 10)) },
  {
    name: "styblinski8",
    optimum: 8 * ST_FSTAR_1D,
    continuous: true,
    objective: (t) => styblinskiTang(box(t, 8, -5, 5)),
  },
  { name: "ackley5", optimum: 0, continuous: true, objective: (t) => ackley(box(t, 5, -32.768, 32.768)) },
  {
    name: "mixed4",
    optimum: 0,
    continuous: false,
    objective: (t) =>
      mixed(
        t.suggestFloat("x", -5, 5),
        t.suggestFloat("lr", 1e-5, 1, { log: true }),
        t.suggestInt("depth", 1, 20),
        t.suggestCategorical("kind", ["a", "b", "c", "d"]),
      ),
  },
];

/** ZDT1 (kind 1) or ZDT2 (kind 2) in 30 dimensions (Zitzler, Deb & Thiele 2000). */
export function zdt(kind: 1 | 2): (trial: TrialLike) => [number, number] {
  return (trial) => {
    const x = box(trial, 30, 0, 1);
    const f1 = x[0];
    let s = 0;
    for (let i = 1; i < 30; i++) s += x[i];
    const g = 1 + (9 * s) / 29;
    const h = kind === 1 ? 1 - Math.sqrt(f1 / g) : 1 - (f1 / g) ** 2;
    return [f1, g * h];
  };
}

/** A two-objective version of mixed4: the second objective pulls x, lr, depth and kind elsewhere. */
export function mixed2(trial: TrialLike): [number, number] {
  const x = trial.suggestFloat("x", -5, 5);
  const lr = trial.suggestFloat("lr", 1e-5, 1, { log: true });
  const depth = trial.suggestInt("depth", 1, 20);
  const kind = trial.suggestCategorical("kind", ["a", "b", "c", "d"]);
  const f1 = mixed(x, lr, depth, kind);
  const p = x + 1.3;
  const q = Math.log10(lr) + 4;
  return [f1, p * p + q * q + 0.05 * (depth - 12) ** 2 + MIX_OFFSET2[kind]];
}

/** Multi-objective problems and the reference points of their hypervolume. */
export const MO_PROBLEMS = [
  { name: "zdt1", objective: zdt(1), reference: [11, 11] },
  { name: "zdt2", objective: zdt(2), reference: [11, 11] },
  { name: "mixed2", objective: mixed2, reference: [100, 100] },
] as const;
