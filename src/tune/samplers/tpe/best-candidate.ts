import type { ParzenEstimator } from "./parzen-estimator.js";

/** What {@link bestCandidate} asks of the bad density: a {@link ParzenEstimator}, or one kept across suggestions. */
export type BadDensity = Pick<ParzenEstimator, "logPdfBounds" | "logPdf" | "logPdfOf">;

/**
 * The candidate with the largest log l − log g (the first of equals), as if g were evaluated
 * exactly at every candidate: bounds of g from a cheaper scan rule out the candidates that
 * cannot win, and only the rest (almost always none: the winner is then known) get the exact
 * scan. The same choice for less work.
 */
export function bestCandidate(ll: Float64Array, g: BadDensity, candidates: Float64Array[]): number {
  const n = ll.length;
  const { lo, hi } = g.logPdfBounds(candidates, ll);
  let surely = -Infinity;
  for (let c = 0; c < n; c++) {
    // hi = +Infinity: a candidate settled early as a loser (its lo alone excludes it).
    if (!Number.isFinite(ll[c]) || !Number.isFinite(lo[c]) || !(hi[c] > -Infinity))
      return argmaxRatio(ll, g.logPdf(candidates), null);
    surely = Math.max(surely, ll[c] - hi[c]);
  }
  const open = new Uint8Array(n);
  let count = 0;
  let last = 0;
  for (let c = 0; c < n; c++)
    if (ll[c] - lo[c] >= surely) {
      open[c] = 1;
      count++;
      last = c;
    }
  return count === 1 ? last : argmaxRatio(ll, g.logPdfOf(candidates, open), open);
}

/** The first c (among `open` ones, when given) with the largest ll[c] − lg[c]. */
function argmaxRatio(ll: Float64Array, lg: Float64Array, open: Uint8Array | null): number {
  let best = -1;
  for (let c = 0; c < ll.length; c++) {
    if (open !== null && open[c] === 0) continue;
    if (best < 0 || ll[c] - lg[c] > ll[best] - lg[best]) best = c;
  }
  return best;
}
