/**
 * Minimises f over a box with limited-memory BFGS (Nocedal & Wright, "Numerical Optimization",
 * alg. 7.4) and a backtracking Armijo line search; iterates are clipped to [lower, upper]
 * (a projected variant, adequate for the few, smooth GP hyperparameters).
 *
 * @param fg returns f(x) and writes ∇f(x) into `grad`.
 * @returns the best point found (x is updated in place) and its value.
 */
export function lbfgsMinimize(
  fg: (x: Float64Array, grad: Float64Array) => number,
  x: Float64Array,
  options: { lower: number; upper: number; maxIter?: number; memory?: number; tol?: number },
): number {
  const { lower, upper, maxIter = 50, memory = 8, tol = 1e-6 } = options;
  const n = x.length;
  const g = new Float64Array(n);
  let f = fg(x, g);
  const ss: Float64Array[] = [];
  const ys: Float64Array[] = [];
  const rhos: number[] = [];
  const dir = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(memory);
  for (let iter = 0; iter < maxIter; iter++) {
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i];
    for (let k = ss.length - 1; k >= 0; k--) {
      let a = 0;
      for (let i = 0; i < n; i++) a += ss[k][i] * dir[i];
      a *= rhos[k];
      alpha[k] = a;
      for (let i = 0; i < n; i++) dir[i] -= a * ys[k][i];
    }
    if (ss.length > 0) {
      const last = ss.length - 1;
      let yy = 0;
      for (let i = 0; i < n; i++) yy += ys[last][i] * ys[last][i];
      const gamma = 1 / (rhos[last] * yy);
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    } else {
      let gn = 0;
      for (let i = 0; i < n; i++) gn += g[i] * g[i];
      const scale = 1 / Math.max(1, Math.sqrt(gn));
      for (let i = 0; i < n; i++) dir[i] *= scale;
    }
    for (let k = 0; k < ss.length; k++) {
      let b = 0;
      for (let i = 0; i < n; i++) b += ys[k][i] * dir[i];
      b *= rhos[k];
      for (let i = 0; i < n; i++) dir[i] += ss[k][i] * (alpha[k] - b);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * dir[i];
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      ss.length = 0;
      ys.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = 0;
      for (let i = 0; i < n; i++) slope += g[i] * dir[i];
      if (!(slope < 0)) break;
    }
    let step = 1;
    let fNew = Infinity;
    for (let ls = 0; ls < 30; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = Math.min(upper, Math.max(lower, x[i] + step * dir[i]));
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < f)) break;
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
    if (sy > 1e-12) {
      ss.push(s);
      ys.push(y);
      rhos.push(1 / sy);
      if (ss.length > memory) {
        ss.shift();
        ys.shift();
        rhos.shift();
      }
    }
    if (improvement < tol * Math.max(1, Math.abs(f))) break;
  }
  return f;
}
