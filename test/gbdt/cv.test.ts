import { describe, expect, it } from "vitest";
import { cv, Pool, train } from "../../src/gbdt/index.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const r = lcg(11);
const n = 300;
const x = Float64Array.from({ length: n }, r);
const c = Array.from({ length: n }, () => "abcdef"[Math.floor(r() * 6)]);
const y = Array.from(x, (v, i) => 2 * v + "abcdef".indexOf(c[i]) * 0.3 + 0.2 * r());
const pool = new Pool({ x, c }, { label: y });

describe("cv(pool, params, options)", () => {
  it("returns catboost.cv's columns for every iteration and the best iteration", async () => {
    const res = await cv(
      pool,
      { iterations: 30, depth: 3, learningRate: 0.2, customMetric: ["R2"] },
      { nfold: 3 },
    );
    expect(Object.keys(res.results).sort()).toEqual(
      [
        "iterations",
        "test-R2-mean",
        "test-R2-std",
        "test-RMSE-mean",
        "test-RMSE-std",
        "train-R2-mean",
        "train-R2-std",
        "train-RMSE-mean",
        "train-RMSE-std",
      ].sort(),
    );
    expect(res.results.iterations).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const test = res.results["test-RMSE-mean"];
    expect(res.bestScore).toBe(Math.min(...test));
    expect(test[res.bestIteration]).toBe(res.bestScore);
    // learn rows see ordered (noisier) target statistics, so train may trail test early on
    expect(res.results["train-RMSE-mean"][29]).toBeLessThan(res.results["train-RMSE-mean"][0]);
  });

  it("with exact folds, fold means equal separately trained models' eval metrics", async () => {
    const folds = [0, 1, 2].map((k) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === k));
    const params = { iterations: 10, depth: 3, learningRate: 0.2 };
    const res = await cv(pool, params, { folds });
    const last = folds.map((test) => {
      const trainRows = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== test[0] % 3);
      const m = train(pool.slice(trainRows), params, { evalSet: pool.slice(test) });
      return m.evalsResult.validation.RMSE[9];
    });
    const mean = last.reduce((a, b) => a + b, 0) / 3;
    // slices re-quantise on their own rows, cv quantises once on the whole pool: close, not equal
    expect(res.results["test-RMSE-mean"][9]).toBeCloseTo(mean, 1);
  });

  it("stops early on the mean test metric and when onIteration returns false", async () => {
    const es = await cv(
      pool,
      { iterations: 3000, depth: 6, learningRate: 0.5 },
      { nfold: 3, earlyStoppingRounds: 5 },
    );
    expect(es.results.iterations.length).toBe(es.bestIteration + 6);
    const seen: number[] = [];
    const stopped = await cv(
      pool,
      { iterations: 100 },
      {
        nfold: 3,
        onIteration: async (it, means) => {
          seen.push(it);
          expect(means["test-RMSE-mean"]).toBeGreaterThan(0);
          return it < 2;
        },
      },
    );
    expect(seen).toEqual([0, 1, 2]);
    expect(stopped.stoppedByCallback).toBe(true);
    expect(stopped.results.iterations).toEqual([0, 1, 2]);
  });

  it("worker threads give the same numbers as one thread", async () => {
    const params = { iterations: 15, depth: 3, learningRate: 0.2 };
    const one = await cv(pool, params, { nfold: 3 });
    const two = await cv(pool, { ...params, threadCount: 2 }, { nfold: 3 });
    expect(two.results).toEqual(one.results);
  });

  it("rejects bad folds", async () => {
    await expect(cv(pool, {}, { folds: [[0, 1]] })).rejects.toThrow(/at least 2 folds/);
    await expect(cv(pool, {}, { folds: [[0, 1], [n]] })).rejects.toThrow(/row 300 is not a row index/);
    await expect(cv(pool, {}, { nfold: 1 })).rejects.toThrow(/nfold must be an integer >= 2/);
  });
});
