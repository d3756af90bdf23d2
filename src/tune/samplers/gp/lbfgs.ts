/** Options of {@link lbfgsMinimize}. */
export interface LbfgsOptions {
  /** Lower bound of every coordinate, or one per coordinate. Default −∞. */
  lower?: number | Float64Array;
  /** Upper bound of every coordinate, or one per coordinate. Default +∞. */
  upper?: number | Float64Array;
  /** Maximum number of iterations (line searches). Default 50. */
  maxIter?: number;
  /** Number of correction pairs kept. Default 8. */
  memory?: number;
  /** Stop when the largest component of the projected gradient falls below this. Default 1e-5. */
  pgtol?: number;
  /** Stop when an iteration improves f by less than tol·max(1, |f|). Default 1e-9. */
  tol?: number;
}

/**
 * Minimises f over a box with a projected limited-memory BFGS (Nocedal & Wright, "Numerical
 * Optimization", alg. 7.4): coordinates held at a bound by the gradient are frozen for the
 * two-loop recursion, the step is projected back onto the box and accepted by a backtracking
 * Armijo search along the projected path. Stops when the projected gradient vanishes (`pgtol`),
 * when progress stalls (`tol`) or after `maxIter` iterations.
 *
 * @param fg returns f(x) and writes ∇f(x) into `grad`.
 * @returns the value at the final point (x is updated in place) and the number of iterations.
 */
export function lbfgsMinimize(
  fg: (x: Float64Array, grad: Float64Array) => number,
  x: Float64Array,
  options: LbfgsOptions = {},
): { value: number; iterations: number } {
  const { maxIter = 50, memory = 8, pgtol = 1e-5, tol = 1e-9 } = options;
  const n = x.length;
  const lo = bounds(options.lower, n, -Infinity);
  const hi = bounds(options.upper, n, Infinity);
  for (let i = 0; i < n; i++) x[i] = Math.min(hi[i], Math.max(lo[i], x[i]));
  const g = new Float64Array(n);
  let f = fg(x, g);
  if (!Number.isFinite(f)) return { value: f, iterations: 0 };
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const dir = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const free = new Uint8Array(n);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // Free coordinates: not pinned at a bound by the gradient.
    let pg = 0;
    for (let i = 0; i < n; i++) {
      const pinned = (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0);
      free[i] = pinned ? 0 : 1;
      if (!pinned) pg = Math.max(pg, Math.abs(g[i]));
    }
    if (pg < pgtol) break;
    // Two-loop recursion on the free coordinates: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = free[i] ? -g[i] : 0;
    for (let k = ss.length - 1; k >= 0; k--) {
      let a = 0;
      for (let i = 0; i < n; i++) if (free[i]) a += ss[k][i] * dir[i];
      a *= rhos[k];
      alpha[k] = a;
      for (let i = 0; i < n; i++) if (free[i]) dir[i] -= a * ys[k][i];
    }
    if (ss.length > 0) {
      const last = ss.length - 1;
      let yy = 0;
      for (let i = 0; i < n; i++) yy += ys[last][i] * ys[last][i];
      const gamma = 1 / (rhos[last] * yy);
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    } else {
      // First step: at most unit length, so the line search starts at a sensible scale.
      let gn = 0;
      for (let i = 0; i < n; i++) gn += dir[i] * dir[i];
      const scale = 1 / Math.max(1, Math.sqrt(gn));
      for (let i = 0; i < n; i++) dir[i] *= scale;
    }
    for (let k = 0; k < ss.length; k++) {
      let b = 0;
      for (let i = 0; i < n; i++) if (free[i]) b += ys[k][i] * dir[i];
      b *= rhos[k];
      for (let i = 0; i < n; i++) if (free[i]) dir[i] += ss[k][i] * (alpha[k] - b);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * dir[i];
    if (!(slope < 0)) {
      // Not a descent direction: forget the curvature pairs, take projected steepest descent.
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      let gn = 0;
      for (let i = 0; i < n; i++) gn += free[i] ? g[i] * g[i] : 0;
      const scale = 1 / Math.max(1, Math.sqrt(gn));
      slope = 0;
      for (let i = 0; i < n; i++) {
        dir[i] = free[i] ? -g[i] * scale : 0;
        slope += g[i] * dir[i];
      }
      if (!(slope < 0)) break;
    }
    let step = 1;
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 30; ls++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        xNew[i] = Math.min(hi[i], Math.max(lo[i], x[i] + step * dir[i]));
        decrease += g[i] * (xNew[i] - x[i]);
      }
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * Math.min(decrease, 0)) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted || !(fNew <= f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    const improvement = f - fNew;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    let yy = 0;
    for (let i = 0; i < n; i++) yy += y[i] * y[i];
    if (sy > 1e-10 * yy) {
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
      if (ss.length > memory) {
        ss.shift();
        ys.shift();
        rhos.shift();
      }
    }
    if (improvement <= tol * Math.max(1, Math.abs(f))) {
      iter++;
      break;
    }
  }
  return { value: f, iterations: iter };
}

function bounds(b: number | Float64Array | undefined, n: number, fallback: number): Float64Array {
  if (b instanceof Float64Array) {
    if (b.length !== n) throw new RangeError(`lbfgsMinimize: ${b.length} bounds for ${n} coordinates`);
    return b;
  }
  return new Float64Array(n).fill(b ?? fallback);
}
