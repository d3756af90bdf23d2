/**
 * The six objectives of the anchor suite (shared/anchors/optuna/objectives.py), ported exactly:
 * Branin 2-d, Hartmann 6-d, Rosenbrock 5-d, Styblinski-Tang 8-d, Ackley 5-d and a mixed space.
 * All are minimised; `optimum` is the known global minimum.
 */
import type { TrialLike } from "../../src/tune/index.js";

export interface BenchObjective {
  name: string;
  optimum: number;
  continuous: boolean;
  objective: (trial: TrialLike) => number;
}

const box = (t: TrialLike, dim: number, lo: number, hi: number) =>
  Array.from({ length: dim }, (_, j) => t.suggestFloat(`x${j}`, lo, hi));

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
const ST_F1 = 0.5 * (ST_XSTAR ** 4 - 16 * ST_XSTAR ** 2 + 5 * ST_XSTAR);
const MIX_OFFSET: Record<string, number> = { a: 1.0, b: 0.5, c: 0.0, d: 2.0 };

export const OBJECTIVES: BenchObjective[] = [
  {
    name: "branin2",
    optimum: 0.397887357729738,
    continuous: true,
    objective: (t) => {
      const x1 = t.suggestFloat("x0", -5, 10);
      const x2 = t.suggestFloat("x1", 0, 15);
      return (x2 - BR_B * x1 * x1 + BR_C * x1 - 6) ** 2 + 10 * (1 - BR_T) * Math.cos(x1) + 10;
    },
  },
  {
    name: "hartmann6",
    optimum: -3.322368011415515,
    continuous: true,
    objective: (t) => {
      const x = box(t, 6, 0, 1);
      let total = 0;
      for (let i = 0; i < 4; i++) {
        let inner = 0;
        for (let j = 0; j < 6; j++) inner += H6_A[i][j] * (x[j] - H6_P[i][j]) ** 2;
        total += H6_ALPHA[i] * Math.exp(-inner);
      }
      return -total;
    },
  },
  {
    name: "rosenbrock5",
    optimum: 0,
    continuous: true,
    objective: (t) => {
      const x = box(t, 5, -5, 10);
      let s = 0;
      for (let i = 0; i < 4; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
      return s;
    },
  },
  {
    name: "styblinski8",
    optimum: 8 * ST_F1,
    continuous: true,
    objective: (t) => 0.5 * box(t, 8, -5, 5).reduce((s, v) => s + v ** 4 - 16 * v ** 2 + 5 * v, 0),
  },
  {
    name: "ackley5",
    optimum: 0,
    continuous: true,
    objective: (t) => {
      const x = box(t, 5, -32.768, 32.768);
      const s1 = x.reduce((s, v) => s + v * v, 0) / 5;
      const s2 = x.reduce((s, v) => s + Math.cos(2 * Math.PI * v), 0) / 5;
      return -20 * Math.exp(-0.2 * Math.sqrt(s1)) - Math.exp(s2) + 20 + Math.E;
    },
  },
  {
    name: "mixed4",
    optimum: 0,
    continuous: false,
    objective: (t) => {
      const u = t.suggestFloat("x", -5, 5) - 1.3;
      const v = Math.log10(t.suggestFloat("lr", 1e-5, 1, { log: true })) + 2;
      const depth = t.suggestInt("depth", 1, 20);
      const kind = t.suggestCategorical("kind", ["a", "b", "c", "d"]);
      return u * u + v * v + 0.5 * u * v + 0.05 * (depth - 7) ** 2 + MIX_OFFSET[kind];
    },
  },
];
