import { describe, expect, it } from "vitest";
import {
  ColumnTransformer,
  MinMaxScaler,
  OneHotEncoder,
  OrdinalEncoder,
  Pipeline,
  SimpleImputer,
  StandardScaler,
  type Table,
  type Transformer,
} from "../../../src/data/index.js";
import { fixtures, tableOf } from "../sklearn-fixtures.js";

/** Relative tolerance for floats: scikit-learn sums in a different order than we do. */
const RTOL = 1e-12;

const num = ["ints", "floats", "const", "tie"];
const FACTORIES: Record<string, () => Transformer> = {
  "SimpleImputer mean numeric": () => new SimpleImputer({ strategy: "mean" }),
  "SimpleImputer median numeric": () => new SimpleImputer({ strategy: "median" }),
  "SimpleImputer most_frequent numeric": () => new SimpleImputer({ strategy: "mostFrequent" }),
  "SimpleImputer constant numeric": () => new SimpleImputer({ strategy: "constant" }),
  "SimpleImputer most_frequent text": () => new SimpleImputer({ strategy: "mostFrequent" }),
  "SimpleImputer constant text": () => new SimpleImputer({ strategy: "constant", fillValue: "None" }),
  "SimpleImputer constant -1 numeric": () => new SimpleImputer({ strategy: "constant", fillValue: -1 }),
  MinMaxScaler: () => new MinMaxScaler(),
  "MinMaxScaler range -1..2 clip": () => new MinMaxScaler({ featureRange: [-1, 2], clip: true }),
  StandardScaler: () => new StandardScaler(),
  "StandardScaler no mean": () => new StandardScaler({ withMean: false }),
  "OneHotEncoder ignore": () => new OneHotEncoder({ handleUnknown: "ignore" }),
  "OneHotEncoder drop if_binary": () => new OneHotEncoder({ drop: "ifBinary", handleUnknown: "ignore" }),
  "OneHotEncoder drop first": () => new OneHotEncoder({ drop: "first" }),
  "OrdinalEncoder use_encoded_value": () =>
    new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: -1 }),
  "ColumnTransformer reference": () =>
    new ColumnTransformer(
      [
        [
          "num",
          new Pipeline([
            ["impute", new SimpleImputer({ strategy: "mostFrequent" })],
            ["scale", new MinMaxScaler()],
          ]),
          num,
        ],
        ["cat", new SimpleImputer({ strategy: "constant", fillValue: "None" }), ["zone", "quality"]],
      ],
      { remainder: "passthrough" },
    ),
};

function expectColumnsClose(actual: Table, expected: Record<string, (number | string | null)[]>): void {
  expect(actual.columns).toEqual(Object.keys(expected));
  for (const [name, want] of Object.entries(expected)) {
    const got = actual.column(name);
    expect(got.length, name).toBe(want.length);
    want.forEach((w, i) => {
      const g = got[i];
      if (w === null) {
        expect(g === null || Number.isNaN(g as number), `${name}[${i}] should be missing, got ${g}`).toBe(
          true,
        );
      } else if (typeof w === "number") {
        expect(typeof g, `${name}[${i}]`).toBe("number");
        expect(Math.abs((g as number) - w), `${name}[${i}]: ${g} vs ${w}`).toBeLessThanOrEqual(
          RTOL * Math.max(1, Math.abs(w)),
        );
      } else expect(g, `${name}[${i}]`).toBe(w);
    });
  }
}

describe(`transformers equal scikit-learn ${fixtures.versions.sklearn} on generated fixtures`, () => {
  const train = tableOf(fixtures.input.train);
  const test = tableOf(fixtures.input.test);
  it("covers every fixture case", () => {
    expect(fixtures.transformers.map((c) => c.name).sort()).toEqual(Object.keys(FACTORIES).sort());
  });
  for (const c of fixtures.transformers) {
    it(`${c.name}: fit on train rows, transform train and test (rtol ${RTOL})`, () => {
      const t = FACTORIES[c.name]();
      const outTrain = t.fitTransform(train.select(c.columns));
      expect(t.featureNamesOut()).toEqual(c.featureNamesOut);
      expectColumnsClose(outTrain, c.train);
      const testRows =
        c.name === "OneHotEncoder drop first"
          ? test.rows([0, 1, ...Array.from({ length: test.nRows - 3 }, (_, i) => i + 3)])
          : test;
      expectColumnsClose(t.transform(testRows.select(c.columns)), c.test);
    });
  }
});
