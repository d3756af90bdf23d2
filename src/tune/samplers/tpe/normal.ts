/**
 * Normal-distribution functions for TPE, accurate in the far tails (log space).
 * logErfc uses the Chebyshev-fitted exponential form of erfc (fractional error < 1.2e-7,
 * Press et al., Numerical Recipes §6.2), which stays finite where erfc itself underflows.
 * ndtri is Acklam's rational approximation refined by one Halley step.
 */

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(erfc(z)) for z >= 0. */
function logErfcPositive(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) + poly;
}

/** erfc(z) for any z. */
export function erfc(z: number): number {
  return z >= 0 ? Math.exp(logErfcPositive(z)) : 2 - Math.exp(logErfcPositive(-z));
}

/** Standard normal CDF Φ(x). */
export function ndtr(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** log Φ(x), finite for very negative x. */
export function logNdtr(x: number): number {
  if (x < 0) return logErfcPositive(-x / SQRT2) - Math.LN2;
  return Math.log1p(-0.5 * Math.exp(logErfcPositive(x / SQRT2)));
}

/** log(Φ(b) − Φ(a)) for a <= b, computed on the side of the tail that keeps precision. */
export function logNdtrDiff(a: number, b: number): number {
  if (a >= 0) {
    // Φ(b) − Φ(a) = Φ(−a) − Φ(−b): both small, stay in the lower tail.
    const t = a;
    a = -b;
    b = -t;
  }
  const lb = logNdtr(b);
  const la = logNdtr(a);
  const d = la - lb;
  return d >= 0 ? -Infinity : lb + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/** log density of the standard normal. */
export function logNormPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Inverse of Φ: the x with Φ(x) = p, for 0 < p < 1 (±Infinity at 0 and 1). */
export function ndtri(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x =
      -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  // One Halley step against the accurate CDF.
  const e = ndtr(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
