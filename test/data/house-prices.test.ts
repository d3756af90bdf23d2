import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import {
  ColumnTransformer,
  columnSelector,
  fromFoldIndices,
  kFold,
  MinMaxScaler,
  Pipeline,
  readCsv,
  SimpleImputer,
  type Table,
} from "../../src/data/index.js";
import { describeIf } from "../helpers/requires.js";
import { HOUSE_CSV, HOUSE_FOLDS, hasHouseData, PYTHON, pythonHas, REPO, VENV } from "./paths.js";

const DROP = ["Id", "Alley", "PoolQC", "Fence", "MiscFeature", "SalePrice"];
/** Tolerance of the scaled values against scikit-learn (same formula, same float operations). */
const ATOL = 1e-12;

/** The reference preprocessing of DESIGN.md. */
function referencePrep(): ColumnTransformer {
  return new ColumnTransformer(
    [
      [
        "num",
        new Pipeline([new SimpleImputer({ strategy: "mostFrequent" }), new MinMaxScaler()]),
        columnSelector({ kind: "number" }),
      ],
      [
        "cat",
        new SimpleImputer({ strategy: "constant", fillValue: "None" }),
        columnSelector({ kind: "text" }),
      ],
    ],
    { verboseFeatureNamesOut: false },
  );
}

describeIf(hasHouseData, "the shared data folder (../shared/data or TUNELAB_SHARED)")(
  "House Prices train.csv",
  () => {
    it("readCsv() gives 1460 rows, 81 columns: 38 numeric, 43 text (as the data README says)", () => {
      const t = readCsv(HOUSE_CSV);
      expect(t.shape).toEqual([1460, 81]);
      expect(t.numericColumns()).toHaveLength(38);
      expect(t.textColumns()).toHaveLength(43);
      expect(t.kind("MSSubClass")).toBe("number");
    });

    it("fromFoldIndices(folds-5-seed0.json) equals kFold({ nSplits: 5, shuffle: true, seed: 0 })", () => {
      const replay = fromFoldIndices(JSON.parse(readFileSync(HOUSE_FOLDS, "utf8"))).split(1460);
      const computed = kFold({ nSplits: 5, shuffle: true, seed: 0 }).split(1460);
      expect(replay.map((f) => [...f.test])).toEqual(computed.map((f) => [...f.test]));
      expect(replay.map((f) => [...f.train])).toEqual(computed.map((f) => [...f.train]));
    });
  },
);

interface Reference {
  columns: string[];
  kinds: Record<string, "number" | "text">;
  missing: Record<string, number>;
  featureNamesOut: string[];
  fold0: {
    train: Record<string, (number | string | null)[]>;
    test: Record<string, (number | string | null)[]>;
  };
  all: Record<string, (number | string | null)[]>;
}

function expectSame(actual: Table, expected: Record<string, (number | string | null)[]>): void {
  expect(actual.columns).toEqual(Object.keys(expected));
  let compared = 0;
  for (const [name, want] of Object.entries(expected)) {
    const got = actual.column(name);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      const w = want[i];
      const g = got[i];
      if (typeof w === "number") {
        if (!(typeof g === "number" && Math.abs(g - w) <= ATOL))
          expect(g, `${name}[${i}]`).toBeCloseTo(w, 12);
      } else if (g !== w) expect(g, `${name}[${i}]`).toBe(w);
      compared++;
    }
  }
  expect(compared).toBe(actual.nRows * actual.columns.length);
}

describeIf(
  hasHouseData && pythonHas("sklearn", "pandas"),
  `the shared data folder and a Python venv with scikit-learn and pandas at ${VENV} (TUNELAB_VENV)`,
)("reference preprocessing on House Prices equals scikit-learn's", () => {
  let ref: Reference;
  let x: Table;
  let folds: ReturnType<ReturnType<typeof fromFoldIndices>["split"]>;
  beforeAll(() => {
    const r = spawnSync(
      PYTHON,
      [join(REPO, "test/fixtures/data/house_prices_reference.py"), HOUSE_CSV, HOUSE_FOLDS],
      {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
    );
    if (r.status !== 0) throw new Error(`house_prices_reference.py failed: ${r.stderr}`);
    ref = JSON.parse(r.stdout);
    x = readCsv(HOUSE_CSV);
    folds = fromFoldIndices(JSON.parse(readFileSync(HOUSE_FOLDS, "utf8"))).split(x.nRows);
  }, 180_000);

  it("readCsv() infers pandas' column kinds and missing counts", () => {
    expect(x.columns).toEqual(ref.columns);
    for (const c of x.columns) {
      expect(x.kind(c), c).toBe(ref.kinds[c]);
      const col = x.column(c);
      let missing = 0;
      for (let i = 0; i < col.length; i++) if (col[i] === null || Number.isNaN(col[i])) missing++;
      expect(missing, c).toBe(ref.missing[c]);
    }
  });

  it(`fitted on fold 0's train rows: train and test outputs equal scikit-learn's (atol ${ATOL})`, () => {
    const features = x.drop(DROP);
    const prep = referencePrep();
    const outTrain = prep.fitTransform(features.rows(folds[0].train));
    expect(prep.featureNamesOut()).toEqual(ref.featureNamesOut);
    expectSame(outTrain, ref.fold0.train);
    expectSame(prep.transform(features.rows(folds[0].test)), ref.fold0.test);
  });

  it("fitted on all rows: output equals scikit-learn's", () => {
    expectSame(referencePrep().fitTransform(x.drop(DROP)), ref.all);
  });
});
