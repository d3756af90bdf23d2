import { describe, expect, it } from "vitest";
import { InvalidDataError, InvalidParameterError, Pool, train } from "../../src/gbdt/index.js";

const exact = { bootstrapType: "No", randomStrength: 0 } as const;

/** Deterministic pseudo-random numbers for fixtures. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe("train(pool, params) on hand-checked data", () => {
  const pool = new Pool({ x: Float64Array.of(0, 0, 1, 1) }, { label: [1, 1, 3, 3] });

  it("one split with l2 0 and learning rate 1 recovers the two leaf means", () => {
    const m = train(pool, { ...exact, iterations: 1, depth: 1, learningRate: 1, l2LeafReg: 0 });
    expect([...m.predict({ x: Float64Array.of(0, 1, 0.2, 0.9) })]).toEqual([1, 3, 1, 3]);
    // the split sits halfway between the two values, as CatBoost places borders
    const s = m.data.trees[0].splits[0];
    expect(s).toEqual({ kind: "float", feature: 0, border: 0.5 });
  });

  it("leaf values are the Newton step -G / (H + l2) times the learning rate", () => {
    // start 2 (the mean); gradients -1 / +1 per row; l2 = 1 -> step 2 / 3 in each leaf
    const m = train(pool, { ...exact, iterations: 1, depth: 1, learningRate: 0.5, l2LeafReg: 1 });
    const p = m.predict({ x: Float64Array.of(0, 1) });
    expect(p[0]).toBeCloseTo(2 - 0.5 * (2 / 3), 12);
    expect(p[1]).toBeCloseTo(2 + 0.5 * (2 / 3), 12);
    expect(m.data.trees[0].leafWeights).toEqual([2, 2]);
  });

  it("a depth-2 symmetric tree splits both leaves on the same condition", () => {
    const a = Float64Array.of(0, 0, 1, 1, 0, 0, 1, 1);
    const b = Float64Array.of(0, 1, 0, 1, 0, 1, 0, 1);
    const y = Array.from(a, (v, i) => 10 * v + b[i]);
    const m = train(new Pool({ a, b }, { label: y }), {
      ...exact,
      iterations: 1,
      depth: 2,
      learningRate: 1,
      l2LeafReg: 0,
    });
    expect([...m.predict({ a, b })]).toEqual(y);
    expect(m.data.trees[0].splits.map((s) => s.kind === "float" && s.feature)).toEqual([0, 1]);
  });

  it("missing values go left of every split (nanMode Min) and their own bin can be split off", () => {
    const x = Float64Array.of(Number.NaN, Number.NaN, 1, 2, 3, 4);
    const y = [10, 10, 0, 0, 0, 0];
    const m = train(new Pool({ x }, { label: y }), {
      ...exact,
      iterations: 1,
      depth: 1,
      learningRate: 1,
      l2LeafReg: 0,
    });
    expect([...m.predict({ x: Float64Array.of(Number.NaN, 0, 5) })]).toEqual([10, 0, 0]);
  });

  it("train loss decreases monotonically without sampling", () => {
    const r = lcg(1);
    const n = 300;
    const x1 = Float64Array.from({ length: n }, r);
    const x2 = Float64Array.from({ length: n }, r);
    const y = Array.from(x1, (v, i) => Math.sin(6 * v) + x2[i] ** 2 + 0.1 * r());
    const m = train(new Pool({ x1, x2 }, { label: y }), {
      ...exact,
      iterations: 100,
      depth: 4,
      learningRate: 0.1,
    });
    const curve = m.evalsResult.learn.RMSE;
    expect(curve).toHaveLength(100);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThanOrEqual(curve[i - 1] + 1e-12);
    expect(curve[99]).toBeLessThan(curve[0] / 3);
  });

  it("the same seed reproduces the model; another seed changes it", () => {
    const r = lcg(2);
    const n = 200;
    const x = Float64Array.from({ length: n }, r);
    const c = Array.from({ length: n }, () => "abcdefgh"[Math.floor(r() * 8)]);
    const y = Array.from(x, (v, i) => v + (c[i] < "e" ? 1 : 0) + 0.3 * r());
    const pool = new Pool({ x, c }, { label: y });
    const fitWith = (seed: number) =>
      train(pool, { iterations: 30, depth: 3, learningRate: 0.2, seed }).predict(pool);
    expect(fitWith(5)).toEqual(fitWith(5));
    expect(fitWith(5)).not.toEqual(fitWith(6));
  });
});

describe("train(pool, params, { evalSet, earlyStoppingRounds, onIteration })", () => {
  const r = lcg(3);
  const n = 400;
  const x = Float64Array.from({ length: n }, r);
  const y = Array.from(x, (v) => v + 0.5 * r());
  const pool = new Pool({ x }, { label: y });
  const learn = pool.slice(Array.from({ length: 300 }, (_, i) => i));
  const valid = pool.slice(Array.from({ length: 100 }, (_, i) => 300 + i));

  it("stops after earlyStoppingRounds without improvement and keeps trees up to the best iteration", () => {
    const m = train(
      learn,
      { iterations: 2000, depth: 6, learningRate: 0.3 },
      { evalSet: valid, earlyStoppingRounds: 10 },
    );
    const v = m.evalsResult.validation.RMSE;
    expect(m.bestIteration).not.toBeNull();
    expect(v.length).toBe(m.bestIteration! + 11);
    expect(Math.min(...v)).toBe(v[m.bestIteration!]);
    expect(m.treeCount).toBe(m.bestIteration! + 1);
  });

  it("onIteration sees every iteration's metrics and stops training by returning false", () => {
    const seen: number[] = [];
    const m = train(
      learn,
      { iterations: 50 },
      {
        evalSet: valid,
        onIteration: (it, metrics) => {
          seen.push(it);
          expect(Object.keys(metrics)).toEqual(["learn-RMSE", "validation-RMSE"]);
          return it < 4;
        },
      },
    );
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(m.evalsResult.learn.RMSE).toHaveLength(5);
  });

  it("rejects bad input before training", () => {
    expect(() => train(new Pool({ x })), "no label").toThrow(/needs a pool with a label/);
    expect(() => train(learn, { lossFunction: "Huber" })).toThrow(
      /unknown loss "Huber" \(known: RMSE, MAE, Quantile/,
    );
    expect(() => train(learn, { evalMetric: "F2" })).toThrow(/unknown metric "F2"/);
    expect(() => train(learn, {}, { earlyStoppingRounds: 5 })).toThrow(InvalidParameterError);
    expect(() => train(learn, {}, { evalSet: new Pool({ z: x }, { label: y }) })).toThrow(
      /evalSet column 0 is numeric "z", the training pool has numeric "x" there/,
    );
    expect(() => train(learn, { lossFunction: "Logloss" })).toThrow(InvalidDataError);
  });
});

describe("train on many rows (features histogrammed in pairs)", () => {
  it("learns a target of two categorical columns and a number as well as the mean of each cell allows", () => {
    const n = 22000;
    let s = 3;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    const a = Array.from({ length: n }, () => `a${Math.floor(rand() * 12)}`);
    const b = Array.from({ length: n }, () => `b${Math.floor(rand() * 9)}`);
    const x = Float64Array.from({ length: n }, () => rand());
    const y = Array.from(
      { length: n },
      (_, i) => Number(a[i].slice(1)) / 6 - Number(b[i].slice(1)) / 4 + x[i] + 0.1 * rand(),
    );
    const m = train(new Pool({ a, b, x }, { label: y }), {
      iterations: 60,
      depth: 6,
      learningRate: 0.5,
      seed: 1,
    });
    const p = m.predict({ a, b, x });
    let se = 0;
    for (let i = 0; i < n; i++) se += (p[i] - y[i]) ** 2;
    // the noise alone has RMSE 0.029; the spread of y is about 1.2
    expect(Math.sqrt(se / n)).toBeLessThan(0.05);
  });
});
