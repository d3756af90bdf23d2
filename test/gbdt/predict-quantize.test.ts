import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { borderLookup } from "../../src/gbdt/border-lookup.js";
import {
  categoryIndexesOf,
  categoryTable,
  lookupCategories,
  lookupCategoryWords,
  quantizeFloats,
} from "../../src/gbdt/predict-quantize.js";
import { countBelow } from "../../src/gbdt/quantize.js";

describe("quantizeFloats", () => {
  it("counts the borders below each value as a binary search does; missing values get `nan`", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { maxLength: 300 }),
        fc.array(fc.double(), { maxLength: 60 }),
        (raw, values) => {
          const borders = Float64Array.from(new Set(raw)).sort();
          const x = Float64Array.from([...values, ...borders]);
          const q = new Uint16Array(x.length);
          quantizeFloats(x, borderLookup(borders), 999, q, x.length);
          for (let i = 0; i < x.length; i++)
            expect(q[i]).toBe(Number.isNaN(x[i]) ? 999 : countBelow(borders, x[i]));
        },
      ),
    );
  });
});

describe("categoryIndexesOf(col, categoryTable(known))", () => {
  it("finds every known category, also when slots collide, and gives `other` to the rest", () => {
    // "ab", "cb", "a-b" ... share length and end characters with other keys: slot collisions
    const names = ["ab", "aab", "acb", "a-b", "ba", "", "x", "RL", "RM", "C (all)", "NA"];
    const known = new Map<string | null, number>([...names, null].map((c, i) => [c, i]));
    const table = categoryTable(known);
    const col = [...names, null, "never", "ab", "ab", "a b", "xx", null, "", "RM"];
    // fresh string objects, as a file parser makes them
    const fresh = col.map((s) => (s === null ? null : [...s].join("")));
    const out = new Int32Array(fresh.length);
    categoryIndexesOf(fresh, table, 99, out, fresh.length);
    expect(Array.from(out)).toEqual(col.map((s) => known.get(s) ?? 99));
  });
});

describe("lookupCategoryWords", () => {
  it("writes the same bytes as a store per row, for any row count", () => {
    const lut = Uint16Array.from([5, 0, 127, 3]);
    for (const n of [0, 1, 3, 4, 5, 11, 16]) {
      const ix = Int32Array.from({ length: n }, (_, i) => (i * 7) % 4);
      const n4 = (n + 3) & ~3;
      const bytes = new Uint8Array(3 * n4);
      lookupCategoryWords(lut, ix, new Uint32Array(bytes.buffer), n4 >>> 2, n);
      const expected = new Uint8Array(3 * n4);
      lookupCategories(lut, ix, expected.subarray(n4, n4 + n), n);
      expect(bytes).toEqual(expected);
    }
  });
});
