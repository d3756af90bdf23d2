import { describe, expect, it } from "vitest";
import { contour } from "../../../../ui/src/studies/data/contour.js";
import { paramAxis } from "../../../../ui/src/studies/data/param-axis.js";
import { trial } from "./make-trial.js";

const ax = paramAxis("x", { type: "float", low: 0, high: 1 }, []);
const ay = paramAxis("y", { type: "float", low: 0, high: 1 }, []);

describe("contour(trials, x, y)", () => {
  it("fills a resolution² grid whose values stay within the observed range and follow the data", () => {
    // value = x: the surface must grow along x and not along y
    const ts = [];
    let n = 0;
    for (const x of [0.1, 0.5, 0.9])
      for (const y of [0.1, 0.5, 0.9]) ts.push(trial(n++, { values: [x], params: { x, y } }));
    const c = contour(ts, ax, ay, 0, { resolution: 10 });
    expect(c.xs).toHaveLength(10);
    expect(c.z).toHaveLength(100);
    expect(c.points).toHaveLength(9);
    for (const v of c.z) {
      expect(v).toBeGreaterThanOrEqual(0.1 - 1e-12);
      expect(v).toBeLessThanOrEqual(0.9 + 1e-12);
    }
    const row = (j: number) => Array.from(c.z.slice(j * 10, j * 10 + 10));
    for (let j = 0; j < 10; j++) expect(row(j)[9]).toBeGreaterThan(row(j)[0]);
    expect(c.z[0]).toBeCloseTo(c.z[90], 9); // symmetric in y
    expect(c.xs[0]).toBeCloseTo(0.05, 12);
  });

  it("uses one cell per choice on a categorical axis and log10 on a log axis", () => {
    const cat = paramAxis("c", { type: "categorical", choices: ["a", "b", "c"] }, []);
    const lg = paramAxis("lr", { type: "float", low: 1e-3, high: 1, log: true }, []);
    const ts = [
      trial(0, { values: [1], params: { c: "a", lr: 0.001 } }),
      trial(1, { values: [3], params: { c: "c", lr: 1 } }),
    ];
    const c = contour(ts, cat, lg, 0, { resolution: 6 });
    expect(c.xs).toEqual([0, 1, 2]);
    expect(c.ys[0]).toBeCloseTo(-3 + 0.25, 12);
    expect(c.points).toEqual([
      [0, -3, 1, 0],
      [2, 0, 3, 1],
    ]);
  });

  it("is an empty grid without trials that have both parameters", () => {
    const c = contour([trial(0, { values: [1], params: { x: 1 } })], ax, ay);
    expect(c.points).toEqual([]);
    expect(c.z).toHaveLength(0);
  });
});
