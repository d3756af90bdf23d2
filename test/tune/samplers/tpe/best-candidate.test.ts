import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  type Distribution,
  FloatDistribution,
  IntDistribution,
} from "../../../../src/tune/distributions.js";
import { Rng } from "../../../../src/tune/rng.js";
import { bestCandidate } from "../../../../src/tune/samplers/tpe/best-candidate.js";
import { ParzenEstimator, type ParzenOptions } from "../../../../src/tune/samplers/tpe/parzen-estimator.js";

const OPTIONS: ParzenOptions = {
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  bandwidthFactor: 0.8,
  magicClipScale: 3,
};

function randomColumns(dists: Distribution[], n: number, rng: Rng, spread: number): Float64Array[] {
  return dists.map((d) =>
    Float64Array.from({ length: n }, () => {
      if (d.kind === "categorical") return rng.int(d.choices.length);
      const x = (d.low + d.high) / 2 + spread * (d.high - d.low) * (rng.random() - 0.5);
      return d.kind === "int" ? Math.round(x) : x;
    }),
  );
}

/** The first candidate with the largest ll − lg, every density exact. */
function exactBest(ll: Float64Array, lg: Float64Array): number {
  let best = 0;
  for (let c = 1; c < ll.length; c++) if (ll[c] - lg[c] > ll[best] - lg[best]) best = c;
  return best;
}

describe("bestCandidate", () => {
  const spaces: [string, Distribution[]][] = [
    [
      "continuous",
      [new FloatDistribution(-10, 10), new FloatDistribution(0, 1), new FloatDistribution(-5, 5)],
    ],
    [
      "mixed",
      [
        new FloatDistribution(-10, 10),
        new IntDistribution(1, 30),
        new CategoricalDistribution(["a", "b", "c"]),
      ],
    ],
  ];
  for (const [name, dists] of spaces)
    it(`picks what the exact densities pick, ties included (${name})`, () => {
      const rng = new Rng(5);
      for (let round = 0; round < 40; round++) {
        const l = new ParzenEstimator(
          dists,
          randomColumns(dists, 12, rng, 0.1),
          new Float64Array(12).fill(1),
          OPTIONS,
        );
        const n = 200 + round * 10;
        const g = new ParzenEstimator(
          dists,
          randomColumns(dists, n, rng, 0.6),
          new Float64Array(n).fill(1),
          OPTIONS,
        );
        const candidates = l.sample(rng, 24);
        // Exact ties: repeated candidates, and candidates far from every kernel (prior only).
        for (const col of candidates) {
          col[5] = col[2];
          col[9] = col[2];
        }
        if (round % 2)
          dists.forEach((d, j) => {
            if (d.kind !== "categorical") for (const c of [14, 15, 16]) candidates[j][c] = d.low;
          });
        const ll = l.logPdf(candidates);
        expect(bestCandidate(ll, g, candidates)).toBe(exactBest(ll, g.logPdf(candidates)));
      }
    });
});
