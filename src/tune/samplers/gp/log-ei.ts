import { erfcAccurate, erfcxPositive } from "../math/erfcx.js";

const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log h(z) and its derivative, where h(z) = z·Φ(z) + φ(z) is the expected improvement of a
 * standard normal over 0 shifted by z; so log EI = log σ + log h((μ − best)/σ). Stays finite and
 * accurate far below the incumbent (z ≪ 0), where EI itself underflows (Ament et al.,
 * "Unexpected improvements to expected improvement", NeurIPS 2023).
 */
export function logH(z: number): { value: number; slope: number } {
  if (z > -1) {
    const cdf = 0.5 * erfcAccurate(-z / Math.SQRT2);
    const pdf = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    const h = z * cdf + pdf;
    return { value: Math.log(h), slope: cdf / h };
  }
  // h(z) = φ(z)·(1 + z·√(π/2)·erfcx(−z/√2)); Φ(z)/h(z) = √(π/2)·e / (1 + z·√(π/2)·e).
  const e = erfcxPositive(-z / Math.SQRT2);
  const inner = 1 + z * SQRT_HALF_PI * e;
  if (inner <= 0) {
    // Asymptotically 1/z² (reached only for |z| beyond ~1e7, where the series above cancels).
    return { value: -0.5 * z * z - LOG_SQRT_2PI - 2 * Math.log(-z), slope: -2 / z - z };
  }
  return { value: -0.5 * z * z - LOG_SQRT_2PI + Math.log(inner), slope: (SQRT_HALF_PI * e) / inner };
}

/** log Φ(z) and its derivative φ(z)/Φ(z), accurate for very negative z (probability of feasibility). */
export function logCdf(z: number): { value: number; slope: number } {
  if (z > -1) {
    const cdf = 0.5 * erfcAccurate(-z / Math.SQRT2);
    const pdf = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    return { value: Math.log(cdf), slope: pdf / cdf };
  }
  // Φ(z) = ½·erfcx(−z/√2)·exp(−z²/2)
  const e = erfcxPositive(-z / Math.SQRT2);
  return { value: Math.log(0.5 * e) - 0.5 * z * z, slope: 2 / (Math.sqrt(2 * Math.PI) * e) };
}
