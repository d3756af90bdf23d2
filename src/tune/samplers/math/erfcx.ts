/**
 * Scaled complementary error function erfcx(x) = exp(x²)·erfc(x) for x >= 0, to ~1e-14 relative:
 * the Maclaurin series of erf below 2.5, Laplace's continued fraction above (evaluated bottom-up).
 * Used where erfc underflows (log expected improvement far below the incumbent).
 */
export function erfcxPositive(x: number): number {
  if (x < 2.5) {
    // erf(x) = 2/√π Σ (−1)^k x^(2k+1) / (k! (2k+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let k = 1; k < 80; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (1 - (2 / Math.sqrt(Math.PI)) * sum) * Math.exp(x2);
  }
  // erfcx(x) = (1/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return 1 / (Math.sqrt(Math.PI) * f);
}

/** erfc(x) for any x, accurate in relative terms for x >= 0. */
export function erfcAccurate(x: number): number {
  if (x >= 0) return erfcxPositive(x) * Math.exp(-x * x);
  return 2 - erfcxPositive(-x) * Math.exp(-x * x);
}
