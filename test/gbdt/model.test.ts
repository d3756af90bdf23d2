import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Model, ModelFormatError, Pool, train } from "../../src/gbdt/index.js";

function data(n: number, seed: number) {
  let s = seed;
  const r = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const x = Float64Array.from({ length: n }, () => (r() < 0.1 ? Number.NaN : r()));
  const c = Array.from({ length: n }, () => (r() < 0.05 ? null : "pqrstu"[Math.floor(r() * 6)]));
  const b = Array.from({ length: n }, () => (r() < 0.5 ? "yes" : "no"));
  const y = Array.from(
    x,
    (v, i) => (Number.isNaN(v) ? 2 : v) + (c[i] === "p" ? 1 : 0) + (b[i] === "yes" ? 0.5 : 0),
  );
  return { columns: { x, c, b }, y };
}

describe("Model save(path) / Model.load(path)", () => {
  const dir = mkdtempSync(join(tmpdir(), "gbdt-model-"));
  const { columns, y } = data(300, 1);
  const pool = new Pool(columns, { label: y });
  const model = train(pool, { iterations: 40, depth: 4, learningRate: 0.3 });

  it("round-trips to identical predictions, with numeric, one-hot and target-statistic splits", () => {
    const kinds = new Set(model.data.trees.flatMap((t) => t.splits.map((s) => s.kind)));
    expect(kinds).toEqual(new Set(["float", "onehot", "ctr"]));
    const path = join(dir, "m.json");
    model.save(path);
    const loaded = Model.load(path);
    expect(loaded.predict(pool)).toEqual(model.predict(pool));
    expect(loaded.predict(columns)).toEqual(model.predict(pool));
    expect(loaded.featureImportance()).toEqual(model.featureImportance());
  });

  it("predicts unseen categories and missing values", () => {
    const p = model.predict({ x: Float64Array.of(Number.NaN, 0.5), c: ["zzz", null], b: ["maybe", "yes"] });
    expect(p.every(Number.isFinite)).toBe(true);
  });

  it("gives clear errors for corrupt, foreign and newer files", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    expect(() => Model.load(bad)).toThrow(/not a JSON file/);
    writeFileSync(bad, JSON.stringify({ learner: {} }));
    expect(() => Model.load(bad)).toThrow(ModelFormatError);
    expect(() => Model.load(bad)).toThrow(/not a tunelab GBDT model/);
    writeFileSync(bad, JSON.stringify({ ...model.toJSON(), version: 99 }));
    expect(() => Model.load(bad)).toThrow(/version 99 is not supported/);
    writeFileSync(bad, JSON.stringify({ ...model.toJSON(), trees: [{ splits: [], leafValues: [1, 2] }] }));
    expect(() => Model.load(bad)).toThrow(/incomplete or damaged/);
    expect(() => Model.load(join(dir, "missing.json"))).toThrow(/cannot read the file/);
  });

  it("featureImportance() sums to 100 and ranks the informative column first", () => {
    const imp = model.featureImportance();
    expect(imp.map((f) => f.feature)).toEqual(["x", "c", "b"]);
    expect(imp.reduce((a, f) => a + f.importance, 0)).toBeCloseTo(100, 9);
    expect(imp[0].importance).toBeGreaterThan(imp[2].importance);
  });

  it("predict() names a missing column", () => {
    expect(() => model.predict({ x: Float64Array.of(1) })).toThrow(/has no column "c"/);
  });
});
