import { describe, expect, it } from "vitest";
import { createLoss, createMetric, LOSSES, Pool, train } from "../../src/gbdt/index.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const r = lcg(21);
const n = 600;
const x1 = Float64Array.from({ length: n }, r);
const x2 = Float64Array.from({ length: n }, r);
const c = Array.from({ length: n }, () => "abcde"[Math.floor(r() * 5)]);

describe("losses", () => {
  it("the table lists every loss and an unknown name lists the known ones", () => {
    expect(Object.keys(LOSSES)).toEqual(["RMSE", "MAE", "Quantile", "Logloss", "CrossEntropy", "MultiClass"]);
    expect(() => createLoss("Poisson")).toThrow(
      /unknown loss "Poisson" \(known: RMSE, MAE, Quantile, Logloss, CrossEntropy, MultiClass\)/,
    );
    expect(() => createLoss("Quantile:alpha=2")).toThrow(
      /alpha in "Quantile:alpha=2" must be in \(0, 1\), got 2/,
    );
  });

  it("gradients are the derivatives of the loss (finite differences)", () => {
    const y = Float64Array.of(0, 1, 1, 0);
    const a = Float64Array.of(-0.3, 0.2, 1.5, 0.7);
    for (const [spec, metric] of [
      ["RMSE", "RMSE"],
      ["Logloss", "Logloss"],
      ["CrossEntropy", "CrossEntropy"],
    ] as const) {
      const loss = createLoss(spec);
      const m = createMetric(metric);
      const g = new Float64Array(4);
      const h = new Float64Array(4);
      loss.gradients(4, a, y, null, g, h);
      // total loss: RMSE metric is sqrt(mean(sq)), so compare against the squared error sum / 2
      const total = (v: Float64Array) => {
        const val = m.evaluate(4, v, y, null);
        return spec === "RMSE" ? (4 * val * val) / 2 : 4 * val;
      };
      for (let i = 0; i < 4; i++) {
        const e = 1e-6;
        const up = Float64Array.from(a);
        up[i] += e;
        const dn = Float64Array.from(a);
        dn[i] -= e;
        expect(g[i]).toBeCloseTo((total(up) - total(dn)) / (2 * e), 5);
      }
    }
  });

  it("Logloss separates two classes; predict gives classes and predictProba probabilities", () => {
    const y = Array.from(x1, (v, i) => (v + 0.3 * x2[i] > 0.6 ? 1 : 0));
    const pool = new Pool({ x1, x2 }, { label: y });
    const m = train(pool, {
      lossFunction: "Logloss",
      iterations: 100,
      depth: 3,
      learningRate: 0.3,
      customMetric: ["AUC", "Accuracy"],
    });
    const cls = m.predict(pool);
    const acc = cls.reduce((a, v, i) => a + (v === y[i] ? 1 : 0), 0) / n;
    expect(acc).toBeGreaterThan(0.95);
    const proba = m.predictProba(pool);
    expect(proba[0][0] + proba[0][1]).toBeCloseTo(1, 12);
    expect(m.evalsResult.learn.AUC.at(-1)).toBeGreaterThan(0.99);
    expect(m.evalsResult.learn.Accuracy.at(-1)).toBeCloseTo(acc, 9);
  });

  it("CrossEntropy fits probabilities given as labels", () => {
    const y = Array.from(x1, (v) => v);
    const m = train(new Pool({ x1 }, { label: y }), {
      lossFunction: "CrossEntropy",
      iterations: 200,
      depth: 3,
      learningRate: 0.3,
    });
    const p = m.predict({ x1: Float64Array.of(0.1, 0.9) }, { predictionType: "Probability" });
    expect(p[0]).toBeCloseTo(0.1, 1);
    expect(p[1]).toBeCloseTo(0.9, 1);
  });

  it("MultiClass learns three classes with categorical input", () => {
    const y = Array.from(c, (v, i) => (v === "a" ? 0 : x1[i] > 0.5 ? 1 : 2));
    const pool = new Pool({ x1, c }, { label: y });
    const m = train(pool, {
      lossFunction: "MultiClass",
      iterations: 80,
      depth: 3,
      learningRate: 0.3,
      customMetric: ["Accuracy"],
    });
    const cls = m.predict(pool);
    expect(cls.reduce((a, v, i) => a + (v === y[i] ? 1 : 0), 0) / n).toBeGreaterThan(0.97);
    const proba = m.predictProba(pool);
    expect(proba[0]).toHaveLength(3);
    expect(proba[0].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(m.predictRaw(pool)).toHaveLength(3 * n);
    expect(() => train(pool, { lossFunction: "MultiClass", classesCount: 2 })).toThrow(
      /labels 0..1; row \d+ has 2/,
    );
  });

  it("Quantile predictions cover about alpha of the rows; MAE tracks the median", () => {
    const y = Array.from(x1, (v) => v + r());
    const pool = new Pool({ x1 }, { label: y });
    for (const alpha of [0.2, 0.8]) {
      const m = train(pool, {
        lossFunction: `Quantile:alpha=${alpha}`,
        iterations: 300,
        depth: 3,
        learningRate: 0.1,
      });
      const p = m.predict(pool);
      const below = y.filter((v, i) => v <= p[i]).length / n;
      expect(Math.abs(below - alpha)).toBeLessThan(0.08);
      expect(m.evalsResult.learn[`Quantile:alpha=${alpha}`]).toHaveLength(300);
    }
    const mae = train(pool, { lossFunction: "MAE", iterations: 300, depth: 3, learningRate: 0.1 });
    const p = mae.predict(pool);
    expect(Math.abs(y.filter((v, i) => v <= p[i]).length / n - 0.5)).toBeLessThan(0.08);
  });
});

describe("metrics", () => {
  const y = Float64Array.of(0, 0, 1, 1);
  it("AUC counts ties half; R2, MAE, Accuracy by hand", () => {
    expect(createMetric("AUC").evaluate(4, Float64Array.of(0.1, 0.4, 0.35, 0.8), y, null)).toBeCloseTo(
      0.75,
      12,
    );
    expect(createMetric("AUC").evaluate(4, Float64Array.of(0.5, 0.5, 0.5, 0.5), y, null)).toBeCloseTo(
      0.5,
      12,
    );
    expect(createMetric("R2").evaluate(4, Float64Array.of(0, 0, 1, 1), y, null)).toBe(1);
    expect(createMetric("R2").evaluate(4, Float64Array.of(0.5, 0.5, 0.5, 0.5), y, null)).toBe(0);
    expect(createMetric("MAE").evaluate(4, Float64Array.of(1, 0, 1, 0), y, null)).toBe(0.5);
    expect(createMetric("Accuracy").evaluate(4, Float64Array.of(-1, 2, 3, 4), y, null)).toBe(0.75);
    expect(
      createMetric("RMSE").evaluate(2, Float64Array.of(1, 3), Float64Array.of(0, 0), Float64Array.of(1, 0)),
    ).toBe(1);
    expect(() => createMetric("F1")).toThrow(/unknown metric "F1" \(known: RMSE, MAE, Quantile, R2, Logloss/);
  });
});

describe("bootstrap types", () => {
  const y = Array.from(x1, (v, i) => v + x2[i] + 0.1 * r());
  const pool = new Pool({ x1, x2 }, { label: y });
  it.each(["Bayesian", "Bernoulli", "MVS", "No"] as const)(
    "%s trains reproducibly and fits",
    (bootstrapType) => {
      const params = { bootstrapType, iterations: 60, depth: 4, learningRate: 0.2, subsample: 0.6, seed: 3 };
      const a = train(
        pool,
        bootstrapType === "Bayesian" ? { ...params, subsample: undefined, baggingTemperature: 2 } : params,
      );
      const b = train(
        pool,
        bootstrapType === "Bayesian" ? { ...params, subsample: undefined, baggingTemperature: 2 } : params,
      );
      expect(a.predict(pool)).toEqual(b.predict(pool));
      expect(a.evalsResult.learn.RMSE.at(-1)).toBeLessThan(0.2);
    },
  );
});
