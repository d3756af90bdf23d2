/**
 * Kernels whose log term is this far below the largest are skipped: e^-37 < 2^-53, so each is
 * below the rounding of the largest term alone (all of them together change log density by less
 * than k·1e-16).
 */
export const NEGLIGIBLE = 37;

/**
 * The exact log density at the encoded point `x` of the packed continuous kernels in
 * `packed[0, end)` (per kernel, in kernel order: log base, then μ and 1/σ of each of the `nd`
 * dimensions), kernel by kernel with a running log-sum-exp that drops the kernels
 * {@link NEGLIGIBLE} below max(largest term so far, `known`) (`known`: a term that exists, or
 * −Infinity). Every estimator of the same kernels gets the same number from here.
 */
export function scanPoint(
  x: Float64Array,
  known: number,
  packed: Float64Array,
  end: number,
  nd: number,
): number {
  const stride = 2 * nd + 1;
  let m = -Infinity;
  let s = 0;
  for (let o = 0; o < end; o += stride) {
    let v = packed[o];
    const floor = Math.max(m, known) - NEGLIGIBLE;
    if (v <= floor) continue;
    let j = 0;
    for (let p = o + 1; j < nd; j++, p += 2) {
      const z = (x[j] - packed[p]) * packed[p + 1];
      v -= 0.5 * z * z;
      if (v <= floor) break;
    }
    if (j < nd) continue;
    if (v > m) {
      s = s * Math.exp(m - v) + 1;
      m = v;
    } else s += Math.exp(v - m);
  }
  return m === -Infinity ? -Infinity : m + Math.log(s);
}
