import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PANDAS_NA_VALUES } from "../../src/data/index.js";
import { NaMatcher, naMatchersFor } from "../../src/data/na-values.js";

describe("missing-value strings", () => {
  it("PANDAS_NA_VALUES is pandas' default na_values list (19 strings, checked against pandas 3.1)", () => {
    expect([...PANDAS_NA_VALUES].sort()).toEqual(
      [
        "",
        "#N/A",
        "#N/A N/A",
        "#NA",
        "-1.#IND",
        "-1.#QNAN",
        "-NaN",
        "-nan",
        "1.#IND",
        "1.#QNAN",
        "<NA>",
        "N/A",
        "NA",
        "NULL",
        "NaN",
        "None",
        "n/a",
        "nan",
        "null",
      ].sort(),
    );
  });

  it("NaMatcher.has(s) answers as Set.has(s) (its pre-filter never rejects a member)", () => {
    const strings = fc.oneof(
      fc.constantFrom(...PANDAS_NA_VALUES, "-999", "é", "NAN", " NA"),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(
        fc.array(strings, { maxLength: 8 }),
        fc.array(strings, { maxLength: 30 }),
        (members, probes) => {
          const m = new NaMatcher(members);
          const set = new Set(members);
          for (const p of [...members, ...probes]) expect(m.has(p)).toBe(set.has(p));
        },
      ),
    );
  });

  it("naMatchersFor: defaults plus a list, per-column lists, or only the given values", () => {
    const [a, b] = naMatchersFor(["a", "b"], { a: ["-999"] }, true);
    expect([a.has("-999"), a.has("NA"), b.has("-999"), b.has("NA")]).toEqual([true, true, false, true]);
    const [c] = naMatchersFor(["c"], ["x"], false);
    expect([c.has("x"), c.has("NA"), c.has("")]).toEqual([true, false, false]);
  });
});
