import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  type Distribution,
  FloatDistribution,
  IntDistribution,
} from "../../../../src/tune/distributions.js";
import { Rng } from "../../../../src/tune/rng.js";
import { logNdtrDiff } from "../../../../src/tune/samplers/tpe/normal.js";
import {
  type KernelMemo,
  ParzenEstimator,
  type ParzenOptions,
} from "../../../../src/tune/samplers/tpe/parzen-estimator.js";
import { encode, encoding } from "../../../../src/tune/samplers/transform.js";

const OPTIONS: ParzenOptions = {
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  bandwidthFactor: 0.8,
  magicClipScale: 3,
};

/** Observations clustered near the middle, as TPE's are after many trials. */
function observations(dists: Distribution[], n: number, rng: Rng): Float64Array[] {
  return dists.map((d) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (d.kind === "categorical") col[i] = rng.int(d.choices.length);
      else {
        const enc = encoding(d);
        const mid = (enc.low + enc.high) / 2;
        const x = mid + (rng.random() < 0.7 ? 0.05 : 0.5) * (enc.high - enc.low) * (rng.random() - 0.5);
        const v = enc.log ? Math.exp(x) : x;
        col[i] = Math.min(
          d.high,
          Math.max(d.low, d.step === null ? v : d.low + Math.round((v - d.low) / d.step) * d.step),
        );
      }
    }
    return col;
  });
}

/** The mixture's log density with every kernel in every dimension, from the kernels' μ and σ. */
function referenceLogPdf(est: ParzenEstimator, dists: Distribution[], x: number[]): number {
  // biome-ignore lint/suspicious/noExplicitAny: reads the estimator's kernels
  const inner = est as any;
  const terms: number[] = Array.from(inner.weights as Float64Array, Math.log);
  dists.forEach((d, j) => {
    const dim = inner.dims[j];
    for (let i = 0; i < terms.length; i++) {
      if (d.kind === "categorical") {
        terms[i] += dim.logProbs[i * dim.n + x[j]];
        continue;
      }
      const enc = encoding(d);
      const mu = dim.mus[i];
      const sigma = dim.sigmas[i];
      const mass = logNdtrDiff((enc.low - mu) / sigma, (enc.high - mu) / sigma);
      if (d.step === null) {
        const z = (encode(enc, x[j]) - mu) / sigma;
        terms[i] += -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI) - mass;
      } else {
        const lo = (encode(enc, x[j] - d.step / 2) - mu) / sigma;
        const hi = (encode(enc, x[j] + d.step / 2) - mu) / sigma;
        terms[i] += logNdtrDiff(lo, hi) - mass;
      }
    }
  });
  const m = Math.max(...terms);
  return m + Math.log(terms.reduce((s, t) => s + Math.exp(t - m), 0));
}

