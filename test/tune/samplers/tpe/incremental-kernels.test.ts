import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FrozenTrial } from "../../../../src/tune/frozen-trial.js";
import { createTrial, FloatDistribution } from "../../../../src/tune/index.js";
import { FRESH_ARRAYS } from "../../../../src/tune/samplers/tpe/array-pool.js";
import { IncrementalKernels } from "../../../../src/tune/samplers/tpe/incremental-kernels.js";
import { ObservationTable } from "../../../../src/tune/samplers/tpe/observation-table.js";
import { ParzenEstimator, type ParzenOptions } from "../../../../src/tune/samplers/tpe/parzen-estimator.js";
import { defaultWeights } from "../../../../src/tune/samplers/tpe/split.js";

const x = new FloatDistribution(-1, 1);
const y = new FloatDistribution(1e-3, 10, { log: true });
const dists = [x, y];

function trial(number: number, p: { x: number; y: number }): FrozenTrial {
  const t = createTrial({ state: "COMPLETE", value: 0, params: p, distributions: { x, y } });
  return t.with({ trialId: 100 + number, number });
}

/** The same points as bits: a kept density must give exactly the estimator's numbers. */
function bits(a: Float64Array): string[] {
  return Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)));
}

const step = fc.record({
  // Few distinct x values: ties, which must keep trial-number order.
  x: fc.constantFrom(-1, -0.5, 0, 0.25, 0.3, 1),
  y: fc.double({ min: 1e-3, max: 10, noNaN: true }),
  joins: fc.boolean(),
  // Rows that change sides at this step (indices modulo the trials so far).
  flips: fc.array(fc.nat(), { maxLength: 3 }),
  bulk: fc.integer({ min: 0, max: 9 }),
});

const options = fc.record({
  priorWeight: fc.constantFrom(1, 0.5),
  considerMagicClip: fc.boolean(),
  considerEndpoints: fc.boolean(),
  bandwidthFactor: fc.constantFrom(0.8, 1),
  magicClipScale: fc.constantFrom(1, 3),
});

describe("IncrementalKernels", () => {
  it("keeps the bad density equal, bit for bit, to an estimator built from scratch (property)", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), options, (steps, opts: ParzenOptions) => {
        const table = new ObservationTable(["x", "y"], dists);
        const kept = new IncrementalKernels(dists, opts);
        const trials: FrozenTrial[] = [];
        const inSet: boolean[] = [];
        for (let i = 0; i < steps.length; i++) {
          const s = steps[i];
          trials.push(trial(i, { x: s.x, y: s.y }));
          inSet.push(s.joins);
          for (const f of s.flips) inSet[f % inSet.length] = !inSet[f % inSet.length];
          // Now and then many rows change at once (a rebuild).
          if (s.bulk === 0) for (let r = 0; r < inSet.length; r += 2) inSet[r] = !inSet[r];
          const { rows } = table.sync(trials, -1);
          const slot = new Int32Array(table.rowCount).fill(-1);
          let n = 0;
          for (let t = 0; t < rows.length; t++) if (inSet[t]) slot[rows[t]] = n++;
          if (!kept.update(table, slot, n)) {
            expect(n).toBeLessThan(2);
            continue;
          }
          const a = table.gather(slot, n);
          for (let j = 0; j < 2; j++)
            expect(Array.from(kept.rowsOf(j), (r) => slot[r])).toEqual(Array.from(a.orders[j]!));
          const weights = defaultWeights(n);
          const est = new ParzenEstimator(dists, a.columns, weights, opts, a.orders);
          const g = kept.density(weights, slot, FRESH_ARRAYS);
          const points = [
            Float64Array.from({ length: 12 }, (_, c) => -1 + c / 5.5),
            Float64Array.from({ length: 12 }, (_, c) => 1e-3 * 1.8 ** c),
          ];
          const ll = Float64Array.from({ length: 12 }, (_, c) => Math.sin(c + i));
          const want = est.logPdfBounds(points, ll);
          const got = g.logPdfBounds(points, ll);
          expect(bits(got.lo)).toEqual(bits(want.lo));
          expect(bits(got.hi)).toEqual(bits(want.hi));
          expect(bits(g.logPdf(points))).toEqual(bits(est.logPdf(points)));
          const only = Uint8Array.from({ length: 12 }, (_, c) => (c + i) % 2);
          expect(bits(g.logPdfOf(points, only))).toEqual(bits(est.logPdfOf(points, only)));
        }
      }),
      { numRuns: 80 },
    );
  });

  it("starts over when the table does (a recreated study)", () => {
    const table = new ObservationTable(["x", "y"], dists);
    const kept = new IncrementalKernels(dists, {
      priorWeight: 1,
      considerMagicClip: true,
      considerEndpoints: false,
      bandwidthFactor: 1,
      magicClipScale: 1,
    });
    const first = [trial(0, { x: 0.5, y: 1 }), trial(1, { x: -0.5, y: 2 }), trial(2, { x: 0, y: 3 })];
    table.sync(first, -1);
    expect(kept.update(table, Int32Array.of(0, 1, 2), 3)).toBe(true);
    // Trial 0 comes back with another value: the table resets, its rows now hold other trials.
    const second = [trial(0, { x: 0.9, y: 1 }), trial(3, { x: -0.9, y: 1 })];
    table.sync(second, -1);
    expect(kept.update(table, Int32Array.of(0, 1), 2)).toBe(true);
    expect(Array.from(kept.rowsOf(0))).toEqual([1, 0]);
    // σ from the new neighbours (gap 1.8 between them), not the old rows'.
    expect(kept.sigmaOf(0, 0)).toBeCloseTo(1.8);
  });
});
