import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fromColumns,
  MinMaxScaler,
  OneHotEncoder,
  OrdinalEncoder,
  SimpleImputer,
  StandardScaler,
  type Transformer,
} from "../../../src/data/index.js";

const numbers = fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
  minLength: 2,
  maxLength: 40,
});
const words = fc.array(fc.option(fc.constantFrom("a", "b", "c", "RL", "RM"), { nil: null }), {
  minLength: 2,
  maxLength: 40,
});

describe("transformers (properties)", () => {
  it("MinMaxScaler maps the training rows into featureRange and keeps missing values missing", () => {
    fc.assert(
      fc.property(numbers, (xs) => {
        const out = new MinMaxScaler().fitTransform(fromColumns({ x: xs })).numericColumn("x");
        xs.forEach((v, i) => {
          if (v === null) expect(Number.isNaN(out[i])).toBe(true);
          else {
            expect(out[i]).toBeGreaterThanOrEqual(-1e-12);
            expect(out[i]).toBeLessThanOrEqual(1 + 1e-12);
          }
        });
      }),
    );
  });

  it("StandardScaler gives the training rows mean 0 and, unless constant, variance 1", () => {
    fc.assert(
      fc.property(numbers, (xs) => {
        const present = xs.filter((v): v is number => v !== null);
        fc.pre(present.length >= 2);
        const out = [...new StandardScaler().fitTransform(fromColumns({ x: xs })).numericColumn("x")].filter(
          (v) => !Number.isNaN(v),
        );
        // Rounding in (x - mean) / std grows with max|x| / std: scale the tolerance by that condition number.
        const rawMean = present.reduce((a, b) => a + b, 0) / present.length;
        const rawStd = Math.sqrt(present.reduce((a, b) => a + (b - rawMean) ** 2, 0) / present.length);
        const condition = Math.max(...present.map(Math.abs)) / rawStd;
        const tolerance = 1e-12 + 64 * Number.EPSILON * condition;
        const mean = out.reduce((a, b) => a + b, 0) / out.length;
        expect(Math.abs(mean)).toBeLessThan(rawStd > 0 ? tolerance : 1e-9);
        const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length;
        if (new Set(present).size > 1 && Math.max(...present) - Math.min(...present) > 1e-6)
          expect(Math.abs(variance - 1)).toBeLessThan(tolerance);
      }),
    );
  });

  it("fitTransform(t) equals fit(t).transform(t), and transform never changes what was learned", () => {
    const makers: (() => Transformer)[] = [
      () => new SimpleImputer({ strategy: "mostFrequent" }),
      () => new OneHotEncoder({ handleUnknown: "ignore" }),
      () => new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: -1 }),
    ];
    fc.assert(
      fc.property(words, words, fc.nat(makers.length - 1), (train, other, k) => {
        fc.pre(train.some((v) => v !== null));
        const t = fromColumns({ z: train });
        const a = makers[k]().fitTransform(t);
        const fitted = makers[k]().fit(t);
        expect(fitted.transform(t).toRecords()).toEqual(a.toRecords());
        fitted.transform(fromColumns({ z: other }));
        expect(fitted.transform(t).toRecords()).toEqual(a.toRecords());
      }),
    );
  });

  it("SimpleImputer leaves no missing value in columns with an observed value", () => {
    fc.assert(
      fc.property(
        numbers,
        words,
        fc.constantFrom("mean", "median", "mostFrequent") as fc.Arbitrary<"mean" | "median" | "mostFrequent">,
        (xs, zs, strategy) => {
          fc.pre(xs.some((v) => v !== null));
          const out = new SimpleImputer({ strategy }).fitTransform(fromColumns({ x: xs }));
          expect([...out.numericColumn("x")].some(Number.isNaN)).toBe(false);
          fc.pre(zs.some((v) => v !== null));
          const texts = new SimpleImputer({ strategy: "mostFrequent" }).fitTransform(fromColumns({ z: zs }));
          expect(texts.textColumn("z").includes(null)).toBe(false);
        },
      ),
    );
  });
});
