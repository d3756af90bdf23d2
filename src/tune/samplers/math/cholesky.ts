/**
 * In-place lower Cholesky factor of a symmetric positive-definite n×n matrix (row-major):
 * on return the lower triangle of `a` holds L with A = L·Lᵀ (the upper triangle is zeroed).
 * Adds `jitter`·I first. Returns false when a pivot is not positive (the matrix is not SPD).
 */
export function choleskyInPlace(n: number, a: Float64Array, jitter = 0): boolean {
  for (let i = 0; i < n; i++) a[i * n + i] += jitter;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = a[rj + j];
    for (let k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      a[ri + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[rj + k] = 0;
  }
  return true;
}

/** Solves L·x = b in place (`b` becomes x) for the lower factor L of {@link choleskyInPlace}. */
export function solveLower(n: number, l: Float64Array, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
}

/** Solves Lᵀ·x = b in place (`b` becomes x). */
export function solveUpper(n: number, l: Float64Array, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
}