describe("ParzenEstimator.logPdf", () => {
  const continuous: Distribution[] = [
    new FloatDistribution(-10, 10),
    new FloatDistribution(1e-4, 1, { log: true }),
    new FloatDistribution(0, 1),
  ];
  const mixed: Distribution[] = [
    new FloatDistribution(-10, 10),
    new IntDistribution(1, 20),
    new CategoricalDistribution(["a", "b", "c"]),
    new FloatDistribution(0, 1, { step: 0.1 }),
    new IntDistribution(2, 512, { log: true }),
  ];

  for (const [name, dists] of [
    ["continuous", continuous],
    ["mixed", mixed],
  ] as const)
    it(`skips only negligible kernels (${name}, 500 kernels)`, () => {
      const rng = new Rng(7);
      const cols = observations(dists, 500, rng);
      const weights = new Float64Array(500).fill(1);
      const est = new ParzenEstimator(dists, cols, weights, OPTIONS);
      const points = est.sample(rng, 40);
      // Far points too: there the largest term is a far kernel or the prior.
      for (let c = 0; c < 8; c++)
        dists.forEach((d, j) => {
          if (d.kind !== "categorical") points[j][c] = c % 2 ? d.low : d.high;
        });
      const got = est.logPdf(points);
      for (let c = 0; c < 40; c++) {
        const x = dists.map((_, j) => points[j][c]);
        expect(Math.abs(got[c] - referenceLogPdf(est, dists, x))).toBeLessThan(1e-9);
      }
    });

  for (const [name, dists] of [
    ["continuous", continuous],
    ["mixed", mixed],
  ] as const)
    it(`bounds the exact log density tightly, and logPdfOf matches it (${name})`, () => {
      const rng = new Rng(11);
      const cols = observations(dists, 300, rng);
      const weights = Float64Array.from({ length: 300 }, (_, i) => 0.1 + i / 300);
      const est = new ParzenEstimator(dists, cols, weights, OPTIONS);
      const points = est.sample(rng, 30);
      for (let c = 0; c < 6; c++)
        dists.forEach((d, j) => {
          if (d.kind !== "categorical") points[j][c] = c % 2 ? d.low : d.high;
        });
      const exact = est.logPdf(points);
      const { lo, hi } = est.logPdfBounds(points);
      const only = Uint8Array.from({ length: 30 }, (_, c) => c % 3);
      const some = est.logPdfOf(points, only);
      for (let c = 0; c < 30; c++) {
        expect(lo[c]).toBeLessThanOrEqual(exact[c]);
        expect(hi[c]).toBeGreaterThanOrEqual(exact[c]);
        // The bounds scan drops kernels 12 below the largest: at most 301·e^-12 wide.
        expect(hi[c] - lo[c]).toBeLessThan(301 * Math.exp(-12) + 1e-8);
        if (only[c]) expect(some[c]).toBe(exact[c]);
        else expect(some[c]).toBeNaN();
      }
    });

  it("bounds the exact density for any number of kernels (continuous, whole and partial blocks)", () => {
    const dists = [new FloatDistribution(-10, 10), new FloatDistribution(1e-3, 10, { log: true })];
    const rng = new Rng(13);
    for (const n of [0, 1, 2, 7, 8, 9, 15, 16, 17, 33, 64, 65, 700]) {
      const cols = observations(dists, n, rng);
      // Weights from 1e-3 to 1 make the log bases differ, as TPE's ramp does.
      const weights = Float64Array.from({ length: n }, (_, i) => 1e-3 + i / Math.max(1, n));
      const est = new ParzenEstimator(dists, cols, weights, OPTIONS);
      const points = est.sample(rng, 20);
      // The bounds and beyond the outermost kernels on either side.
      points[0][0] = -10;
      points[0][1] = 10;
      points[1][2] = 1e-3;
      points[0][3] = n > 0 ? Math.min(...cols[0]) - 0.3 : 0;
      points[0][4] = n > 0 ? Math.max(...cols[0]) + 0.3 : 0;
      const exact = est.logPdf(points);
      const { lo, hi } = est.logPdfBounds(points);
      for (let c = 0; c < 20; c++) {
        expect(lo[c]).toBeLessThanOrEqual(exact[c]);
        expect(hi[c]).toBeGreaterThanOrEqual(exact[c]);
        expect(hi[c] - lo[c]).toBeLessThan((n + 1) * Math.exp(-12) + 1e-8);
      }
    }
  });

  it("stops early only on points proven not to maximise ll − log density, with valid bounds", () => {
    const dists = [
      new FloatDistribution(-10, 10),
      new FloatDistribution(-10, 10),
      new FloatDistribution(0, 1),
    ];
    const sizes = Array.from({ length: 10 }, (_, round) => 400 + 50 * round);
    const stopped = earlyStopsOver(dists, new Rng(17), 20, sizes);
    // The likely winners (largest ll − nearest kernels' term) go first and settle a high
    // threshold: 210 of the 240 points stop early (181 when taken by ll alone).
    expect(stopped).toBeGreaterThanOrEqual(200);
  });

  it("stops early only on losers with few kernels too (the prior's term in the guess)", () => {
    const dists = [new FloatDistribution(-10, 10), new FloatDistribution(-10, 10)];
    const sizes = Array.from({ length: 12 }, (_, round) => 10 * round);
    const stopped = earlyStopsOver(dists, new Rng(23), 8, sizes);
    // 262 of 288 stop early (245 when the points are ordered by the seed terms alone).
    expect(stopped).toBeGreaterThanOrEqual(255);
  });

  it("keeps valid bounds and the early-stop contract when some ll are NaN or −Infinity", () => {
    const dists = [new FloatDistribution(-10, 10), new FloatDistribution(-10, 10)];
    const rng = new Rng(19);
    const n = 500;
    const weights = Float64Array.from({ length: n }, (_, i) => 0.01 + i / n);
    const est = new ParzenEstimator(dists, observations(dists, n, rng), weights, OPTIONS);
    const below = new ParzenEstimator(
      dists,
      observations(dists, 20, rng),
      new Float64Array(20).fill(1),
      OPTIONS,
    );
    const points = below.sample(rng, 24);
    const ll = below.logPdf(points);
    ll[0] = Number.NaN;
    ll[3] = Number.NEGATIVE_INFINITY;
    ll[7] = Number.NaN;
    const exact = est.logPdf(points);
    const { lo, hi } = est.logPdfBounds(points, ll);
    let surely = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < 24; c++) if (!Number.isNaN(ll[c])) surely = Math.max(surely, ll[c] - hi[c]);
    for (let c = 0; c < 24; c++) {
      expect(lo[c]).toBeLessThanOrEqual(exact[c]);
      expect(hi[c]).toBeGreaterThanOrEqual(exact[c]);
      // Only points with a finite ll may stop early.
      if (hi[c] === Number.POSITIVE_INFINITY) expect(ll[c] - lo[c]).toBeLessThan(surely);
      if (!Number.isFinite(ll[c])) expect(hi[c]).toBeLessThan(Number.POSITIVE_INFINITY);
    }
  });

  it("gives the same densities with a kernel memo, fresh or reused", () => {
    const rng = new Rng(3);
    const cols = observations(mixed, 200, rng);
    const weights = new Float64Array(200).fill(1);
    const plain = new ParzenEstimator(mixed, cols, weights, OPTIONS);
    const memo: KernelMemo = {
      rows: Uint32Array.from({ length: 200 }, (_, i) => 199 - i),
      sigma: mixed.map((d) => (d.kind === "categorical" ? null : new Float64Array(200).fill(Number.NaN))),
      logNorm: mixed.map((d) => (d.kind === "categorical" ? null : new Float64Array(200))),
    };
    const points = plain.sample(rng, 30);
    const expected = plain.logPdf(points);
    expect(new ParzenEstimator(mixed, cols, weights, OPTIONS, undefined, memo).logPdf(points)).toEqual(
      expected,
    );
    // Second pass: every normaliser comes from the memo.
    expect(new ParzenEstimator(mixed, cols, weights, OPTIONS, undefined, memo).logPdf(points)).toEqual(
      expected,
    );
    // A memo holding other kernels' σ (other rows) must not leak into this estimator.
    const shifted = cols.map((c) => c.slice());
    shifted[0][0] = 9.5;
    const other = new ParzenEstimator(mixed, shifted, weights, OPTIONS, undefined, memo);
    const reference = new ParzenEstimator(mixed, shifted, weights, OPTIONS);
    expect(other.logPdf(points)).toEqual(reference.logPdf(points));
  });
});

