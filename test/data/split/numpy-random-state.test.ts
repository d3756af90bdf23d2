import { describe, expect, it } from "vitest";
import { NumpyRandomState } from "../../../src/data/index.js";

describe("NumpyRandomState", () => {
  it("matches numpy: MT19937 first output for seed 5489 and RandomState(0).permutation(10)", () => {
    expect(new NumpyRandomState(5489).nextUint32()).toBe(3499211612);
    expect([...new NumpyRandomState(0).permutation(10)]).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
  });

  it("rejects seeds outside [0, 2^32 - 1]", () => {
    expect(() => new NumpyRandomState(-1)).toThrowError(
      /seed must be an integer in \[0, 2\^32 - 1\], got -1/,
    );
  });
});
