import { describe, expect, it } from "vitest";
import {
  pyDatetimeStr,
  pyDistributionStr,
  pyParamStr,
  pyStr,
  pyStrRepr,
} from "../../src/integrations/index.js";
import { CategoricalDistribution, FloatDistribution, IntDistribution } from "../../src/tune/index.js";

describe("Python str() as Optuna's MLflowCallback writes it", () => {
  it("prints distributions as Optuna's repr (attributes sorted)", () => {
    expect(pyDistributionStr(new FloatDistribution(-10, 10))).toBe(
      "FloatDistribution(high=10.0, log=False, low=-10.0, step=None)",
    );
    expect(pyDistributionStr(new FloatDistribution(1e-5, 0.1, { log: true }))).toBe(
      "FloatDistribution(high=0.1, log=True, low=1e-05, step=None)",
    );
    expect(pyDistributionStr(new FloatDistribution(0, 1, { step: 0.25 }))).toBe(
      "FloatDistribution(high=1.0, log=False, low=0.0, step=0.25)",
    );
    expect(pyDistributionStr(new IntDistribution(1, 5, { log: true }))).toBe(
      "IntDistribution(high=5, log=True, low=1, step=1)",
    );
    expect(pyDistributionStr(new CategoricalDistribution(["a", "b"]))).toBe(
      "CategoricalDistribution(choices=('a', 'b'))",
    );
    expect(pyDistributionStr(new CategoricalDistribution([1, null, true, 2.5]))).toBe(
      "CategoricalDistribution(choices=(1, None, True, 2.5))",
    );
    expect(pyDistributionStr(new CategoricalDistribution(["only"]))).toBe(
      "CategoricalDistribution(choices=('only',))",
    );
  });

  it("prints values as str(): floats keep .0, bools and None are Python's", () => {
    expect(pyParamStr(3, new FloatDistribution(0, 5))).toBe("3.0");
    expect(pyParamStr(3, new IntDistribution(0, 5))).toBe("3");
    expect(pyParamStr(-1.2224312049589532, new FloatDistribution(-5, 5))).toBe("-1.2224312049589532");
    expect(pyParamStr(true, new CategoricalDistribution([true, false]))).toBe("True");
    expect(pyParamStr(null, new CategoricalDistribution([null, 1]))).toBe("None");
    expect(pyStr({ a: [1, 0.5, "x"], b: null })).toBe("{'a': [1, 0.5, 'x'], 'b': None}");
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr("a'b\"c")).toBe(`'a\\'b"c'`);
  });

  it("prints datetimes as str(datetime) in local time, microseconds only when non-zero", () => {
    expect(pyDatetimeStr(new Date(2026, 10, 27, 0, 17, 8, 177))).toBe("2026-11-27 00:17:08.177000");
    expect(pyDatetimeStr(new Date(2026, 0, 2, 3, 4, 5, 0))).toBe("2026-01-02 03:04:05");
    expect(pyDatetimeStr(null)).toBe("None");
  });
});