/**
 * {@link checkEarlyStops} over one round per size n: a good estimator of `nGood` equal-weight
 * observations and a bad one of n observations with rising weights. Returns how many stopped early.
 */
function earlyStopsOver(dists: FloatDistribution[], rng: Rng, nGood: number, sizes: number[]): number {
  let stopped = 0;
  for (const n of sizes) {
    const below = new ParzenEstimator(
      dists,
      observations(dists, nGood, rng),
      new Float64Array(nGood).fill(1),
      OPTIONS,
    );
    const weights = Float64Array.from({ length: n }, (_, i) => 0.01 + i / n);
    const est = new ParzenEstimator(dists, observations(dists, n, rng), weights, OPTIONS);
    stopped += checkEarlyStops(below, est, rng);
  }
  return stopped;
}

/**
 * Bounds of `est` at 24 candidates drawn from `below`, ordered by below's log density: each valid
 * against the exact scan, and every point that stopped early (hi = +Infinity) proven to lose.
 * Returns how many stopped early.
 */
function checkEarlyStops(below: ParzenEstimator, est: ParzenEstimator, rng: Rng): number {
  const points = below.sample(rng, 24);
  const ll = below.logPdf(points);
  const exact = est.logPdf(points);
  const { lo, hi } = est.logPdfBounds(points, ll);
  let surely = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < 24; c++) surely = Math.max(surely, ll[c] - hi[c]);
  let stopped = 0;
  for (let c = 0; c < 24; c++) {
    expect(lo[c]).toBeLessThanOrEqual(exact[c]);
    expect(hi[c]).toBeGreaterThanOrEqual(exact[c]);
    if (hi[c] === Number.POSITIVE_INFINITY) {
      stopped++;
      expect(ll[c] - lo[c]).toBeLessThan(surely);
    }
  }
  return stopped;
}
