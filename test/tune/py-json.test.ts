import { describe, expect, it } from "vitest";
import { PyFloat, pyFloatRepr, pyJsonDumps, pyJsonParse } from "../../src/tune/index.js";

describe("Python-compatible JSON", () => {
  it.each([
    [1, "1.0"],
    [0.1, "0.1"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1.5e16, "1.5e+16"],
    [1e16, "1e+16"],
    [123456789012345.6, "123456789012345.6"],
    [-0, "-0.0"],
    [Number.NaN, "NaN"],
    [-Infinity, "-Infinity"],
  ])("pyFloatRepr(%s) is %s, as Python's repr", (x, text) => {
    expect(pyFloatRepr(x)).toBe(text);
  });

  it("pyJsonDumps uses Python's separators and escapes non-ASCII", () => {
    expect(pyJsonDumps({ a: [1, new PyFloat(2), "ü\n"], b: null })).toBe(
      '{"a": [1, 2.0, "\\u00fc\\n"], "b": null}',
    );
  });

  it("pyJsonParse accepts NaN and Infinity outside strings only", () => {
    expect(pyJsonParse('[NaN, -Infinity, "NaN"]')).toEqual([Number.NaN, -Infinity, "NaN"]);
  });
});
