import { describe, expect, it } from "vitest";
import { Rng } from "../../../../src/tune/rng.js";
import { LogEI } from "../../../../src/tune/samplers/gp/acquisition.js";
import { GaussianProcess } from "../../../../src/tune/samplers/gp/gp-model.js";
import { logCdf, logH } from "../../../../src/tune/samplers/gp/log-ei.js";
import { choleskyInPlace, solveLower, solveUpper } from "../../../../src/tune/samplers/math/cholesky.js";
import { symmetricEigen } from "../../../../src/tune/samplers/math/eigen.js";

function data(n: number) {
  const rng = new Rng(1);
  const d = 3;
  const x = new Float64Array(n * d).map(() => rng.random());
  for (let j = 0; j < n; j++) x[j * d + 2] = rng.int(3);
  const y = new Float64Array(n).map(
    (_, j) => Math.sin(5 * x[j * d]) + x[j * d + 1] ** 2 + 0.3 * x[j * d + 2],
  );
  return { x, y, d, categorical: Uint8Array.of(0, 0, 1) };
}

describe("linear algebra kernels", () => {
  it("choleskyInPlace + solves give A⁻¹b for a 3×3 SPD matrix checked by hand (tolerance 1e-12)", () => {
    const a = Float64Array.of(4, 2, 0, 2, 5, 1, 0, 1, 3);
    const l = Float64Array.from(a);
    expect(choleskyInPlace(3, l)).toBe(true);
    expect(l[0]).toBeCloseTo(2, 12);
    expect(l[3]).toBeCloseTo(1, 12);
    expect(l[4]).toBeCloseTo(2, 12);
    const b = Float64Array.of(1, 2, 3);
    solveLower(3, l, b);
    solveUpper(3, l, b);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += a[i * 3 + j] * b[j];
      expect(s).toBeCloseTo([1, 2, 3][i], 12);
    }
  });

  it("choleskyInPlace reports a matrix that is not positive definite", () => {
    expect(choleskyInPlace(2, Float64Array.of(1, 2, 2, 1))).toBe(false);
  });

  it("symmetricEigen reconstructs A = V·diag(λ)·Vᵀ (tolerance 1e-10)", () => {
    const a = Float64Array.of(2, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 1);
    const { values, vectors } = symmetricEigen(3, a);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += vectors[i * 3 + k] * values[k] * vectors[j * 3 + k];
        expect(s).toBeCloseTo(a[i * 3 + j], 10);
      }
  });
});

describe("GaussianProcess", () => {
  it("the gradient of the negative log posterior matches finite differences (relative 1e-4)", () => {
    const { x, y, categorical } = data(25);
    const gp = new GaussianProcess(x, y, categorical);
    const theta = Float64Array.of(0.3, -0.5, 1.1, 0.2, -3);
    const g = new Float64Array(5);
    const work = { k: new Float64Array(625), kinv: new Float64Array(625), alpha: new Float64Array(25) };
    const f = (t: Float64Array, gr: Float64Array) =>
      (gp as unknown as { negLogPosterior: (...a: unknown[]) => number }).negLogPosterior(t, gr, work);
    const f0 = f(Float64Array.from(theta), g);
    for (let i = 0; i < 5; i++) {
      const t = Float64Array.from(theta);
      t[i] += 1e-6;
      const fd = (f(t, new Float64Array(5)) - f0) / 1e-6;
      expect(Math.abs(fd - g[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(g[i])));
    }
  });

  it("after fitting, interpolates the training data and is uncertain far from it", () => {
    const { x, y, categorical } = data(40);
    const gp = new GaussianProcess(x, y, categorical);
    gp.fit();
    const scratch = { k: new Float64Array(40), v: new Float64Array(40), dk: new Float64Array(40) };
    for (let j = 0; j < 5; j++) {
      const { mean, variance } = gp.predict(x.slice(j * 3, j * 3 + 3), scratch);
      expect(Math.abs(mean - y[j])).toBeLessThan(0.05);
      expect(variance).toBeLessThan(0.01);
    }
  });

  it("log EI's gradient matches finite differences", () => {
    const { x, y, categorical } = data(30);
    const gp = new GaussianProcess(x, y, categorical);
    gp.fit();
    const acq = new LogEI(gp, Math.max(...y));
    const p = Float64Array.of(0.3, 0.7, 1);
    const grad = new Float64Array(3);
    const a0 = acq.value(p, grad);
    expect(Number.isFinite(a0)).toBe(true);
    for (let i = 0; i < 2; i++) {
      // Central differences, compared relative to the gradient's size (it can be large).
      const q = Float64Array.from(p);
      const r = Float64Array.from(p);
      q[i] += 1e-6;
      r[i] -= 1e-6;
      const fd = (acq.value(q) - acq.value(r)) / 2e-6;
      expect(Math.abs(fd - grad[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(grad[i])));
    }
  });
});

describe("logH", () => {
  it("equals log(zΦ(z) + φ(z)) where that is computable and stays finite far below", () => {
    // h(0) = φ(0) = 1/√(2π); h(1) = Φ(1) + φ(1) = 0.8413447460685429 + 0.24197072451914337
    expect(logH(0).value).toBeCloseTo(-0.5 * Math.log(2 * Math.PI), 12);
    expect(logH(1).value).toBeCloseTo(Math.log(0.8413447460685429 + 0.24197072451914337), 10);
    // h(−5) = φ(5) − 5·Φ(−5) = 1.4867195147342977e-6 − 5·2.866515718791939e-7
    expect(logH(-5).value).toBeCloseTo(Math.log(1.4867195147342977e-6 - 5 * 2.866515718791939e-7), 8);
    // Far below, h(z) ≈ φ(z)/z².
    const z = -40;
    expect(logH(z).value).toBeCloseTo(-0.5 * z * z - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(40), 2);
    expect(Number.isFinite(logH(-1e4).value)).toBe(true);
  });
});

describe("logCdf", () => {
  it("equals log Φ(z) (Φ(−1) = 0.15865525393145707, Φ(−10) = 7.61985302416047e-24) with slope φ/Φ", () => {
    expect(logCdf(0).value).toBeCloseTo(Math.log(0.5), 14);
    expect(logCdf(-1).value).toBeCloseTo(Math.log(0.15865525393145707), 10);
    expect(logCdf(-10).value).toBeCloseTo(Math.log(7.61985302416047e-24), 8);
    const h = 1e-6;
    for (const z of [-30, -3, -0.5, 2])
      expect(logCdf(z).slope).toBeCloseTo((logCdf(z + h).value - logCdf(z - h).value) / (2 * h), 4);
  });
});
