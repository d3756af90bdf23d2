import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Model, Pool } from "../../src/gbdt/index.js";

const dir = new URL("../fixtures/gbdt/", import.meta.url);
const fixture = JSON.parse(readFileSync(new URL("model-v1-rows.json", dir), "utf8")) as {
  catFeatures: string[];
  rows: Record<string, (number | string | null)[]>;
  predictions: Record<string, number[]>;
};

describe("a model file saved by an earlier tunelab (format version 1)", () => {
  // House Prices rows with missing numbers and text, unseen categories and far-out numbers; the
  // predictions are those of the version that saved the file (see make-model-v1.ts)
  const model = Model.load(new URL("model-v1.json", dir).pathname);
  const cats = new Set(fixture.catFeatures);
  const columns: Record<string, Float64Array | (string | null)[]> = {};
  for (const [name, values] of Object.entries(fixture.rows))
    columns[name] = cats.has(name)
      ? (values as (string | null)[])
      : Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number)));

  it("loads and has numeric, one-hot and target-statistic splits", () => {
    expect(model.data.version).toBe(1);
    const kinds = new Set(model.data.trees.flatMap((t) => t.splits.map((s) => s.kind)));
    expect([...kinds].sort()).toEqual(["ctr", "float", "onehot"]);
  });

  it("predicts bit for bit what that version predicted, from columns and from a Pool", () => {
    const pool = new Pool(columns, { catFeatures: fixture.catFeatures });
    for (const [ntreeEnd, expected] of Object.entries(fixture.predictions)) {
      expect(Array.from(model.predict(columns, { ntreeEnd: Number(ntreeEnd) }))).toEqual(expected);
      expect(Array.from(model.predict(pool, { ntreeEnd: Number(ntreeEnd) }))).toEqual(expected);
    }
  });

  it("predicts the same for any number of rows (the kernel takes four rows per word)", () => {
    const expected = fixture.predictions["42"];
    for (const n of [203, 202, 201, 5, 1]) {
      const head = Object.fromEntries(Object.entries(columns).map(([name, col]) => [name, col.slice(0, n)]));
      expect(Array.from(model.predict(head))).toEqual(expected.slice(0, n));
    }
  });
});
