import { ndtr } from "../tpe/normal.js";
import type { UnitSpace } from "../unit-space.js";
import type { CmaState } from "./cma.js";

/**
 * Margin for discrete coordinates (after Hamano et al., "CMA-ES with Margin", GECCO 2022): once a
 * discrete coordinate's distribution has nearly collapsed into the grid cell of its mean, CMA-ES
 * can no longer move it. This keeps the probability of sampling outside that cell at least
 * `alpha` (default 1/(n·λ)) by widening the coordinate's scale. A simplified form of the paper's
 * correction: only the scale is raised, the mean is left where it is.
 */
export function applyMargin(state: CmaState, space: UnitSpace, alpha: number): void {
  for (let i = 0; i < space.dim; i++) {
    const cell = space.cell(i, state.mean[i]);
    if (cell === null) continue;
    const [lo, hi] = cell;
    const m = state.mean[i];
    const outside = (s: number) => (lo > 0 ? ndtr((lo - m) / s) : 0) + (hi < 1 ? 1 - ndtr((hi - m) / s) : 0);
    const s0 = state.coordinateStd(i);
    if (!(s0 > 0) || outside(s0) >= alpha) continue;
    let a = s0;
    let b = s0 * 2;
    while (outside(b) < alpha && b < 1e6) b *= 2;
    for (let it = 0; it < 50; it++) {
      const c = 0.5 * (a + b);
      if (outside(c) < alpha) a = c;
      else b = c;
    }
    state.scale[i] *= b / s0;
  }
}
