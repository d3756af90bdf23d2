import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumber } from "../../src/data/index.js";

describe("parseNumber(cell)", () => {
  it("accepts pandas' float syntax", () => {
    const cases: [string, number][] = [
      ["0", 0],
      ["8450", 8450],
      [" 1", 1],
      ["1 ", 1],
      ["\t2\t", 2],
      ["+1", 1],
      ["-3.25", -3.25],
      [".5", 0.5],
      ["5.", 5],
      ["1e5", 1e5],
      ["1E+5", 1e5],
      ["-.5e-3", -0.0005],
      ["00012", 12],
      ["1e400", Infinity],
      ["inf", Infinity],
      ["-Infinity", -Infinity],
      ["+INF", Infinity],
      ["12345678901234567000", 12345678901234567000], // past 15 digits: Number() rounds
    ];
    for (const [s, v] of cases) expect(parseNumber(s), JSON.stringify(s)).toBe(v);
  });

  it("rejects what pandas reads as text", () => {
    for (const s of [
      "",
      " ",
      "0x10",
      "1_000",
      "1d5",
      "1.5e",
      "e5",
      "-",
      "+",
      ".",
      "1.2.3",
      "0b1",
      "1,5",
      "NaN",
      "nan",
      "NA",
      "1 2",
      "١",
      "infinite",
      "Infinity1",
    ])
      expect(parseNumber(s), JSON.stringify(s)).toBeUndefined();
  });

  it("reads back every finite double written by String()", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        // String(-0) is "0": `+ 0` turns -0 into 0.
        expect(parseNumber(String(x))).toBe(x + 0);
      }),
    );
  });
});
