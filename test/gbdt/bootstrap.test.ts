import { describe, expect, it } from "vitest";
import { mvsThreshold } from "../../src/gbdt/bootstrap.js";
import { Rng } from "../../src/gbdt/rng.js";

/** The plain bisection: every step sums over every value. */
function referenceThreshold(a: Float64Array, target: number): number {
  const maxA = Math.max(...a);
  let lo = 0;
  let hi = maxA * a.length;
  for (let it = 0; it < 50; it++) {
    const mu = (lo + hi) / 2;
    let f = 0;
    for (const v of a) f += Math.min(1, v / mu);
    if (f > target) lo = mu;
    else hi = mu;
    if (hi - lo <= 1e-9 * hi) break;
  }
  return hi;
}

const expected = (a: Float64Array, mu: number) => a.reduce((s, v) => s + Math.min(1, v / mu), 0);

describe("mvsThreshold", () => {
  const rng = new Rng(5);
  const cases: [string, Float64Array][] = [
    ["spread gradients", Float64Array.from({ length: 5000 }, () => Math.abs(rng.normal()) + 0.05)],
    ["heavy tail", Float64Array.from({ length: 5000 }, () => 0.01 + (-Math.log(1 - rng.random())) ** 3)],
    ["ties", Float64Array.from({ length: 3000 }, (_, i) => 1 + (i % 3))],
    ["one outlier", Float64Array.from({ length: 2000 }, (_, i) => (i === 7 ? 1000 : 1))],
  ];
  for (const [name, a] of cases)
    for (const share of [0.1, 0.5, 0.8, 0.99])
      it(`finds the plain bisection's threshold (${name}, subsample ${share})`, () => {
        const target = share * a.length;
        const mu = mvsThreshold(a, a.length, Math.max(...a), target, new Float64Array(a.length));
        const ref = referenceThreshold(a, target);
        expect(Math.abs(mu - ref)).toBeLessThanOrEqual(1e-8 * ref);
        // the expected sample size is the subsample (to the bisection's precision)
        expect(Math.abs(expected(a, mu) - target)).toBeLessThanOrEqual(1e-6 * a.length);
      });
});
