import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  checkDistributionCompatibility,
  distributionToJson,
  FloatDistribution,
  IntDistribution,
  InvalidArgumentError,
  jsonToDistribution,
} from "../../src/tune/index.js";

describe("distributions", () => {
  it.each([
    [() => new FloatDistribution(2, 1), /low must be <= high, got low=2 high=1/],
    [() => new FloatDistribution(0, 1, { log: true }), /low must be > 0 with log=true, got low=0/],
    [() => new FloatDistribution(1, 2, { log: true, step: 0.1 }), /step and log cannot be used together/],
    [() => new FloatDistribution(0, 1, { step: -1 }), /step must be > 0, got -1/],
    [() => new FloatDistribution(Number.NaN, 1), /low must be a finite number, got NaN/],
    [() => new IntDistribution(1, 5, { log: true, step: 2 }), /step must be 1 with log=true, got step=2/],
    [() => new IntDistribution(0, 5, { log: true }), /low must be >= 1 with log=true, got low=0/],
    [() => new IntDistribution(1.5, 5), /low must be an integer, got 1.5/],
    [() => new CategoricalDistribution([]), /choices must not be empty/],
    [
      () => new CategoricalDistribution([{}] as never),
      /choices must be string, number, boolean or null, got \{\}/,
    ],
  ])("bad input is rejected with the value in the message (%#)", (make, message) => {
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(message);
  });

  it("step lowers high to the last grid point, as Optuna does", () => {
    expect(new FloatDistribution(0, 1, { step: 0.3 }).high).toBeCloseTo(0.9, 12);
    expect(new IntDistribution(1, 10, { step: 4 }).high).toBe(9);
    expect(new FloatDistribution(0, 0.3, { step: 0.1 }).high).toBe(0.3);
  });

  it("single() is true only when one value is possible", () => {
    expect(new FloatDistribution(1, 1).single()).toBe(true);
    expect(new IntDistribution(3, 4, { step: 2 }).single()).toBe(true);
    expect(new CategoricalDistribution(["a"]).single()).toBe(true);
    expect(new IntDistribution(3, 4).single()).toBe(false);
  });

  it("distributionToJson writes Optuna's exact bytes", () => {
    expect(distributionToJson(new FloatDistribution(0.001, 1, { log: true }))).toBe(
      '{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.001, "high": 1.0, "log": true}}',
    );
    expect(distributionToJson(new IntDistribution(1, 9, { step: 2 }))).toBe(
      '{"name": "IntDistribution", "attributes": {"log": false, "step": 2, "low": 1, "high": 9}}',
    );
    expect(distributionToJson(new CategoricalDistribution(["a", "b"]))).toBe(
      '{"name": "CategoricalDistribution", "attributes": {"choices": ["a", "b"]}}',
    );
    expect(distributionToJson(new FloatDistribution(1e-5, 0.1, { log: true }))).toBe(
      '{"name": "FloatDistribution", "attributes": {"step": null, "low": 1e-05, "high": 0.1, "log": true}}',
    );
    expect(distributionToJson(new CategoricalDistribution([1, 2.5, true, null, "é"]))).toBe(
      '{"name": "CategoricalDistribution", "attributes": {"choices": [1, 2.5, true, null, "\\u00e9"]}}',
    );
  });

  it("jsonToDistribution reads the current, legacy and abbreviated forms", () => {
    expect(
      jsonToDistribution('{"name": "LogUniformDistribution", "attributes": {"low": 0.1, "high": 1.0}}'),
    ).toEqual(new FloatDistribution(0.1, 1, { log: true }));
    expect(
      jsonToDistribution(
        '{"name": "IntUniformDistribution", "attributes": {"low": 1, "high": 9, "step": 2}}',
      ),
    ).toEqual(new IntDistribution(1, 9, { step: 2 }));
    expect(jsonToDistribution('{"type": "categorical", "choices": ["x"]}')).toEqual(
      new CategoricalDistribution(["x"]),
    );
    expect(() => jsonToDistribution('{"name": "Weird"}')).toThrow(/unknown distribution name "Weird"/);
  });

  it("JSON round trips for any valid distribution (property)", () => {
    const float = fc
      .tuple(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.boolean(),
      )
      .map(([low, width, log]) =>
        log
          ? new FloatDistribution(Math.abs(low) + 1e-3, Math.abs(low) + 1e-3 + width, { log })
          : new FloatDistribution(low, low + width),
      );
    const int = fc
      .tuple(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 7 }),
      )
      .map(([low, width, step]) => new IntDistribution(low, low + width, { step }));
    const cat = fc
      .array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), {
        minLength: 1,
        maxLength: 6,
      })
      .map((c) => new CategoricalDistribution(c));
    fc.assert(
      fc.property(fc.oneof(float, int, cat), (d) => {
        expect(jsonToDistribution(distributionToJson(d))).toEqual(d);
      }),
    );
  });

  it("checkDistributionCompatibility rejects a changed kind, log flag or choice list", () => {
    expect(() =>
      checkDistributionCompatibility("x", new FloatDistribution(0, 1), new IntDistribution(0, 1)),
    ).toThrow(/"x" was suggested as float and now as int/);
    expect(() =>
      checkDistributionCompatibility(
        "x",
        new FloatDistribution(1, 2),
        new FloatDistribution(1, 2, { log: true }),
      ),
    ).toThrow(/log=false and now with log=true/);
    expect(() =>
      checkDistributionCompatibility(
        "k",
        new CategoricalDistribution(["a"]),
        new CategoricalDistribution(["b"]),
      ),
    ).toThrow(/choices cannot change/);
    expect(() =>
      checkDistributionCompatibility("x", new FloatDistribution(0, 1), new FloatDistribution(0, 5)),
    ).not.toThrow();
  });
});
