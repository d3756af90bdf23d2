import type { Bins } from "./features.js";

/**
 * The per-row loops of growing a tree, each in a function of its own: a small function is compiled
 * after a few calls, where the same loop inside the long growTree ran unoptimised (or compiled on
 * stack, loop by loop) through the first rounds.
 */

/** Puts every sampled row in leaf 0 (`order[j] = j`) and adds their sums into `leafSums[0 .. 2D)`. */
export function rootLeaf(
  order: Uint32Array,
  nS: number,
  gS: Float64Array,
  hS: Float64Array,
  D: number,
  leafSums: Float64Array,
): void {
  for (let j = 0; j < nS; j++) order[j] = j;
  leafSums.fill(0, 0, D * 2);
  for (let j = 0; j < nS; j++) {
    for (let k = 0; k < D; k++) {
      leafSums[k * 2] += gS[k * nS + j];
      leafSums[k * 2 + 1] += hS[k * nS + j];
    }
  }
}

/**
 * Splits the rows `order[from .. end)` of leaf l stably into `next`: left ones forward from
 * `from`, right ones (into leaf r) backward from `end`; adds the children's sums in sample order.
 * Returns the end of the left rows.
 */
export function splitLeafRows(
  order: Uint32Array,
  next: Uint32Array,
  from: number,
  end: number,
  rows: Uint32Array,
  col: Bins,
  eq: boolean,
  split: number,
  gS: Float64Array,
  hS: Float64Array,
  nS: number,
  D: number,
  leafSums: Float64Array,
  l: number,
  r: number,
): number {
  let nl = from;
  let nr = end;
  if (D === 1) {
    // sums in locals: no store-to-load chain through memory
    let gl = 0;
    let hl = 0;
    let gr = 0;
    let hr = 0;
    for (let t = from; t < end; t++) {
      const j = order[t];
      const b = col[rows[j]];
      if (eq ? b === split : b > split) {
        next[--nr] = j;
        gr += gS[j];
        hr += hS[j];
      } else {
        next[nl++] = j;
        gl += gS[j];
        hl += hS[j];
      }
    }
    leafSums[l * 2] = gl;
    leafSums[l * 2 + 1] = hl;
    leafSums[r * 2] = gr;
    leafSums[r * 2 + 1] = hr;
    return nl;
  }
  for (let t = from; t < end; t++) {
    const j = order[t];
    const b = col[rows[j]];
    let o: number;
    if (eq ? b === split : b > split) {
      next[--nr] = j;
      o = r * D * 2;
    } else {
      next[nl++] = j;
      o = l * D * 2;
    }
    for (let k = 0; k < D; k++) {
      leafSums[o + k * 2] += gS[k * nS + j];
      leafSums[o + k * 2 + 1] += hS[k * nS + j];
    }
  }
  return nl;
}

/** `hist[o + i] = parent[po + i] - hist[so + i]` for i < n: a larger child from its parent. */
export function subtractHist(
  hist: Float64Array,
  o: number,
  parent: Float64Array,
  po: number,
  so: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) hist[o + i] = parent[po + i] - hist[so + i];
}

/** Gradients and hessians of the sampled rows times their sample weights, dimension-major. */
export function gatherSample(
  grad: Float64Array,
  hess: Float64Array,
  m: number,
  D: number,
  rows: Uint32Array,
  sw: Float64Array,
  nS: number,
  gS: Float64Array,
  hS: Float64Array,
): void {
  for (let k = 0; k < D; k++) {
    for (let j = 0; j < nS; j++) {
      gS[k * nS + j] = grad[k * m + rows[j]] * sw[j];
      hS[k * nS + j] = hess[k * m + rows[j]] * sw[j];
    }
  }
}

/** Adds each row's weight (1 without weights) to its leaf. */
export function addLeafWeights(
  lw: Float64Array,
  leafIdx: Uint32Array,
  m: number,
  weight: Float64Array | null,
): void {
  if (weight) for (let i = 0; i < m; i++) lw[leafIdx[i]] += weight[i];
  else for (let i = 0; i < m; i++) lw[leafIdx[i]] += 1;
}
