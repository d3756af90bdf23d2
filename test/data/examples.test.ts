import { describe, expect, it } from "vitest";
import {
  ColumnTransformer,
  columnSelector,
  fromColumns,
  fromRecords,
  kFold,
  MinMaxScaler,
  OneHotEncoder,
  OrdinalEncoder,
  Pipeline,
  parseCsv,
  readCsv,
  SimpleImputer,
  StandardScaler,
  stratifiedKFold,
  toCsv,
  trainTestSplit,
} from "../../src/data/index.js";

/** The TSDoc examples of the public factories, run: they must say what the code does. */
describe("TSDoc examples of tunelab/data", () => {
  it("fromColumns / Table", () => {
    const t = fromColumns({ x: [1, 2, null], city: ["Ames", null, "Boone"] });
    expect(t.shape).toEqual([3, 2]);
    expect(t.numericColumns()).toEqual(["x"]);
    expect(t.rows([2, 0]).column("city")).toEqual(["Boone", "Ames"]);
    expect(fromColumns({ area: new Float64Array([80, 120]), zone: ["RL", "RM"] }).kind("zone")).toBe("text");
  });

  it("readCsv / parseCsv / fromRecords / toCsv", () => {
    const t = readCsv("id,zone,area\n1,RL,80\n2,NA,\n3,RM,120\n");
    expect(t.shape).toEqual([3, 3]);
    expect(t.column("zone")).toEqual(["RL", null, "RM"]);
    expect([...t.column("area")]).toEqual([80, Number.NaN, 120]);
    expect(parseCsv("a;b\n1;x", { delimiter: ";" }).columns).toEqual(["a", "b"]);
    const r = fromRecords([{ lot: 8450, zone: "RL" }, { lot: 9600 }, { lot: null, zone: "RM" }]);
    expect([...r.column("lot")]).toEqual([8450, 9600, Number.NaN]);
    expect(r.column("zone")).toEqual(["RL", null, "RM"]);
    expect(toCsv(fromColumns({ a: [1, null], b: ["x, y", "z"] }))).toBe('a,b\n1,"x, y"\n,z\n');
  });

  it("transformers", () => {
    const imp = new SimpleImputer({ strategy: "mostFrequent" }).fitTransform(
      fromColumns({ x: [1, null, 3, 3], zone: ["RL", null, "RM", "RL"] }),
    );
    expect([...imp.column("x")]).toEqual([1, 3, 3, 3]);
    expect(imp.column("zone")).toEqual(["RL", "RL", "RM", "RL"]);
    const s = new MinMaxScaler().fit(fromColumns({ x: [2, 4, 6] }));
    expect([...s.transform(fromColumns({ x: [4, 8] })).column("x")]).toEqual([0.5, 1.5]);
    const z = new StandardScaler().fitTransform(fromColumns({ x: [1, 2, 3] })).numericColumn("x");
    expect(z[0]).toBeCloseTo(-1.224744871391589, 14);
    const enc = new OneHotEncoder({ handleUnknown: "ignore" }).fit(fromColumns({ zone: ["RM", "RL"] }));
    expect(enc.featureNamesOut()).toEqual(["zone_RL", "zone_RM"]);
    expect([...enc.transform(fromColumns({ zone: ["RL", "FV"] })).column("zone_RL")]).toEqual([1, 0]);
    expect([
      ...new OrdinalEncoder().fitTransform(fromColumns({ q: ["Gd", "Ex", null, "Gd"] })).column("q"),
    ]).toEqual([1, 0, Number.NaN, 1]);
    const prep = new ColumnTransformer(
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
    expect(prep.fitTransform(readCsv("a,b\n1,x\nNA,NA\n3,x\n")).toRecords()).toEqual([
      { a: 0, b: "x" },
      { a: 0, b: "None" },
      { a: 1, b: "x" },
    ]);
    const p = new Pipeline([
      ["impute", new SimpleImputer({ strategy: "median" })],
      ["scale", new MinMaxScaler()],
    ]);
    expect([...p.fitTransform(fromColumns({ x: [0, null, 10] })).column("x")]).toEqual([0, 0.5, 1]);
    expect(columnSelector({ kind: "text" })(fromColumns({ a: [1], b: ["x"] }))).toEqual(["b"]);
  });

  it("splitters", () => {
    expect(kFold({ nSplits: 5, shuffle: true, seed: 0 }).split(1460)[0].test.length).toBe(292);
    const y = [0, 0, 0, 1, 1, 1];
    expect(
      stratifiedKFold({ nSplits: 3 })
        .split(y.length, y)
        .map((f) => [...f.test]),
    ).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(trainTestSplit(100, { testSize: 0.2, seed: 42 }).train.length).toBe(80);
  });
});
