import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binColumn, binUniform } from "../../src/gbdt/quantize.js";

/** The equal-width borders binUniform documents, computed the plain way. */
function uniformBorders(values: Float64Array, count: number): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo)) return new Float64Array(0);
  return Float64Array.from({ length: count }, (_, i) => lo + ((hi - lo) * (i + 1)) / (count + 1));
}

describe("binUniform", () => {
  const cases: [string, Float64Array][] = [
    // ordered target statistics: (hits + prior) / (count + 1), many values on or next to borders
    ["ratios", Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 17) / (((i * 31) % 16) + 1))],
    ["values equal to borders", Float64Array.from({ length: 3200 }, (_, i) => (i % 16) / 16)],
    ["tiny range", Float64Array.from({ length: 2000 }, (_, i) => 1 + (i % 5) * Number.EPSILON)],
    ["negative", Float64Array.from({ length: 2000 }, (_, i) => -1e6 + ((i * 13) % 101) * 0.37)],
  ];
  for (const [name, values] of cases) {
    it(`bins as binColumn over the uniform borders (${name})`, () => {
      const q = binUniform(values, 15);
      const borders = uniformBorders(values, 15);
      const ref = binColumn("x", values, borders, "Min");
      expect(Array.from(q.borders)).toEqual(Array.from(borders));
      expect(q.nBins).toBe(ref.nBins);
      expect(Array.from(q.bins)).toEqual(Array.from(ref.bins));
    });
  }

  it("bins as binColumn over the uniform borders for any finite values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 255 }),
        (raw, count) => {
          const values = Float64Array.from(raw);
          const q = binUniform(values, count);
          const ref = binColumn("x", values, uniformBorders(values, count), "Min");
          expect(Array.from(q.bins)).toEqual(Array.from(ref.bins));
          expect(q.nBins).toBe(ref.nBins);
        },
      ),
    );
  });

  it("gives one bin and no borders to a constant column", () => {
    const q = binUniform(new Float64Array(100).fill(0.25), 15);
    expect(q.borders.length).toBe(0);
    expect(q.nBins).toBe(1);
    expect(q.bins.every((b) => b === 0)).toBe(true);
  });
});
