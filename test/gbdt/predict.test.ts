import { describe, expect, it } from "vitest";
import { Model, Pool, train } from "../../src/gbdt/index.js";

type Cols = Record<string, Float64Array | (string | null)[]>;

const tables = new WeakMap<object, Map<string | null, number>>();

/** Straightforward evaluation of the model file, row by row: the reference for predict(). */
function reference(model: Model, cols: Cols, i: number): number {
  const d = model.data;
  const table = (ctr: (typeof d.ctrs)[number]) => {
    let t = tables.get(ctr);
    if (!t) {
      t = new Map(ctr.table);
      tables.set(ctr, t);
    }
    return t;
  };
  const name = (f: number) => d.features[f].name;
  let sum = d.bias[0];
  for (const t of d.trees) {
    let leaf = 0;
    t.splits.forEach((s, level) => {
      let right: boolean;
      if (s.kind === "float") {
        const v = (cols[name(s.feature)] as Float64Array)[i];
        right = Number.isNaN(v) ? d.nanMode === "Max" : v > s.border;
      } else if (s.kind === "onehot") {
        right = cols[name(s.feature)][i] === s.value;
      } else {
        const ctr = d.ctrs[s.ctr];
        const cat = cols[name(ctr.feature)][i] as string | null;
        const value = table(ctr).get(cat) ?? ctr.unseen;
        right = value > s.border;
      }
      if (right) leaf |= 1 << level;
    });
    sum += t.leafValues[leaf];
  }
  return sum;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe("model.predict(data)", () => {
  const r = lcg(99);
  const n = 2000;
  const cols: Cols = {
    // many distinct values: the model uses more than 127 borders of this column
    x: Float64Array.from({ length: n }, () => (r() < 0.05 ? Number.NaN : r())),
    z: Float64Array.from({ length: n }, () => Math.floor(r() * 1000)),
    b: Array.from({ length: n }, () => (r() < 0.5 ? "on" : "off")),
    c: Array.from({ length: n }, () => (r() < 0.03 ? null : `k${Math.floor(r() * 40)}`)),
  };
  const x = cols.x as Float64Array;
  const z = cols.z as Float64Array;
  const y = Array.from(
    x,
    (v, i) =>
      Math.sin(20 * (Number.isNaN(v) ? 0.5 : v)) +
      z[i] / 500 +
      (cols.b[i] === "on" ? 0.3 : 0) +
      (cols.c[i] === "k3" ? 1 : 0) +
      0.05 * r(),
  );
  const pool = new Pool(cols, { label: y });

  it.each(["Min", "Max"] as const)(
    "equals a row-by-row evaluation of the model file (nanMode %s)",
    (nanMode) => {
      const model = train(pool, { iterations: 200, depth: 6, learningRate: 0.5, nanMode, randomStrength: 0 });
      const used = new Set(
        model.data.trees.flatMap((t) =>
          t.splits
            .filter((s) => s.kind === "float" && s.feature === 0)
            .map((s) => (s.kind === "float" ? s.border : 0)),
        ),
      );
      expect(used.size).toBeGreaterThan(127);
      const fresh: Cols = {
        x: Float64Array.from({ length: 500 }, () => (r() < 0.1 ? Number.NaN : r() * 1.2 - 0.1)),
        z: Float64Array.from({ length: 500 }, () => Math.floor(r() * 1100)),
        b: Array.from({ length: 500 }, () => ["on", "off", "unknown"][Math.floor(r() * 3)]),
        c: Array.from({ length: 500 }, () => (r() < 0.1 ? null : `k${Math.floor(r() * 50)}`)),
      };
      for (const data of [cols, fresh]) {
        const p = model.predict(data);
        let worst = 0;
        for (let i = 0; i < data.x.length; i++)
          worst = Math.max(worst, Math.abs(p[i] - reference(model, data, i)));
        expect(worst).toBe(0);
      }
      expect(model.predict(pool)).toEqual(model.predict(cols));
    },
  );

  it.each([3, 6, 7, 9])(
    "equals the row-by-row evaluation at depth %i and with an odd number of trees",
    (depth) => {
      const model = train(pool, { iterations: 15, depth, learningRate: 0.3 });
      for (const ntreeEnd of [15, 8, 1]) {
        const p = model.predict(cols, { ntreeEnd });
        const cut = new Model({ ...model.data, trees: model.data.trees.slice(0, ntreeEnd) });
        let worst = 0;
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(p[i] - reference(cut, cols, i)));
        expect(worst).toBe(0);
      }
    },
  );

  it("ntreeEnd limits the trees used", () => {
    const model = train(pool, { iterations: 20, depth: 3 });
    const p = model.predict(cols, { ntreeEnd: 0 });
    expect(p.every((v) => v === model.data.bias[0])).toBe(true);
  });
});
