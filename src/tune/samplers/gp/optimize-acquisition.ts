import type { Rng } from "../../rng.js";
import { SobolSequence } from "../qmc/sobol.js";
import type { UnitSpace } from "../unit-space.js";
import type { Acquisition } from "./acquisition.js";
import { lbfgsMinimize } from "./lbfgs.js";

/** Options of {@link maximizeAcquisition}. */
export interface AcquisitionSearchOptions {
  /** Scrambled Sobol points screened first. */
  nPreliminary: number;
  /** Local searches: the best screened point, roulette picks among the others, and the warm starts. */
  nLocalSearch: number;
  /** L-BFGS iterations per continuous pass. */
  maxIter: number;
  /** Projected-gradient tolerance of the continuous passes (in length-scale units). */
  pgtol: number;
}

/** Discrete coordinates with at most this many values are searched exhaustively. */
const MAX_EXHAUSTIVE = 64;

/**
 * Maximises the acquisition over the unit space (the scheme of Optuna's GPSampler):
 * 1. screen `nPreliminary` scrambled Sobol points (snapped to the grid of discrete coordinates);
 * 2. start local searches from the best of them, from others drawn by roulette with weights
 *    exp(a − a_max) (so starts spread over the promising basins), and from `warmStarts`
 *    (the incumbent, so the search can always refine around the best trial);
 * 3. each local search alternates L-BFGS over the continuous coordinates — preconditioned by
 *    the GP's length scales, which makes the acquisition roughly isotropic — with an exhaustive
 *    (or neighbour) search over each discrete coordinate, until neither improves.
 */
export function maximizeAcquisition(
  acq: Acquisition,
  space: UnitSpace,
  warmStarts: readonly Float64Array[],
  rng: Rng,
  options: AcquisitionSearchOptions,
): Float64Array {
  const d = space.dim;
  const grids = Array.from({ length: d }, (_, i) => discreteGrid(space, i));
  const sobol = new SobolSequence(d, { scramble: true, seed: rng.nextUint32() });
  const candidates: Float64Array[] = [];
  const scores = new Float64Array(options.nPreliminary);
  let top = 0;
  for (let c = 0; c < options.nPreliminary; c++) {
    const p = sobol.point(c);
    for (let i = 0; i < d; i++) {
      const k = space.choices[i];
      p[i] = k > 0 ? Math.min(k - 1, Math.floor(p[i] * k)) : grids[i] ? space.snap(i, p[i]) : p[i];
    }
    candidates.push(p);
    scores[c] = acq.value(p);
    if (!(scores[c] <= scores[top])) top = c;
  }
  // Roulette without replacement over exp(a − a_max), the best candidate excluded (it is a start).
  const weights = Float64Array.from(scores, (s, c) =>
    c === top || !Number.isFinite(s) ? 0 : Math.exp(s - scores[top]),
  );
  const starts: Float64Array[] = [Float64Array.from(candidates[top])];
  const nExtra = options.nLocalSearch - 1 - warmStarts.length;
  for (let s = 0; s < nExtra; s++) {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) break;
    const c = rng.choice(weights);
    weights[c] = 0;
    starts.push(Float64Array.from(candidates[c]));
  }
  for (const w of warmStarts) starts.push(Float64Array.from(w));
  let best = starts[0];
  let bestScore = -Infinity;
  for (const p of starts) {
    const score = localSearch(acq, space, grids, p, options);
    if (score > bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

/**
 * Unit values of a discrete coordinate: the choice indices of a categorical, the grid points of
 * an int or stepped float with at most {@link MAX_EXHAUSTIVE} values; null otherwise (such
 * coordinates are optimised as continuous and snapped).
 */
function discreteGrid(space: UnitSpace, i: number): Float64Array | null {
  const k = space.choices[i];
  if (k > 0) return Float64Array.from({ length: k }, (_, c) => c);
  const dist = space.dists[i];
  if (dist.kind === "categorical" || dist.step === null) return null;
  const step = dist.step;
  const count = Math.round((dist.high - dist.low) / step) + 1;
  if (count > MAX_EXHAUSTIVE) return null;
  return Float64Array.from({ length: count }, (_, c) =>
    space.toUnitValue(i, dist.toExternal(dist.low + c * step)),
  );
}

/** Local search from p (updated in place); returns its acquisition value. */
function localSearch(
  acq: Acquisition,
  space: UnitSpace,
  grids: readonly (Float64Array | null)[],
  p: Float64Array,
  options: AcquisitionSearchOptions,
): number {
  const d = space.dim;
  const cont: number[] = [];
  const disc: number[] = [];
  for (let i = 0; i < d; i++) (grids[i] ? disc : cont).push(i);
  // Length scales precondition the continuous coordinates: z = x / ℓ lives in [0, 1/ℓ].
  const ls = Float64Array.from(cont, (i) => 1 / Math.sqrt(acq.gp.inverseSquaredLengthscale(i)));
  const upper = Float64Array.from(ls, (l) => 1 / l);
  const grad = new Float64Array(d);
  const z = new Float64Array(cont.length);
  const q = new Float64Array(d);
  let score = acq.value(p);
  for (let round = 0; round < 100; round++) {
    if (cont.length > 0) {
      for (let k = 0; k < cont.length; k++) z[k] = p[cont[k]] / ls[k];
      q.set(p);
      lbfgsMinimize(
        (v, g) => {
          for (let k = 0; k < cont.length; k++) q[cont[k]] = v[k] * ls[k];
          const f = -acq.value(q, grad);
          for (let k = 0; k < cont.length; k++) g[k] = -grad[cont[k]] * ls[k];
          return Number.isFinite(f) ? f : Infinity;
        },
        z,
        { lower: 0, upper, maxIter: options.maxIter, pgtol: options.pgtol },
      );
      for (let k = 0; k < cont.length; k++) {
        const i = cont[k];
        q[i] = Math.min(1, Math.max(0, z[k] * ls[k]));
        // Wide int grids are searched as continuous and snapped.
        if (space.choices[i] === 0 && space.isDiscrete(i)) q[i] = space.snap(i, q[i]);
      }
      const s = acq.value(q);
      if (s > score) {
        score = s;
        p.set(q);
      }
    }
    let improved = false;
    for (const i of disc) {
      const keep = p[i];
      let bestV = keep;
      for (const v of grids[i]!) {
        if (v === keep) continue;
        p[i] = v;
        const s = acq.value(p);
        if (s > score) {
          score = s;
          bestV = v;
          improved = true;
        }
      }
      p[i] = bestV;
    }
    // Continuous-only spaces converge in one pass; otherwise stop once the discrete pass is idle.
    if (!improved) break;
  }
  return score;
}
