import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { borderLookup, countBelowLookup } from "../../src/gbdt/border-lookup.js";
import { countBelow } from "../../src/gbdt/quantize.js";

const sortedUnique = (v: number[]) => Float64Array.from(new Set(v)).sort();

describe("countBelowLookup(borderLookup(borders), v)", () => {
  it("equals the binary search for any borders and values, borders themselves included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 300 }),
        fc.array(fc.double({ noNaN: true }), { maxLength: 50 }),
        (raw, values) => {
          const borders = sortedUnique(raw);
          const look = borderLookup(borders);
          for (const v of [...values, ...borders, ...borders.map((b) => b + 1e-300)])
            expect(countBelowLookup(look, v)).toBe(countBelow(borders, v));
        },
      ),
    );
  });

  it("handles clustered borders (an outlier stretches the range) and no borders", () => {
    const borders = Float64Array.from([...Array.from({ length: 200 }, (_, i) => i * 1e-6), 1e6]);
    const look = borderLookup(borders);
    for (const v of [-1, 0, 5e-7, 1e-4, 1.99e-4, 3, 1e6, 2e6, Infinity, -Infinity])
      expect(countBelowLookup(look, v)).toBe(countBelow(borders, v));
    const none = borderLookup(new Float64Array(0));
    expect(countBelowLookup(none, 3)).toBe(0);
  });
});
