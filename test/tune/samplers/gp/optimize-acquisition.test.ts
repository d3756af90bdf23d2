import { describe, expect, it } from "vitest";
import {
  CategoricalDistribution,
  FloatDistribution,
  IntDistribution,
} from "../../../../src/tune/distributions.js";
import { Rng } from "../../../../src/tune/rng.js";
import { LogEI } from "../../../../src/tune/samplers/gp/acquisition.js";
import { GaussianProcess } from "../../../../src/tune/samplers/gp/gp-model.js";
import { lbfgsMinimize } from "../../../../src/tune/samplers/gp/lbfgs.js";
import { maximizeAcquisition } from "../../../../src/tune/samplers/gp/optimize-acquisition.js";
import { UnitSpace } from "../../../../src/tune/samplers/unit-space.js";

describe("lbfgsMinimize", () => {
  it("minimises an ill-conditioned quadratic to its interior optimum", () => {
    // f = Σ c_i (x_i − t_i)², c spanning 4 orders of magnitude.
    const c = [1, 10, 100, 1e4];
    const t = [0.3, -0.2, 0.7, 0.1];
    const x = new Float64Array(4);
    const r = lbfgsMinimize(
      (v, g) => {
        let f = 0;
        for (let i = 0; i < 4; i++) {
          f += c[i] * (v[i] - t[i]) ** 2;
          g[i] = 2 * c[i] * (v[i] - t[i]);
        }
        return f;
      },
      x,
      { maxIter: 200, pgtol: 1e-9, tol: 0 },
    );
    for (let i = 0; i < 4; i++) expect(x[i]).toBeCloseTo(t[i], 6);
    expect(r.value).toBeLessThan(1e-10);
  });

  it("stops on the box: coordinates pushed outwards rest on their bound, the others converge", () => {
    // Unconstrained optimum (2, −3, 0.5) in the box [0, 1]³ → (1, 0, 0.5).
    const t = [2, -3, 0.5];
    const x = Float64Array.of(0.5, 0.5, 0.9);
    lbfgsMinimize(
      (v, g) => {
        let f = 0.3 * v[0] * v[2];
        for (let i = 0; i < 3; i++) {
          f += (i + 1) * (v[i] - t[i]) ** 2;
          g[i] = 2 * (i + 1) * (v[i] - t[i]);
        }
        g[0] += 0.3 * v[2];
        g[2] += 0.3 * v[0];
        return f;
      },
      x,
      { lower: 0, upper: Float64Array.of(1, 1, 1), maxIter: 100, pgtol: 1e-10, tol: 0 },
    );
    expect(x[0]).toBe(1);
    expect(x[1]).toBe(0);
    // ∂f/∂x2 = 6(x2 − 0.5) + 0.3·x0 = 0 at x0 = 1 → x2 = 0.45.
    expect(x[2]).toBeCloseTo(0.45, 6);
  });

  it("rejects bounds of the wrong length", () => {
    expect(() => lbfgsMinimize(() => 0, new Float64Array(2), { lower: new Float64Array(3) })).toThrow(
      /3 bounds/,
    );
  });
});

function fitted(space: UnitSpace, f: (p: Float64Array) => number, n: number) {
  const rng = new Rng(3);
  const d = space.dim;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const p = new Float64Array(d);
    for (let i = 0; i < d; i++)
      p[i] = space.choices[i] > 0 ? rng.int(space.choices[i]) : space.snap(i, rng.random());
    x.set(p, j * d);
    y[j] = f(p);
  }
  const gp = new GaussianProcess(
    x,
    y,
    Uint8Array.from(space.choices, (k) => (k > 0 ? 1 : 0)),
  );
  gp.fit();
  return { gp, x, y };
}

describe("maximizeAcquisition", () => {
  it("beats the best of 4096 random points and the warm start, and returns a representable point", () => {
    const space = new UnitSpace({
      a: new FloatDistribution(-5, 5),
      b: new FloatDistribution(1e-4, 1, { log: true }),
      c: new IntDistribution(1, 12),
      k: new CategoricalDistribution(["p", "q", "r"]),
    });
    const target = Float64Array.of(0.63, 0.27, 0.5, 2);
    const f = (p: Float64Array) =>
      -((p[0] - target[0]) ** 2) -
      2 * (p[1] - target[1]) ** 2 -
      (p[2] - target[2]) ** 2 -
      (p[3] === 2 ? 0 : 0.3);
    const { gp, x, y } = fitted(space, f, 30);
    let bestJ = 0;
    for (let j = 1; j < y.length; j++) if (y[j] > y[bestJ]) bestJ = j;
    const acq = new LogEI(gp, y[bestJ]);
    const warm = x.slice(bestJ * 4, bestJ * 4 + 4);
    const p = maximizeAcquisition(acq, space, [warm], new Rng(1), {
      nPreliminary: 512,
      nLocalSearch: 6,
      maxIter: 100,
      pgtol: 1e-4,
    });
    const score = acq.value(p);
    expect(score).toBeGreaterThanOrEqual(acq.value(warm));
    const rng = new Rng(9);
    let randomBest = -Infinity;
    for (let c = 0; c < 4096; c++) {
      const q = Float64Array.from({ length: 4 }, (_, i) =>
        space.choices[i] > 0 ? rng.int(space.choices[i]) : space.snap(i, rng.random()),
      );
      randomBest = Math.max(randomBest, acq.value(q));
    }
    expect(score).toBeGreaterThanOrEqual(randomBest);
    // The int coordinate sits on its grid, the categorical on a choice index.
    expect(space.snap(2, p[2])).toBe(p[2]);
    expect([0, 1, 2]).toContain(p[3]);
  });
});

describe("GaussianProcess.trainingMean", () => {
  it("equals the posterior mean predicted at each training point", () => {
    const space = new UnitSpace({ a: new FloatDistribution(0, 1), b: new FloatDistribution(0, 1) });
    // A noisy objective, so the fitted noise is well above its floor and mean ≠ y.
    const noise = new Rng(5);
    const { gp, x, y } = fitted(space, (p) => Math.sin(6 * p[0]) + p[1] + 0.3 * noise.normal(), 40);
    const scratch = { k: new Float64Array(40), v: new Float64Array(40), dk: new Float64Array(40) };
    let differs = 0;
    for (let j = 0; j < 40; j++) {
      const m = gp.predict(x.slice(j * 2, j * 2 + 2), scratch).mean;
      expect(gp.trainingMean(j)).toBeCloseTo(m, 8);
      differs = Math.max(differs, Math.abs(m - y[j]));
    }
    expect(differs).toBeGreaterThan(0.01);
  });
});
