import { describe, expect, it } from "vitest";
import { IntDistribution } from "../../../../src/tune/index.js";
import { CmaState } from "../../../../src/tune/samplers/cmaes/cma.js";
import { applyMargin } from "../../../../src/tune/samplers/cmaes/margin.js";
import { ndtr } from "../../../../src/tune/samplers/tpe/normal.js";
import { UnitSpace } from "../../../../src/tune/samplers/unit-space.js";

describe("applyMargin", () => {
  it("widens a collapsed integer coordinate so that leaving its cell has probability >= alpha", () => {
    const space = new UnitSpace({ n: new IntDistribution(0, 9) });
    const state = new CmaState(Float64Array.of(0.55), 1e-4, 6);
    const alpha = 0.05;
    applyMargin(state, space, alpha);
    const [lo, hi] = space.cell(0, 0.55)!;
    expect(lo).toBeCloseTo(0.5, 12);
    expect(hi).toBeCloseTo(0.6, 12);
    const s = state.coordinateStd(0);
    const outside = ndtr((lo - 0.55) / s) + 1 - ndtr((hi - 0.55) / s);
    expect(outside).toBeGreaterThanOrEqual(alpha * 0.999);
    expect(outside).toBeLessThan(alpha * 1.01);
  });

  it("leaves a wide coordinate alone", () => {
    const space = new UnitSpace({ n: new IntDistribution(0, 9) });
    const state = new CmaState(Float64Array.of(0.55), 0.3, 6);
    applyMargin(state, space, 0.05);
    expect(state.scale[0]).toBe(1);
  });
});

describe("orthogonalNormals", () => {
  it("gives blocks of n mutually orthogonal vectors, λ in all", async () => {
    const { orthogonalNormals } = await import("../../../../src/tune/samplers/cmaes/cma.js");
    const { Rng } = await import("../../../../src/tune/rng.js");
    const vs = orthogonalNormals(4, 10, new Rng(1));
    expect(vs).toHaveLength(10);
    for (const block of [vs.slice(0, 4), vs.slice(4, 8), vs.slice(8)])
      for (let a = 0; a < block.length; a++)
        for (let b = a + 1; b < block.length; b++) {
          let dot = 0;
          for (let i = 0; i < 4; i++) dot += block[a][i] * block[b][i];
          expect(Math.abs(dot)).toBeLessThan(1e-9);
        }
  });
});
